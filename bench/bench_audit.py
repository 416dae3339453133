"""The access log: ``audit_record`` (hash chain, head row lock, triggers) against plain inserts.

Subject: ``audit_record()``, which locks the chain head, hashes the event together with the
previous hash, inserts it into the append-only table (whose triggers refuse updates and
deletes) and moves the head. Reference: the same columns inserted into a table without chain,
head or triggers. Two shapes: many events in one transaction (a bulk job), and one transaction
per event (a request that writes one thing).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from django.db import models, transaction
from django.utils import timezone

from bench.harness import Comparison, create_table
from liaison.core.audit import audit_record
from liaison.core.models import AuditAction

TITLE = "audit_record (hash-chained, append-only) vs plain inserts"


class PlainEvent(models.Model):
    """The columns of ``core.AuditEvent`` with no chain and no triggers; exists only during the run."""

    at = models.DateTimeField(db_index=True)
    actor_id = models.BigIntegerField(null=True, db_index=True)
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=20, db_index=True)
    object_type = models.CharField(max_length=100, db_index=True, blank=True)
    object_id = models.CharField(max_length=64, db_index=True, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    fields = models.JSONField(default=list, blank=True)
    purpose = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        app_label = "bench"

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"


_serial = itertools.count()


def _audited(i: int) -> None:
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type="nrm.case",
        object_id=str(i),
        object_label=f"case {i}",
        fields=["status", "support_plan"],
        purpose="benchmark",
    )


def _plain(i: int) -> None:
    n = next(_serial)
    PlainEvent(
        at=timezone.now(),
        actor_label="system",
        action=AuditAction.UPDATE,
        object_type="nrm.case",
        object_id=str(i),
        object_label=f"case {i}",
        fields=["status", "support_plan"],
        purpose="benchmark",
        previous_hash=f"{n - 1:064d}",
        entry_hash=f"{n:064d}",
    ).save(force_insert=True)


def _in_one_transaction(write: Callable[[int], None], rows: int) -> Callable[[], None]:
    def run() -> None:
        with transaction.atomic():
            for i in range(rows):
                write(i)

    return run


def _one_transaction_each(write: Callable[[int], None], rows: int) -> Callable[[], None]:
    def run() -> None:
        for i in range(rows):
            with transaction.atomic():
                write(i)

    return run


def comparisons(rows: int) -> list[Comparison]:
    create_table(PlainEvent)
    return [
        Comparison(
            "append, one transaction",
            "audit_record()",
            "plain insert",
            rows,
            _in_one_transaction(_audited, rows),
            _in_one_transaction(_plain, rows),
        ),
        Comparison(
            "append, commit each",
            "audit_record() + commit",
            "plain insert + commit",
            rows,
            _one_transaction_each(_audited, rows),
            _one_transaction_each(_plain, rows),
        ),
    ]

"""Personal fields: AES-256-GCM encryption and an HMAC blind index, against plain columns.

Subject: ``directory.User`` (full name, e-mail and phone encrypted; the e-mail also gets a
blind index). Reference: a table with the same columns stored in plain text, the e-mail indexed
directly. Both are written with the ORM's ``save()``, one row at a time, in one transaction per
run, so the difference is the cost of encrypting, indexing and decrypting.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from bench.harness import Comparison, create_table
from liaison.core.fields import blind_lookup
from liaison.directory.models import User

TITLE = "encrypted personal fields + blind index vs plain columns"


class PlainUser(models.Model):
    """The columns of ``directory.User`` without encryption; exists only during the run."""

    password = models.CharField(max_length=128)
    last_login = models.DateTimeField(null=True)
    is_superuser = models.BooleanField(default=False)
    username = models.CharField(max_length=150, unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True, db_index=True)
    phone = models.CharField(max_length=40, blank=True)
    preferred_language = models.CharField(max_length=8, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "bench"

    def __str__(self) -> str:
        return self.username


_batches = itertools.count()
# One read of 2,000 rows takes a few tens of milliseconds, short enough for a neighbour's burst
# to swing the ratio; several passes per timed run steady it.
READ_PASSES = 5


def _person(batch: str, i: int) -> dict[str, str]:
    return {
        "username": f"{batch}-{i}",
        "password": "!",  # an unusable password: hashing is not what is measured here
        "full_name": f"Maria {i} da Silva Oliveira",
        "email": f"person.{batch}.{i}@example.org",
        "phone": f"+351 21 {i:07d}",
    }


def _writer(model: type[models.Model], rows: int) -> tuple[list[int], Callable[[], None]]:
    """A run that inserts ``rows`` new rows into ``model``; also returns the ids it wrote last."""
    written: list[int] = []

    def run() -> None:
        batch = f"w{next(_batches)}"
        with transaction.atomic():
            objs = [model(**_person(batch, i)) for i in range(rows)]
            for obj in objs:
                obj.save()
        written[:] = [obj.pk for obj in objs]

    return written, run


def comparisons(rows: int) -> list[Comparison]:
    create_table(PlainUser)
    encrypted_ids, write_encrypted = _writer(User, rows)
    plain_ids, write_plain = _writer(PlainUser, rows)
    write_encrypted()  # the rows that the read and lookup comparisons use
    write_plain()
    encrypted_range = (min(encrypted_ids), max(encrypted_ids))
    plain_range = (min(plain_ids), max(plain_ids))
    encrypted_emails = [u.email for u in User.objects.filter(pk__range=encrypted_range)]
    plain_emails = [u.email for u in PlainUser._default_manager.filter(pk__range=plain_range)]

    def read(model: type[models.Model], pk_range: tuple[int, int]) -> Callable[[], int]:
        def run() -> int:
            total = 0
            for _ in range(READ_PASSES):
                loaded: list[Any] = list(model._default_manager.filter(pk__range=pk_range))
                total += sum(len(u.full_name) + len(u.email) + len(u.phone) for u in loaded)
            return total

        return run

    def lookup_encrypted() -> None:
        for email in encrypted_emails:
            assert blind_lookup(User.objects.all(), "email_index", email).first() is not None  # noqa: S101

    def lookup_plain() -> None:
        for email in plain_emails:
            assert PlainUser._default_manager.filter(email=email).first() is not None  # noqa: S101

    return [
        Comparison(
            "write",
            "User.save() with 3 encrypted fields + blind index",
            "plain save()",
            rows,
            write_encrypted,
            write_plain,
        ),
        Comparison(
            "read",
            f"load and decrypt the rows, {READ_PASSES} passes",
            f"load the plain rows, {READ_PASSES} passes",
            rows * READ_PASSES,
            read(User, encrypted_range),
            read(PlainUser, plain_range),
        ),
        Comparison(
            "lookup by e-mail",
            "blind_lookup() of each row + decrypt",
            "indexed equality filter for each row",
            len(encrypted_emails),
            lookup_encrypted,
            lookup_plain,
        ),
    ]

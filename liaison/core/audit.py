"""The access log: record every write and every read of personal data; verify the chain.

This module is the service layer of ``AuditEvent``: nothing else writes that table.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.models import AuditAction, AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _canonical(event: AuditEvent) -> bytes:
    at = event.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    payload = [
        at,
        event.actor_id,
        event.actor_label,
        event.action,
        event.object_type,
        event.object_id,
        event.object_label,
        list(event.fields),
        event.purpose,
        event.ip_address or "",
        event.previous_hash,
    ]
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event)).hexdigest()


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: AuditAction | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    fields: Iterable[str] = (),
    purpose: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event to the chain. ``actor`` is a user, or None for the system."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:200]
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    head = AuditChainHead.objects.select_for_update().get(pk=1)
    event = AuditEvent(
        at=timezone.now(),
        actor=actor if is_user else None,
        actor_label=actor.get_username() if is_user else "system",
        action=str(action),
        object_type=object_type,
        object_id=object_id,
        object_label=object_label[:200],
        fields=sorted(set(fields)),
        purpose=purpose[:200],
        ip_address=client_address(request),
        previous_hash=head.last_hash,
    )
    # The id is not hashed: order is carried by each entry's link to the previous hash.
    event.entry_hash = compute_hash(event)
    event.save(force_insert=True)
    head.last_hash = event.entry_hash
    head.last_event_id = event.pk
    head.save(update_fields=["last_hash", "last_event_id"])
    return event


class ProblemKind(StrEnum):
    LINK = "link"
    CONTENT = "content"
    MISSING_TAIL = "missing_tail"
    HEAD = "head"


@dataclass(frozen=True)
class ChainProblem:
    """One place where the chain does not hold. Stored as data so each reader sees it in their language."""

    kind: str
    event_id: int
    # LINK: the entry walked just before; MISSING_TAIL: the entry the head records.
    other_id: int = 0

    def message(self) -> str:
        values = {"event": self.event_id, "other": self.other_id}
        if self.kind == ProblemKind.LINK:
            return (
                _(
                    "Event %(event)s: the link to the previous entry (event %(other)s) is broken: "
                    "an entry between them, or that entry itself, was altered or deleted."
                )
                % values
            )
        if self.kind == ProblemKind.CONTENT:
            return (
                _("Event %(event)s: its content does not match its hash: the entry was altered.")
                % values
            )
        if self.kind == ProblemKind.MISSING_TAIL:
            return (
                _(
                    "The chain ends at event %(event)s but its head records event %(other)s: "
                    "entries at the end were deleted."
                )
                % values
            )
        return (
            _(
                "The chain ends at event %(event)s but its head records another hash: "
                "the last entry or the head was altered."
            )
            % values
        )

    def __str__(self) -> str:
        return self.message()

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "event_id": self.event_id, "other_id": self.other_id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ChainProblem:
        return cls(
            kind=str(data["kind"]),
            event_id=int(data["event_id"]),
            other_id=int(data.get("other_id", 0)),
        )


def problem_messages(stored: Iterable[Any]) -> list[str]:
    """Messages, in the active language, for problems kept in a job's result."""
    return [ChainProblem.from_dict(p).message() if isinstance(p, dict) else str(p) for p in stored]


@dataclass
class VerifyResult:
    checked: int = 0
    problems: list[ChainProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_verify(
    *, progress: Callable[[int, int], None] | None = None, batch: int = 2000
) -> VerifyResult:
    """Walk the chain in order; report every entry whose hash or link does not hold.

    The head is read first and the walk stops at the entry it records: entries appended while
    the walk runs belong to a later verification, so a busy instance gives no false alarm.
    """
    result = VerifyResult()
    head = AuditChainHead.objects.get(pk=1)
    events = AuditEvent.objects.filter(id__lte=head.last_event_id)
    total = events.count()
    expected_previous = GENESIS_HASH
    last_id = 0
    while True:
        rows = list(events.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            break
        for event in rows:
            if event.previous_hash != expected_previous:
                result.problems.append(ChainProblem(ProblemKind.LINK, event.id, last_id))
            if compute_hash(event) != event.entry_hash:
                result.problems.append(ChainProblem(ProblemKind.CONTENT, event.id))
            expected_previous = event.entry_hash
            last_id = event.id
            result.checked += 1
        if progress:
            progress(result.checked, total)
    if head.last_event_id != last_id:
        result.problems.append(ChainProblem(ProblemKind.MISSING_TAIL, last_id, head.last_event_id))
    elif head.last_hash != expected_previous:
        result.problems.append(ChainProblem(ProblemKind.HEAD, last_id))
    if progress and not total:
        progress(0, 0)
    return result


def audit_verify_logged(
    *, actor: Any, progress: Callable[[int, int], None] | None = None
) -> VerifyResult:
    """Verify the chain and append the verification itself to the log (who checked, and the outcome)."""
    result = audit_verify(progress=progress)
    audit_record(
        actor=actor,
        action=AuditAction.SYSTEM,
        object_type="core.auditevent",
        object_label="access log verification",
        purpose=f"checked {result.checked}, {len(result.problems)} problems",
    )
    return result

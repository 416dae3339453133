"""The access log: record every write and every read of personal data; verify the chain.

This module is the service layer of ``AuditEvent``: nothing else writes that table.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from liaison.core.models import AuditAction, AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64


def _canonical(event: AuditEvent) -> bytes:
    at = event.at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    payload = [
        at, event.actor_id, event.actor_label, event.action, event.object_type,
        event.object_id, event.object_label, list(event.fields), event.purpose,
        event.ip_address or "", event.previous_hash,
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


@dataclass
class VerifyResult:
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def audit_verify(*, progress: Callable[[int, int], None] | None = None, batch: int = 2000) -> VerifyResult:
    """Walk the chain in order; report every row whose hash or link does not hold."""
    result = VerifyResult()
    total = AuditEvent.objects.count()
    expected_previous = GENESIS_HASH
    last_id = 0
    while True:
        rows = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            break
        for event in rows:
            if event.previous_hash != expected_previous:
                result.problems.append(
                    f"event {event.id}: link to the previous entry is broken (a row before it was changed or deleted)"
                )
            if compute_hash(event) != event.entry_hash:
                result.problems.append(f"event {event.id}: content does not match its hash (the row was altered)")
            expected_previous = event.entry_hash
            last_id = event.id
            result.checked += 1
        if progress:
            progress(result.checked, total)
    head = AuditChainHead.objects.get(pk=1)
    if head.last_event_id != last_id or head.last_hash != expected_previous:
        result.problems.append(
            f"the chain ends at event {last_id} but its head records event {head.last_event_id} (rows at the end were deleted)"
        )
    return result

"""Key rotation: re-encrypt personal fields and recompute blind indexes under the current keys.

The operator puts a new key first in ``LIAISON_FIELD_KEYS`` (or ``LIAISON_BLIND_INDEX_KEYS``),
keeps the old one after it and restarts the app: new writes use the new key, old rows stay
readable and blind-index lookups try every key. ``liaison rotate-keys`` then rewrites, in small
committed batches while the app keeps running, every row still holding a value under an old key.
When it reports that no row uses an old key any more, the old key can be removed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import ExpressionWrapper, F, Q, QuerySet

from liaison.core import crypto
from liaison.core.audit import audit_record
from liaison.core.fields import BlindIndexField, blind_index_fields, encrypted_fields
from liaison.core.models import AuditAction

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class KeyedModel:
    """A model with personal columns: the encrypted ones and the blind indexes beside them."""

    model: type[models.Model]
    encrypted: tuple[models.Field[Any, Any], ...]
    blind_indexes: tuple[BlindIndexField, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def column_names(self) -> list[str]:
        return [f.name for f in (*self.encrypted, *self.blind_indexes)]


@dataclass
class ModelRotation:
    label: str
    columns: list[str]
    stale: int = 0
    rotated: int = 0
    unreadable: list[str] = field(default_factory=list)
    remaining: int = 0


@dataclass
class RotationReport:
    field_key_id: str
    blind_index_key_id: str
    dry_run: bool
    models: list[ModelRotation] = field(default_factory=list)

    @property
    def stale(self) -> int:
        return sum(m.stale for m in self.models)

    @property
    def rotated(self) -> int:
        return sum(m.rotated for m in self.models)

    @property
    def remaining(self) -> int:
        return sum(m.remaining for m in self.models)

    @property
    def unreadable(self) -> int:
        return sum(len(m.unreadable) for m in self.models)


def keyed_models() -> list[KeyedModel]:
    """Every installed model with an encrypted column (``encrypted = True``) or a blind index."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue  # a proxy shares its concrete model's table; unmanaged tables are not ours
        encrypted = tuple(encrypted_fields(model))
        indexes = tuple(blind_index_fields(model))
        if encrypted or indexes:
            found.append(KeyedModel(model=model, encrypted=encrypted, blind_indexes=indexes))
    return sorted(found, key=lambda keyed: keyed.label)


def _raw(field_: models.Field[Any, Any]) -> str:
    return f"raw_{field_.attname}"


def stale_rows(keyed: KeyedModel) -> QuerySet[Any]:
    """Rows holding at least one value under a key that is not the current one.

    Encrypted columns are compared as stored text: the wrapper gives the column a plain text
    type, so the comparison sees the ciphertext (and its key id) instead of decrypting it.
    """
    field_prefix = f"{crypto.PREFIX}${crypto.field_keyring().current_id}$"
    index_prefix = f"{crypto.blind_index_keyring().current_id}:"
    aliases: dict[str, Any] = {}
    condition = Q()
    for column in keyed.encrypted:
        raw = _raw(column)
        aliases[raw] = ExpressionWrapper(F(column.attname), output_field=models.TextField())
        condition |= (
            Q(**{f"{raw}__isnull": False})
            & ~Q(**{raw: ""})
            & ~Q(**{f"{raw}__startswith": field_prefix})
        )
    for index in keyed.blind_indexes:
        name = index.attname
        condition |= (
            Q(**{f"{name}__isnull": False})
            & ~Q(**{name: ""})
            & ~Q(**{f"{name}__startswith": index_prefix})
        )
    return keyed.model._base_manager.alias(**aliases).filter(condition)


def rows_under_old_keys() -> dict[str, int]:
    """How many rows of each model still hold a value under an old key (0 everywhere: done)."""
    return {keyed.label: stale_rows(keyed).count() for keyed in keyed_models()}


def keys_rotate(
    *,
    actor: Any = None,
    batch_size: int = 500,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RotationReport:
    """Rewrite every value held under an old key with the current keys; count them with ``dry_run``.

    Not one transaction: each batch commits on its own so the app keeps working and an
    interrupted run resumes where it stopped (rows already rewritten are no longer stale).
    ``actor`` None is the system (the command line); a user must be a superuser.
    """
    if actor is not None and not getattr(actor, "is_superuser", False):
        raise PermissionDenied
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = RotationReport(
        field_key_id=crypto.field_keyring().current_id,
        blind_index_key_id=crypto.blind_index_keyring().current_id,
        dry_run=dry_run,
    )
    plan = [(keyed, stale_rows(keyed).count()) for keyed in keyed_models()]
    total = sum(count for _, count in plan)
    done = 0
    if progress:
        progress(0, total)
    for keyed, count in plan:
        outcome = ModelRotation(label=keyed.label, columns=keyed.column_names, stale=count)
        report.models.append(outcome)
        if dry_run or not count:
            outcome.remaining = count
            continue
        for pks in _batches_of_stale_pks(keyed, batch_size):
            rotated, unreadable = _rotate_batch(keyed, pks)
            outcome.rotated += rotated
            outcome.unreadable.extend(unreadable)
            done += len(pks)
            if progress:
                progress(min(done, total), max(total, done))
        outcome.remaining = stale_rows(keyed).count()
    if not dry_run:
        _record(actor=actor, report=report)
    return report


def _batches_of_stale_pks(keyed: KeyedModel, batch_size: int) -> Iterable[list[Any]]:
    """Primary keys of stale rows, batch by batch, walking forward so unreadable rows are passed once."""
    pk_name = keyed.model._meta.pk.attname
    last: Any = None
    while True:
        rows = stale_rows(keyed).order_by(pk_name)
        if last is not None:
            rows = rows.filter(**{f"{pk_name}__gt": last})
        pks = list(rows.values_list(pk_name, flat=True)[:batch_size])
        if not pks:
            return
        yield pks
        last = pks[-1]


def _rotate_batch(keyed: KeyedModel, pks: list[Any]) -> tuple[int, list[str]]:
    """Re-encrypt one batch under a row lock, writing only the personal columns.

    Rows are selected again inside the transaction so a row the app rewrote meanwhile (already
    under the current key) is skipped, and only the personal columns are written so no
    concurrent change to another column is overwritten.
    """
    load = {keyed.model._meta.pk.attname, *keyed.column_names}
    load.update(index.source for index in keyed.blind_indexes)
    unreadable: list[str] = []
    with transaction.atomic():
        locked = stale_rows(keyed).filter(pk__in=pks).select_for_update().only(*load)
        try:
            rows = list(locked)
        except crypto.DecryptionError:
            rows = []
            for pk in pks:
                try:
                    rows.extend(locked.filter(pk=pk))
                except crypto.DecryptionError:
                    unreadable.append(str(pk))
        for row in rows:
            for index in keyed.blind_indexes:
                index.pre_save(row, add=False)
        if rows:
            keyed.model._base_manager.bulk_update(rows, keyed.column_names)
    return len(rows), unreadable


def _record(*, actor: Any, report: RotationReport) -> None:
    columns = [f"{m.label}.{column}" for m in report.models for column in m.columns]
    audit_record(
        actor=actor,
        action=AuditAction.SYSTEM,
        object_type="core.keys",
        object_label=f"key rotation to field key {report.field_key_id}, blind-index key {report.blind_index_key_id}",
        fields=columns,
        purpose=(
            f"rotated {report.rotated} rows; {report.remaining} under old keys; "
            f"{report.unreadable} unreadable"
        ),
    )

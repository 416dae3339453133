"""Writes of network analysis: entities seen in a criminal case and the links between them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.justice.models import CriminalCase, Entity, EntityKind, EntityLink
from liaison.justice.permissions import can_edit_network, network_entities_visible_to

PURPOSE = "network analysis"


def _deny_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def entity_add(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    kind: str,
    value: str,
    label: str = "",
    request: HttpRequest | None = None,
) -> Entity:
    _deny_unless(can_edit_network(actor, criminal_case))
    value = (value or "").strip()
    if kind not in EntityKind.values:
        raise ValidationError({"kind": [_("Choose a kind of entity from the list.")]})
    if not value:
        raise ValidationError({"value": [_("Enter the value of the entity.")]})
    entity = Entity(
        criminal_case=criminal_case,
        kind=kind,
        value=value,
        label=(label or "").strip(),
        recorded_by=actor,
    )
    entity.full_clean(exclude=["value_index"])
    entity.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=entity,
        fields=["kind", "value", "label"],
        purpose=PURPOSE,
        request=request,
    )
    return entity


@transaction.atomic
def entity_delete(*, actor: Any, entity: Entity, request: HttpRequest | None = None) -> None:
    _deny_unless(can_edit_network(actor, entity.criminal_case))
    audit_record(
        actor=actor, action=AuditAction.DELETE, obj=entity, purpose=PURPOSE, request=request
    )
    entity.delete()


@transaction.atomic
def link_add(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    source_id: int,
    target_id: int,
    relation: str,
    request: HttpRequest | None = None,
) -> EntityLink:
    _deny_unless(can_edit_network(actor, criminal_case))
    # Both ends must be entities of this case that the actor reaches: an id from another case is
    # refused with the same message as an unknown one.
    entities = {
        e.pk: e
        for e in network_entities_visible_to(actor).filter(
            criminal_case=criminal_case, pk__in=[source_id, target_id]
        )
    }
    errors: dict[str, list[str]] = {}
    for name, pk in (("source", source_id), ("target", target_id)):
        if pk not in entities:
            errors[name] = [_("Choose an entity of this case.")]
    if not errors and source_id == target_id:
        errors["target"] = [_("A link joins two different entities.")]
    relation = (relation or "").strip()
    if not relation:
        errors["relation"] = [_("Describe the relation.")]
    if errors:
        raise ValidationError(errors)
    link = EntityLink(
        criminal_case=criminal_case,
        source=entities[source_id],
        target=entities[target_id],
        relation=relation,
    )
    link.full_clean()
    link.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=link,
        fields=["source", "target", "relation"],
        purpose=PURPOSE,
        request=request,
    )
    return link


@transaction.atomic
def link_delete(*, actor: Any, link: EntityLink, request: HttpRequest | None = None) -> None:
    _deny_unless(can_edit_network(actor, link.criminal_case))
    audit_record(actor=actor, action=AuditAction.DELETE, obj=link, purpose=PURPOSE, request=request)
    link.delete()

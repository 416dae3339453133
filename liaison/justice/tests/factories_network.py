"""Factories and permission-matrix ids of network analysis."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from liaison.justice.models import CriminalCase, EntityLink
from liaison.justice.tests.factories import EntityFactory

SCOPED_KWARGS = {"entity_id"}


class EntityLinkFactory(DjangoModelFactory[EntityLink]):
    class Meta:
        model = EntityLink

    source = factory.SubFactory(EntityFactory)
    target = factory.SubFactory(
        EntityFactory,
        criminal_case=factory.SelfAttribute("..source.criminal_case"),
        recorded_by=factory.SelfAttribute("..source.recorded_by"),
    )
    relation = "calls"
    criminal_case = factory.SelfAttribute("source.criminal_case")


def network_records(*, agency: Any, user: Any, criminal_case: CriminalCase) -> dict[str, Any]:
    """Ids for the URL keywords of the network pages: an entity of ``criminal_case``."""
    entity: Any = EntityFactory(criminal_case=criminal_case, recorded_by=user, kind="phone")
    return {"entity_id": entity.pk}

"""Assistance in a case: needs assessments, the support plan, services delivered, return and
reintegration follow-up. Every write checks ``can_edit_case`` (which refuses closed cases) and is
recorded in the access log; notes and objectives are encrypted by their fields."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.core.vocabularies import SupportType
from liaison.directory.models import Agency
from liaison.nrm.models import (
    Case,
    NeedsAssessment,
    Provider,
    ReturnFollowUp,
    ServiceDelivery,
    SupportPlanItem,
)
from liaison.nrm.permissions import can_edit_case, providers_visible_to

RISK_LEVELS = ("low", "medium", "high")
REINTEGRATION_STATUSES = ("good", "fragile", "at_risk", "unknown")


def _require_edit(actor: Any, case: Case) -> None:
    if not can_edit_case(actor, case):
        raise PermissionDenied


def _not_in_future(field: str, value: datetime.date | None) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError({field: [_("This date is in the future.")]})


def _not_before_case(case: Case, field: str, value: datetime.date | None) -> None:
    if value is not None and value < case.flagged_on:
        raise ValidationError(
            {
                field: [
                    _("This date is before the case was opened (%(date)s).")
                    % {"date": case.flagged_on}
                ]
            }
        )


def _save(obj: models.Model) -> None:
    obj.full_clean()
    obj.save()


def _audit_create(
    actor: Any, obj: models.Model, fields: Iterable[str], request: HttpRequest | None, purpose: str
) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=obj,
        fields=fields,
        purpose=purpose,
        request=request,
    )


def _support_types(values: Iterable[str], field: str) -> list[str]:
    chosen = list(dict.fromkeys(values))
    unknown = [v for v in chosen if v not in SupportType.values]
    if unknown:
        raise ValidationError(
            {field: [_("Unknown support type: %(values)s.") % {"values": ", ".join(unknown)}]}
        )
    return chosen


@transaction.atomic
def needs_assessment_add(
    *,
    actor: Any,
    case: Case,
    assessed_on: datetime.date,
    needs: Iterable[str],
    risk_level: str = "",
    notes: str = "",
    request: HttpRequest | None = None,
) -> NeedsAssessment:
    _require_edit(actor, case)
    chosen = _support_types(needs, "needs")
    if not chosen:
        raise ValidationError({"needs": [_("Choose at least one need.")]})
    if risk_level and risk_level not in RISK_LEVELS:
        raise ValidationError({"risk_level": [_("Choose low, medium or high.")]})
    _not_in_future("assessed_on", assessed_on)
    _not_before_case(case, "assessed_on", assessed_on)
    assessment = NeedsAssessment(
        case=case,
        assessed_on=assessed_on,
        needs=chosen,
        risk_level=risk_level,
        notes=notes.strip(),
        assessed_by=actor,
    )
    _save(assessment)
    _audit_create(
        actor, assessment, ["needs", "risk_level", *(["notes"] if assessment.notes else [])],
        request, "needs assessment",
    )  # fmt: skip
    return assessment


@transaction.atomic
def support_plan_item_add(
    *,
    actor: Any,
    case: Case,
    support_type: str,
    objective: str,
    planned_end: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> SupportPlanItem:
    _require_edit(actor, case)
    _support_types([support_type], "support_type")
    if not objective.strip():
        raise ValidationError({"objective": [_("Say what this support should achieve.")]})
    _not_before_case(case, "planned_end", planned_end)
    item = SupportPlanItem(
        case=case, support_type=support_type, objective=objective.strip(), planned_end=planned_end
    )
    _save(item)
    _audit_create(
        actor, item, ["support_type", "objective", "planned_end"], request, "support plan"
    )
    return item


@transaction.atomic
def support_plan_item_complete(
    *,
    actor: Any,
    item: SupportPlanItem,
    actual_end: datetime.date,
    request: HttpRequest | None = None,
) -> SupportPlanItem:
    case = Case.objects.select_for_update().get(pk=item.case_id)
    _require_edit(actor, case)
    item = SupportPlanItem.objects.select_for_update().get(pk=item.pk)
    if item.actual_end is not None:
        raise ValidationError(
            {
                "actual_end": [
                    _("This support was already marked as ended on %(date)s.")
                    % {"date": item.actual_end}
                ]
            }
        )
    _not_in_future("actual_end", actual_end)
    _not_before_case(case, "actual_end", actual_end)
    item.actual_end = actual_end
    item.full_clean()
    item.save(update_fields=["actual_end", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=item, fields=["actual_end"],
        purpose="support plan", request=request,
    )  # fmt: skip
    return item


@transaction.atomic
def service_delivery_add(
    *,
    actor: Any,
    case: Case,
    support_type: str,
    started_on: datetime.date,
    provider: Provider | None = None,
    service: str = "",
    ended_on: datetime.date | None = None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> ServiceDelivery:
    _require_edit(actor, case)
    _support_types([support_type], "support_type")
    if provider is not None and not (
        provider.is_active and providers_visible_to(actor).filter(pk=provider.pk).exists()
    ):
        raise ValidationError({"provider": [_("Choose an active provider of the directory.")]})
    if provider is not None and service and service not in provider.services:
        raise ValidationError({"service": [_("This provider does not offer this service.")]})
    _not_in_future("started_on", started_on)
    _not_before_case(case, "started_on", started_on)
    _not_in_future("ended_on", ended_on)
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": [_("The service cannot end before it started.")]})
    delivery = ServiceDelivery(
        case=case,
        provider=provider,
        support_type=support_type,
        service=service,
        started_on=started_on,
        ended_on=ended_on,
        notes=notes.strip(),
    )
    _save(delivery)
    fields = ["support_type", "provider", "service", "started_on", "ended_on"]
    _audit_create(
        actor, delivery, [*fields, *(["notes"] if delivery.notes else [])], request, "services"
    )
    return delivery


@transaction.atomic
def return_record(
    *,
    actor: Any,
    case: Case,
    happened_on: datetime.date,
    country: str,
    voluntary: bool | None = None,
    partner: Agency | None = None,
    notes: str = "",
    request: HttpRequest | None = None,
) -> ReturnFollowUp:
    """The person's return to a country (of origin, usually), kept for the later cross-border
    exchange: the date, the country, whether it was voluntary and the partner agency there."""
    _require_edit(actor, case)
    country = (country or "").strip().upper()
    if partner is not None and partner.country != country:
        raise ValidationError(
            {"partner": [_("The partner agency must be in the country of return.")]}
        )
    _not_in_future("happened_on", happened_on)
    _not_before_case(case, "happened_on", happened_on)
    entry = ReturnFollowUp(
        case=case,
        kind=ReturnFollowUp.Kind.RETURN,
        happened_on=happened_on,
        country=country,
        voluntary=voluntary,
        partner=partner,
        notes=notes.strip(),
    )
    _save(entry)
    fields = ["kind", "happened_on", "country", "voluntary", "partner"]
    _audit_create(actor, entry, [*fields, *(["notes"] if entry.notes else [])], request, "return")
    return entry


@transaction.atomic
def follow_up_record(
    *,
    actor: Any,
    case: Case,
    happened_on: datetime.date,
    reintegration_status: str,
    country: str = "",
    notes: str = "",
    request: HttpRequest | None = None,
) -> ReturnFollowUp:
    """A reintegration follow-up; its country defaults to that of the latest return."""
    _require_edit(actor, case)
    if reintegration_status not in REINTEGRATION_STATUSES:
        raise ValidationError({"reintegration_status": [_("Choose how the reintegration goes.")]})
    last_return = (
        case.returns.filter(kind=ReturnFollowUp.Kind.RETURN).order_by("-happened_on", "-id").first()
    )
    country = (country or "").strip().upper() or (last_return.country if last_return else "")
    if not country:
        raise ValidationError(
            {"country": [_("Give the country: no return has been recorded in this case.")]}
        )
    if last_return is not None and happened_on < last_return.happened_on:
        raise ValidationError({"happened_on": [_("A follow-up comes after the return.")]})
    _not_in_future("happened_on", happened_on)
    _not_before_case(case, "happened_on", happened_on)
    entry = ReturnFollowUp(
        case=case,
        kind=ReturnFollowUp.Kind.FOLLOW_UP,
        happened_on=happened_on,
        country=country,
        partner=last_return.partner if last_return else None,
        reintegration_status=reintegration_status,
        notes=notes.strip(),
    )
    _save(entry)
    fields = ["kind", "happened_on", "country", "reintegration_status"]
    _audit_create(
        actor, entry, [*fields, *(["notes"] if entry.notes else [])], request, "reintegration"
    )
    return entry

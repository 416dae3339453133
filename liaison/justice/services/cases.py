"""Writes on criminal cases: opening, editing, stages, agencies, offences, techniques, assets.

Every service checks the actor may edit the case and records the write in the access log.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.directory.models import Agency
from liaison.justice import permissions
from liaison.justice.models import (
    Asset,
    CaseAgency,
    CriminalCase,
    InvestigationTechnique,
    Offence,
    OffenceType,
    StageChange,
    VictimLink,
)
from liaison.justice.models.criminal_cases import Stage
from liaison.nrm.models import Case as NrmCase

# Forward order; "closed without charges" may follow any open stage.
STAGE_ORDER = [Stage.INVESTIGATION, Stage.PROSECUTION, Stage.TRIAL, Stage.APPEAL, Stage.FINAL]
FINISHED = {Stage.FINAL, Stage.CLOSED_WITHOUT_CHARGE}


def _deny_unless_editor(actor: Any, criminal_case: CriminalCase) -> None:
    if not permissions.can_edit_criminal_case(actor, criminal_case):
        raise PermissionDenied


@transaction.atomic
def criminal_case_create(
    *,
    actor: Any,
    lead_agency: Agency,
    reference: str,
    title: str,
    opened_on: datetime.date,
    summary: str = "",
    is_trafficking: bool = True,
    is_smuggling: bool = False,
    request: HttpRequest | None = None,
) -> CriminalCase:
    allowed = permissions.agencies_user_may_open_criminal_cases_for(actor)
    if not allowed.filter(pk=lead_agency.pk).exists():
        raise PermissionDenied
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": [_("Give the case reference.")]})
    if CriminalCase.objects.filter(reference=reference).exists():
        raise ValidationError({"reference": [_("A case with this reference already exists.")]})
    if not (is_trafficking or is_smuggling):
        raise ValidationError(_("A case concerns trafficking in persons, smuggling, or both."))
    if opened_on > timezone.localdate():
        raise ValidationError({"opened_on": [_("The date cannot be in the future.")]})
    criminal_case = CriminalCase.objects.create(
        reference=reference,
        title=title.strip(),
        lead_agency=lead_agency,
        opened_on=opened_on,
        summary=summary,
        is_trafficking=is_trafficking,
        is_smuggling=is_smuggling,
        owner=actor,
    )
    StageChange.objects.create(
        criminal_case=criminal_case,
        stage=Stage.INVESTIGATION,
        entered_on=opened_on,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=criminal_case,
        fields=["reference", "title", "lead_agency", "opened_on", "summary"],
        request=request,
    )
    return criminal_case


@transaction.atomic
def criminal_case_update(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    title: str,
    summary: str,
    owner: Any,
    is_trafficking: bool,
    is_smuggling: bool,
    request: HttpRequest | None = None,
) -> CriminalCase:
    _deny_unless_editor(actor, criminal_case)
    if not (is_trafficking or is_smuggling):
        raise ValidationError(_("A case concerns trafficking in persons, smuggling, or both."))
    if owner is not None and not permissions.can_edit_criminal_case(owner, criminal_case):
        raise ValidationError({"owner": [_("The responsible person cannot edit this case.")]})
    values = {
        "title": title.strip(),
        "summary": summary,
        "owner": owner,
        "is_trafficking": is_trafficking,
        "is_smuggling": is_smuggling,
    }
    changed = [name for name, value in values.items() if getattr(criminal_case, name) != value]
    for name in changed:
        setattr(criminal_case, name, values[name])
    if changed:
        criminal_case.save(update_fields=[*changed, "updated_at"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=criminal_case, fields=changed,
            request=request,
        )  # fmt: skip
    return criminal_case


def allowed_next_stages(criminal_case: CriminalCase) -> list[str]:
    if criminal_case.stage in FINISHED:
        return []
    position = STAGE_ORDER.index(Stage(criminal_case.stage))
    return [str(s) for s in STAGE_ORDER[position + 1 :]] + [str(Stage.CLOSED_WITHOUT_CHARGE)]


@transaction.atomic
def criminal_case_change_stage(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    stage: str,
    entered_on: datetime.date,
    note: str = "",
    request: HttpRequest | None = None,
) -> StageChange:
    _deny_unless_editor(actor, criminal_case)
    criminal_case = CriminalCase.objects.select_for_update().get(pk=criminal_case.pk)
    if stage not in allowed_next_stages(criminal_case):
        raise ValidationError({"stage": [_("The case cannot move to this stage now.")]})
    last = criminal_case.stage_changes.order_by("-entered_on").first()
    earliest = last.entered_on if last else criminal_case.opened_on
    if entered_on < earliest:
        raise ValidationError(
            {"entered_on": [_("The date cannot be before the case's previous stage.")]}
        )
    if entered_on > timezone.localdate():
        raise ValidationError({"entered_on": [_("The date cannot be in the future.")]})
    change = StageChange.objects.create(
        criminal_case=criminal_case, stage=stage, entered_on=entered_on, note=note,
        recorded_by=actor,
    )  # fmt: skip
    criminal_case.stage = stage
    criminal_case.save(update_fields=["stage", "updated_at"])
    audit_record(
        actor=actor, action=AuditAction.UPDATE, obj=criminal_case, fields=["stage"],
        request=request,
    )  # fmt: skip
    return change


@transaction.atomic
def case_agency_add(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    agency: Agency,
    role: str = "",
    request: HttpRequest | None = None,
) -> CaseAgency:
    _deny_unless_editor(actor, criminal_case)
    if agency.pk == criminal_case.lead_agency_id:
        raise ValidationError({"agency": [_("This agency leads the case.")]})
    if criminal_case.agencies.filter(agency=agency).exists():
        raise ValidationError({"agency": [_("This agency already works on the case.")]})
    link = CaseAgency.objects.create(criminal_case=criminal_case, agency=agency, role=role)
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=link, fields=["agency", "role"],
        request=request,
    )  # fmt: skip
    return link


@transaction.atomic
def case_agency_remove(*, actor: Any, link: CaseAgency, request: HttpRequest | None = None) -> None:
    _deny_unless_editor(actor, link.criminal_case)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=link, request=request)
    link.delete()


@transaction.atomic
def offence_add(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    offence_type: str,
    legal_provision: str = "",
    request: HttpRequest | None = None,
) -> Offence:
    _deny_unless_editor(actor, criminal_case)
    if offence_type not in OffenceType.values:
        raise ValidationError({"offence_type": [_("Choose an offence from the list.")]})
    offence = Offence.objects.create(
        criminal_case=criminal_case, offence_type=offence_type,
        legal_provision=legal_provision.strip(),
    )  # fmt: skip
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=offence,
        fields=["offence_type", "legal_provision"], request=request,
    )  # fmt: skip
    return offence


@transaction.atomic
def offence_remove(*, actor: Any, offence: Offence, request: HttpRequest | None = None) -> None:
    _deny_unless_editor(actor, offence.criminal_case)
    if offence.charges.exists():
        raise ValidationError(
            _("A defendant is charged with this offence; remove the charge first.")
        )
    audit_record(actor=actor, action=AuditAction.DELETE, obj=offence, request=request)
    offence.delete()


@transaction.atomic
def technique_add(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    technique: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> InvestigationTechnique:
    _deny_unless_editor(actor, criminal_case)
    if technique not in InvestigationTechnique.Technique.values:
        raise ValidationError({"technique": [_("Choose a technique from the list.")]})
    if criminal_case.techniques.filter(technique=technique).exists():
        raise ValidationError({"technique": [_("This technique is already recorded.")]})
    row = InvestigationTechnique.objects.create(
        criminal_case=criminal_case, technique=technique, note=note
    )
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=row, fields=["technique", "note"],
        request=request,
    )  # fmt: skip
    return row


@transaction.atomic
def asset_add(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    measure: str,
    description: str,
    value: Decimal | None = None,
    currency: str = "EUR",
    decided_on: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Asset:
    _deny_unless_editor(actor, criminal_case)
    errors: dict[str, list[str]] = {}
    if measure not in Asset.Measure.values:
        errors["measure"] = [_("Choose frozen, seized or confiscated.")]
    if not description.strip():
        errors["description"] = [_("Describe the asset.")]
    if value is not None and value < 0:
        errors["value"] = [_("The value cannot be negative.")]
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = [_("Give a three-letter currency code.")]
    if errors:
        raise ValidationError(errors)
    asset = Asset.objects.create(
        criminal_case=criminal_case, measure=measure, description=description.strip(),
        value=value, currency=currency.upper(), decided_on=decided_on,
    )  # fmt: skip
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=asset,
        fields=["measure", "description", "value", "currency", "decided_on"], request=request,
    )  # fmt: skip
    return asset


@transaction.atomic
def victim_link_add(
    *,
    actor: Any,
    criminal_case: CriminalCase,
    code: str,
    request: HttpRequest | None = None,
) -> VictimLink:
    """Link the NRM case known by ``code``. The investigator may not reach that NRM case: the
    code alone (given by the victim's case worker) is enough, and reveals nothing else."""
    _deny_unless_editor(actor, criminal_case)
    nrm_case = NrmCase.objects.filter(code=code.strip().upper()).first()
    if nrm_case is None:
        raise ValidationError({"code": [_("No NRM case has this code.")]})
    if criminal_case.victim_links.filter(nrm_case=nrm_case).exists():
        raise ValidationError({"code": [_("This victim is already linked to the case.")]})
    link = VictimLink.objects.create(
        criminal_case=criminal_case, nrm_case=nrm_case, linked_by=actor
    )
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=link, fields=["nrm_case"], request=request
    )
    return link


@transaction.atomic
def victim_link_remove(*, actor: Any, link: VictimLink, request: HttpRequest | None = None) -> None:
    _deny_unless_editor(actor, link.criminal_case)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=link, request=request)
    link.delete()

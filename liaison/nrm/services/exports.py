"""Exports: a case summary as PDF (the sections the user chooses, for the person or their lawyer)
and the case list as XLSX (pseudonymous: codes, never names). Both are recorded in the access log
as EXPORT with the fields they contain."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from liaison.core.audit import audit_record
from liaison.core.geography import country_name
from liaison.core.models import AuditAction
from liaison.core.vocabularies import ExploitationType, Industry
from liaison.directory.models import CountryProfile
from liaison.directory.permissions import has_capability
from liaison.directory.roles import Capability
from liaison.nrm import ladder
from liaison.nrm.models import Case, Consent
from liaison.nrm.pdf import Block, Facts, Grid, render_pdf
from liaison.nrm.permissions import can_export_case
from liaison.nrm.selectors.assistance import (
    case_assistance,
    cases_for_export,
    support_type_label,
)
from liaison.nrm.selectors.cases import CaseFilter


@dataclass(frozen=True)
class SummarySection:
    code: str
    label: Any
    fields: tuple[str, ...]  # what the access log records when the section is exported


SUMMARY_SECTIONS: tuple[SummarySection, ...] = (
    SummarySection(
        "identity",
        gettext_lazy("Identity: names, date of birth, sex, citizenship, languages"),
        (
            "person.given_names",
            "person.family_names",
            "person.patronymic",
            "person.other_names",
            "person.birth_date",
            "person.sex",
            "person.citizenship",
            "person.languages",
        ),
    ),
    SummarySection(
        "contact", gettext_lazy("Contact: phone and address"), ("person.phone", "person.address")
    ),
    SummarySection(
        "documents", gettext_lazy("Identity documents"), ("document.kind", "document.number")
    ),
    SummarySection("summary", gettext_lazy("Case summary (narrative)"), ("case.summary",)),
    SummarySection(
        "status",
        gettext_lazy("Status decisions"),
        ("decision.step", "decision.decided_on", "decision.deciding_agency"),
    ),
    SummarySection(
        "reasons", gettext_lazy("Reasons given for the decisions"), ("decision.reasons",)
    ),
    SummarySection(
        "periods",
        gettext_lazy("Periods, deadlines and residence permits"),
        ("period", "residence_permit"),
    ),
    SummarySection(
        "exploitation",
        gettext_lazy("Exploitation profile and route"),
        ("exploitation", "trafficking_event"),
    ),
    SummarySection("consent", gettext_lazy("Consents"), ("consent",)),
    SummarySection(
        "assistance",
        gettext_lazy("Needs, support plan and services"),
        ("needs_assessment", "support_plan", "service_delivery"),
    ),
    SummarySection("returns", gettext_lazy("Return and reintegration"), ("return_follow_up",)),
    SummarySection(
        "closure", gettext_lazy("Closure"), ("case.closure_reason", "case.closure_note")
    ),
)
SECTION_CODES = tuple(s.code for s in SUMMARY_SECTIONS)
HEADER_FIELDS = ("case.code", "case.agency", "case.flagged_on", "case.status")


def _date(value: datetime.date | None) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _yes_no(value: bool | None) -> str:
    if value is None:
        return "—"
    return _("yes") if value else _("no")


def _labels(values: Iterable[str], choices: Callable[[str], str]) -> str:
    return ", ".join(choices(v) for v in values) or "—"


def _choice(enum: Any) -> Callable[[str], str]:
    def label(value: str) -> str:
        try:
            return str(enum(value).label)
        except ValueError:
            return value

    return label


def _profile(case: Case) -> CountryProfile | None:
    return CountryProfile.objects.filter(country=case.country).first()


def _step_label(profile: CountryProfile | None, code: str) -> str:
    return ladder.label(profile, code) if profile and code else (code or "—")


# --- the sections of the summary ----------------------------------------------------------


def _identity(case: Case) -> list[Block]:
    person = case.person
    if person is None:
        return [
            Facts(
                _("Identity"), [(_("Identity"), _("Anonymous notification: no identity recorded."))]
            )
        ]
    birth = person.birth_date
    birth_text = (str(birth.year) if person.birth_year_known else _date(birth)) if birth else "—"
    rows = [
        (_("Given names"), person.given_names or "—"),
        (_("Family names"), person.family_names or "—"),
        (_("Patronymic"), person.patronymic or "—"),
        (_("Other names and spellings"), person.other_names or "—"),
        (_("Date of birth"), birth_text),
        (_("Sex / gender"), person.get_sex_display()),
        (_("Citizenship"), ", ".join(country_name(c) for c in (person.citizenship, person.other_citizenship) if c) or "—"),
        (_("Languages"), ", ".join(person.languages) or "—"),
    ]  # fmt: skip
    return [Facts(_("Identity"), rows)]


def _contact(case: Case) -> list[Block]:
    person = case.person
    rows = (
        [(_("Phone"), person.phone or "—"), (_("Address"), person.address or "—")] if person else []
    )
    return [Facts(_("Contact"), rows or [(_("Contact"), "—")])]


def _documents(case: Case) -> list[Block]:
    documents = list(case.person.documents.all()) if case.person else []
    rows = [
        [
            d.get_kind_display(),
            d.number,
            country_name(d.issuing_country) if d.issuing_country else "—",
        ]
        for d in documents
    ]
    return [Grid(_("Identity documents"), [_("Document"), _("Number"), _("Issued by")], rows, _("None recorded."))]  # fmt: skip


def _summary(case: Case) -> list[Block]:
    return [Facts(_("Case summary"), [(_("Summary"), case.summary or "—")])]


def _status(case: Case, *, with_reasons: bool) -> list[Block]:
    profile = _profile(case)
    columns = [_("Date"), _("Decision"), _("Deciding agency"), _("Organisation type")]
    if with_reasons:
        columns.append(_("Reasons"))
    rows = []
    for d in case.decisions.select_related("deciding_agency"):
        row = [_date(d.decided_on), _step_label(profile, d.step) + (" — " + _("reconsideration") if d.is_reconsideration else ""),
               str(d.deciding_agency), d.get_decision_org_display()]  # fmt: skip
        if with_reasons:
            row.append(d.reasons)
        rows.append(row)
    return [Grid(_("Status decisions"), columns, rows, _("None recorded."))]


def _periods(case: Case) -> list[Block]:
    periods = [[p.label, _date(p.starts_on), _date(p.due_on), _date(p.latest_on) if p.latest_on else "—", p.get_status_display()]
               for p in case.periods.all()]  # fmt: skip
    permits = [[r.get_route_display(), r.get_status_display(), _date(r.requested_on), _date(r.granted_on), _date(r.expires_on)]
               for r in case.residence_permits.all()]  # fmt: skip
    return [
        Grid(_("Periods and deadlines"), [_("Period"), _("Starts"), _("Due"), _("At the latest"), _("Status")], periods, _("None recorded.")),
        Grid(_("Residence permits"), [_("Route"), _("Status"), _("Requested"), _("Granted"), _("Expires")], permits, _("None recorded.")),
    ]  # fmt: skip


def _exploitation(case: Case) -> list[Block]:
    profile = getattr(case, "exploitation", None) if hasattr(case, "exploitation") else None
    rows: list[tuple[str, str]] = []
    if profile is not None:
        rows = [
            (_("Forms of exploitation"), _labels(profile.forms, _choice(ExploitationType))),
            (_("Industry"), profile.get_industry_display() or "—"),
            (_("Also smuggled"), _yes_no(profile.also_smuggled)),
        ]
    events = [[e.get_kind_display(), country_name(e.country), e.place or "—", _date(e.started_on), _date(e.ended_on)]
              for e in case.trafficking_events.all()]  # fmt: skip
    return [
        Facts(_("Exploitation profile"), rows or [(_("Exploitation profile"), _("None recorded."))]),
        Grid(_("Route"), [_("Event"), _("Country"), _("Place"), _("From"), _("Until")], events, _("None recorded.")),
    ]  # fmt: skip


def _consent(case: Case) -> list[Block]:
    consents: list[Consent] = list(case.consents.select_related("recipient"))
    rows = [[c.get_purpose_display(), str(c.recipient) if c.recipient else "—", _yes_no(c.given), _date(c.given_on),
             _date(c.withdrawn_on) if c.withdrawn_on else "—"] for c in consents]  # fmt: skip
    return [Grid(_("Consents"), [_("Purpose"), _("Recipient"), _("Given"), _("Date"), _("Withdrawn")], rows, _("None recorded."))]  # fmt: skip


def _assistance(case: Case) -> list[Block]:
    data = case_assistance(case)
    needs = [
        [
            _date(n.assessed_on),
            _labels(n.needs, support_type_label),
            n.get_risk_level_display() or "—",
        ]
        for n in data.needs
    ]
    plan = [
        [support_type_label(p.support_type), p.objective, _date(p.planned_end), _date(p.actual_end)]
        for p in data.plan
    ]
    services = [[support_type_label(s.support_type), str(s.provider) if s.provider else "—", _date(s.started_on), _date(s.ended_on)]
                for s in data.services]  # fmt: skip
    return [
        Grid(_("Needs assessments"), [_("Date"), _("Needs"), _("Risk")], needs, _("None recorded.")),
        Grid(_("Support plan"), [_("Support"), _("Objective"), _("Planned end"), _("Ended")], plan, _("None recorded.")),
        Grid(_("Services delivered"), [_("Support"), _("Provider"), _("From"), _("Until")], services, _("None recorded.")),
    ]  # fmt: skip


def _returns(case: Case) -> list[Block]:
    rows = [[r.get_kind_display(), _date(r.happened_on), country_name(r.country), _yes_no(r.voluntary),
             str(r.partner) if r.partner else "—", r.get_reintegration_status_display() or "—"]
            for r in case.returns.select_related("partner")]  # fmt: skip
    columns = [_("Kind"), _("Date"), _("Country"), _("Voluntary"), _("Partner"), _("Reintegration")]
    return [Grid(_("Return and reintegration"), columns, rows, _("None recorded."))]


def _closure(case: Case) -> list[Block]:
    if case.is_open:
        return [Facts(_("Closure"), [(_("Closure"), _("The case is open."))])]
    rows = [(_("Closed on"), _date(case.closed_on)), (_("Reason"), case.get_closure_reason_display()),
            (_("Note"), case.closure_note or "—")]  # fmt: skip
    return [Facts(_("Closure"), rows)]


_BUILDERS: dict[str, Callable[[Case], list[Block]]] = {
    "identity": _identity,
    "contact": _contact,
    "documents": _documents,
    "summary": _summary,
    "periods": _periods,
    "exploitation": _exploitation,
    "consent": _consent,
    "assistance": _assistance,
    "returns": _returns,
    "closure": _closure,
}


def summary_blocks(case: Case, sections: Iterable[str]) -> list[Block]:
    chosen = set(sections)
    header = Facts(
        _("Case"),
        [
            (_("Case code"), case.code),
            (_("Agency"), str(case.agency)),
            (_("Flagged on"), _date(case.flagged_on)),
            (_("Procedure country"), country_name(case.country)),
            (_("Status"), _step_label(_profile(case), case.status)),
            (_("HTCDS status"), case.get_trafficking_status_display()),
            (_("Case"), case.get_case_status_display()),
        ],
    )
    blocks: list[Block] = [header]
    for section in SECTION_CODES:
        if section == "status" and ("status" in chosen or "reasons" in chosen):
            blocks += _status(case, with_reasons="reasons" in chosen)
        elif section in chosen and section in _BUILDERS:
            blocks += _BUILDERS[section](case)
    return blocks


@transaction.atomic
def case_summary_pdf(
    *,
    actor: Any,
    case: Case,
    sections: Iterable[str],
    language: str = "",
    request: HttpRequest | None = None,
) -> bytes:
    """The summary of ``case`` with the chosen sections, in ``language`` (default: the active one)."""
    if not can_export_case(actor, case):
        raise PermissionDenied
    chosen = list(dict.fromkeys(sections))
    unknown = [s for s in chosen if s not in SECTION_CODES]
    if unknown:
        raise ValidationError(
            {"sections": [_("Unknown section: %(values)s.") % {"values": ", ".join(unknown)}]}
        )
    if not chosen:
        raise ValidationError({"sections": [_("Choose at least one section.")]})
    with translation.override(language or translation.get_language()):
        blocks = summary_blocks(case, chosen)
        generated = formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
        document = render_pdf(
            title=_("Case summary %(code)s") % {"code": case.code},
            subtitle=_("Prepared for the person concerned or their lawyer. Confidential."),
            blocks=blocks,
            footer=_("%(code)s · generated %(when)s by %(user)s")
            % {"code": case.code, "when": generated, "user": actor.get_username()},
            author=str(case.agency),
        )
    fields = [*HEADER_FIELDS, *(f for s in SUMMARY_SECTIONS if s.code in chosen for f in s.fields)]
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=case,
        fields=fields,
        purpose="case summary PDF",
        request=request,
    )
    return document


# --- the case list ---------------------------------------------------------------------------


def _xlsx_columns() -> list[tuple[str, str]]:
    """(field recorded in the access log, translated heading)."""
    return [
        ("case.code", _("Case code")),
        ("person.code", _("Person code")),
        ("case.agency", _("Agency")),
        ("case.country", _("Procedure country")),
        ("case.flagged_on", _("Flagged on")),
        ("case.status", _("Status")),
        ("case.trafficking_status", _("HTCDS status")),
        ("case.case_status", _("Case")),
        ("case.is_child", _("Child when flagged")),
        ("case.age_at_flagging", _("Age when flagged")),
        ("person.sex", _("Sex / gender")),
        ("person.citizenship", _("Citizenship")),
        ("exploitation.forms", _("Forms of exploitation")),
        ("exploitation.industry", _("Industry")),
        ("case.services", _("Services delivered")),
        ("case.closed_on", _("Closed on")),
        ("case.closure_reason", _("Closure reason")),
    ]


def _xlsx_row(case: Any, step_label: Callable[[str, str], str]) -> list[Any]:
    profile = getattr(case, "exploitation", None) if _has_profile(case) else None
    return [
        case.code,
        f"P-{case.person_id:06d}" if case.person_id else "",
        case.agency.short_name or case.agency.name,
        case.country,
        case.flagged_on,
        step_label(case.country, case.status),
        case.trafficking_status,
        case.case_status,
        _("yes") if case.is_child else _("no"),
        case.age_at_flagging,
        case.person_sex or "",
        case.person_citizenship or "",
        ", ".join(profile.forms) if profile else "",
        _choice(Industry)(profile.industry) if profile and profile.industry else "",
        case.service_count,
        case.closed_on,
        case.closure_reason,
    ]


def _has_profile(case: Case) -> bool:
    try:
        return case.exploitation is not None
    except Case.exploitation.RelatedObjectDoesNotExist:
        return False


def case_list_xlsx(
    *, actor: Any, criteria: CaseFilter, request: HttpRequest | None = None
) -> bytes:
    """The cases the actor reaches under ``criteria``, one row each, written as they are read."""
    if not has_capability(actor, Capability.EXPORT_CASES):
        raise PermissionDenied
    columns = _xlsx_columns()
    profiles = {p.country: p for p in CountryProfile.objects.all()}

    def step_label(country: str, code: str) -> str:
        return _step_label(profiles.get(country), code)

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Cases")[:31])
    bold = Font(bold=True)
    header = []
    for _field, heading in columns:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    with transaction.atomic():
        for case in cases_for_export(user=actor, criteria=criteria).iterator(chunk_size=500):
            sheet.append(_xlsx_row(case, step_label))
            count += 1
        audit_record(
            actor=actor,
            action=AuditAction.EXPORT,
            object_type="nrm.case",
            object_label=f"{count} cases",
            fields=[f for f, _heading in columns],
            purpose="case list XLSX",
            request=request,
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()

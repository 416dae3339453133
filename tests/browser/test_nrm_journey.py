"""The referral mechanism end to end, in the browser, as the demo's people would live it.

A labour inspector (ACT) flags a person and refers them, with consent, to an NGO (APF) and to
the criminal police (PJ); the NGO accepts; the police accept and confirm the person as a victim;
the reflection period runs on the case page; the NGO closes its case. Every step goes through the
real pages and forms; the ORM is only read, to check what the pages did.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from liaison.core.models import AuditAction, AuditEvent
from liaison.core.vocabularies import Gender, TraffickingStatus
from liaison.directory.demo import demo_username
from liaison.directory.models import Agency, User
from liaison.directory.roles import Role
from liaison.nrm.models import (
    Case,
    CasePeriod,
    Consent,
    ConsentPurpose,
    Handover,
    HandoverKind,
    HandoverStatus,
    Section,
    StatusDecision,
)

from .conftest import sign_in

GIVEN, FAMILY = "Zarina", "Tohirovna Ergasheva"  # fictitious
BIRTH = "1998-03-14"
SHOWN = ("status", "screening", "exploitation", "assistance", "identity", "consent")


def short_date(day: datetime.date) -> str:
    """A date as the pages show it to an English-speaking browser."""
    with translation.override("en"):
        return formats.date_format(day, "SHORT_DATE_FORMAT")


def submit(page: Any, selector: str = "main form.stacked button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


def follow(page: Any, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.fixture
def open_browser(browser: Any, live_server: Any) -> Iterator[Callable[[str], Any]]:
    """Each person works in their own browser, where they stay signed in (one device each)."""
    contexts: list[Any] = []

    def signed_in(username: str) -> Any:
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        sign_in(page, username)
        return page

    yield signed_in
    for context in contexts:
        context.close()


def audited(user: User, action: str, obj: Any, field: str | None = None) -> bool:
    entries = AuditEvent.objects.filter(
        actor=user, action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    )
    return any(field is None or field in e.fields for e in entries)


def flag_and_register(page: Any, act: Agency) -> Case:
    page.goto(reverse("nrm:person_search"))
    assert page.inner_text("h1") == "Search before registering a person"
    page.fill("#id_given_names", GIVEN)
    page.fill("#id_family_names", FAMILY)
    page.fill("#id_birth_date", BIRTH)
    page.select_option("#id_citizenship", "UZ")
    submit(page, "main form[role=search] button[type=submit]")
    assert page.inner_text("#results-heading") == "Possible matches"
    assert "Nobody matches these details." in page.inner_text("main")

    follow(page, f"main a[href='{reverse('nrm:person_create')}']")
    assert page.inner_text("h1") == "Register a person and open a case"
    assert page.input_value("#id_given_names") == GIVEN
    assert page.input_value("#id_family_names") == FAMILY
    assert page.input_value("#id_agency") == str(act.pk)
    page.select_option("#id_sex", Gender.FEMININE)
    page.fill("#id_reasons", "Found at a farm inspection: passport kept by the employer.")
    submit(page)

    case = Case.objects.get(agency=act, person__isnull=False)
    assert page.url.endswith(reverse("nrm:case_detail", args=[case.pk]))
    assert page.inner_text("h1") == f"Case {case.code}"
    assert page.inner_text("[data-section=header] [data-status]") == "Flagged (sinalizada)"
    assert f"{GIVEN} {FAMILY}" in page.inner_text("[data-section=identity]")
    return case


def refer(page: Any, case: Case, to: Agency, sections: list[str]) -> Handover:
    """Records the person's consent to be referred to ``to``, then sends the referral."""
    follow(page, f"a[href='{reverse('nrm:consent_record', args=[case.pk])}']")
    assert page.inner_text("h1") == f"Record a consent for {case.code}"
    page.select_option("#id_purpose", ConsentPurpose.REFERRAL)
    page.select_option("#id_recipient", str(to.pk))
    page.select_option("#id_given", "yes")
    page.fill("#id_language", "uz")
    page.check("#id_interpreter_present")
    submit(page)
    assert page.inner_text("h1") == f"Case {case.code}"
    assert f"Referral to a named agency — {to.name}" in page.inner_text("[data-section=consent]")

    follow(page, f"a[href='{reverse('nrm:handover_create', args=[case.pk])}']")
    assert page.inner_text("h1") == f"Hand over {case.code}"
    page.select_option("#id_kind", HandoverKind.REFERRAL)
    page.select_option("#id_to_agency", str(to.pk))
    for section in sections:
        page.check(f"input[name=sections][value={section}]")
    page.fill("#id_reason", "Please take the person on; she agreed to be referred to you.")
    submit(page)

    handover = Handover.objects.get(case=case, to_agency=to)
    assert page.url.endswith(reverse("nrm:handover_detail", args=[handover.pk]))
    assert page.inner_text("h1") == f"Referral of {case.code}"
    assert "The person consented to this referral." in page.inner_text("main")
    return handover


def accept_from_inbox(page: Any, handover: Handover, shared: list[str]) -> Case:
    """The recipient opens the referral from the inbox, sees only what is shared, accepts it."""
    follow(page, "nav.site-nav a[data-nav='nrm:handover_inbox']")
    assert page.inner_text("h1") == "Handover inbox"
    row = f"tr[data-handover='{handover.pk}']"
    assert handover.case.code in page.inner_text(row)
    assert handover.from_agency.name in page.inner_text(row)
    follow(page, f"{row} a[href='{reverse('nrm:handover_detail', args=[handover.pk])}']")

    assert page.inner_text("h1") == f"Referral of {handover.case.code}"
    assert page.inner_text("#shared-heading") == "What the sender shares with your agency"
    for section in SHOWN:
        count = page.locator(f"section[aria-labelledby=shared-heading] [data-section={section}]")
        assert count.count() == (1 if section in shared else 0), section
    if Section.IDENTITY in shared:
        assert f"{GIVEN} {FAMILY}" in page.inner_text("[data-section=identity]")

    follow(page, f"main a.button[href='{reverse('nrm:handover_accept', args=[handover.pk])}']")
    assert page.inner_text("h1") == "Accept the handover"
    assert "Accepting opens your agency's own case for the person." in page.inner_text("main")
    page.fill("#id_note", "Accepted; we will contact her today.")
    submit(page)

    opened = Case.objects.get(referred_by=handover)
    assert opened.agency == handover.to_agency
    assert opened.person_id == handover.case.person_id
    link = f"main a[href='{reverse('nrm:case_detail', args=[opened.pk])}']"
    assert page.inner_text(link) == f"Your agency's case {opened.code}"
    follow(page, link)
    assert page.inner_text("h1") == f"Case {opened.code}"
    return opened


def decide(page: Any, case: Case, step: str, reasons: str) -> None:
    follow(page, f"main a[data-step={step}]")
    assert page.inner_text("h1").startswith("Status decision")
    assert page.is_checked(f"input[name=step][value={step}]")
    page.fill("#id_reasons", reasons)
    submit(page)
    assert page.inner_text("h1") == f"Status and deadlines of case {case.code}"
    follow(page, f"main a[href='{reverse('nrm:case_detail', args=[case.pk])}']")


def test_a_person_is_flagged_referred_confirmed_and_the_ngo_closes_its_case(
    open_browser: Callable[[str], Any], demo: Any
) -> None:
    act, apf, pj = (
        Agency.objects.get(country="PT", short_name=name) for name in ("ACT", "APF", "PJ")
    )
    responder, worker, investigator = (
        User.objects.get(username=demo_username(role))
        for role in (Role.FRONTLINE_RESPONDER, Role.CASE_WORKER, Role.INVESTIGATOR)
    )
    today = timezone.localdate()

    # 1-2. The labour inspector flags, registers and refers (to APF and to the criminal police).
    page = open_browser(responder.username)
    flagged = flag_and_register(page, act)
    to_apf = refer(page, flagged, apf, [Section.IDENTITY, Section.CONSENT])
    page.goto(reverse("nrm:case_detail", args=[flagged.pk]))
    to_pj = refer(page, flagged, pj, [Section.IDENTITY, Section.SCREENING, Section.STATUS])
    page.goto(reverse("nrm:case_detail", args=[flagged.pk]))
    handovers = page.inner_text("[data-section=handovers]")
    assert handovers.count("waiting for an answer") == 2

    # 3. The NGO's case worker accepts: APF's own case opens.
    ngo = open_browser(worker.username)
    apf_case = accept_from_inbox(ngo, to_apf, [Section.IDENTITY, Section.CONSENT])
    assert ngo.inner_text("[data-section=header] [data-status]") == "Flagged (sinalizada)"
    theirs = ngo.goto(reverse("nrm:case_detail", args=[flagged.pk]))
    assert theirs is not None
    assert theirs.status == 404  # ACT's own case stays ACT's: APF sees only what was shared

    # 4. The investigator accepts, then takes the decisions in PJ's case.
    page = open_browser(investigator.username)
    pj_case = accept_from_inbox(page, to_pj, [Section.IDENTITY, Section.SCREENING, Section.STATUS])
    decide(page, pj_case, "pending", "Investigation opened on the employer (inquiry 112/26).")
    assert page.inner_text("[data-section=header] [data-status]") == (
        "Pending — under investigation (pendente)"
    )
    decide(page, pj_case, "confirmed", "Passport withheld, debt bondage, isolation: confirmed.")
    assert page.inner_text("[data-section=header] [data-status]") == "Confirmed (confirmada)"
    decisions = page.locator(f"section[aria-labelledby=section-decisions-{pj_case.pk}]")
    assert "Confirmed (confirmada)" in decisions.inner_text()
    assert "Pending — under investigation (pendente)" in decisions.inner_text()
    assert "Identified victim" in page.inner_text("[data-section=header]")

    # 5. The reflection period runs from the flagging, with its due date.
    period = CasePeriod.objects.get(case=pj_case, code="reflection_period")
    assert period.starts_on == pj_case.flagged_on == today
    assert period.due_on == today + datetime.timedelta(days=30)
    assert period.latest_on == today + datetime.timedelta(days=60)
    assert period.status == "running"
    row = page.locator("tr[data-period=reflection_period]")
    assert "Reflection period (Law 23/2007, art. 111)" in row.inner_text()
    assert short_date(period.due_on) in row.inner_text()
    assert short_date(period.latest_on) in row.inner_text()
    assert "running" in row.inner_text().lower()

    # 6. The NGO's case worker, still signed in, closes APF's case.
    page = ngo
    page.goto(reverse("nrm:case_detail", args=[apf_case.pk]))
    follow(page, f"main a[href='{reverse('nrm:case_close', args=[apf_case.pk])}']")
    assert page.inner_text("h1") == f"Close the case {apf_case.code}"
    page.select_option("#id_reason", "support_completed")
    page.fill("#id_note", "Housing and work found; she asked to end the support.")
    submit(page)
    page.goto(reverse("nrm:case_detail", args=[apf_case.pk]))
    header = page.inner_text("[data-section=header]")
    assert f"{today:%Y-%m-%d} · Support plan completed" in header
    assert f"Closed on {short_date(today)}: Support plan completed." in page.inner_text("main")
    assert page.locator(f"a[href='{reverse('nrm:case_reopen', args=[apf_case.pk])}']").count()
    assert not page.locator(f"a[href='{reverse('nrm:case_close', args=[apf_case.pk])}']").count()

    # What the pages wrote.
    flagged.refresh_from_db()
    apf_case.refresh_from_db()
    pj_case.refresh_from_db()
    assert Case.objects.filter(person=flagged.person).count() == 3
    assert (flagged.status, flagged.is_open) == ("flagged", True)
    assert (apf_case.closure_reason, apf_case.closed_on, apf_case.is_open) == (
        "support_completed",
        today,
        False,
    )
    assert pj_case.status == "confirmed"
    assert pj_case.trafficking_status == TraffickingStatus.ACTUAL
    assert list(pj_case.decisions.order_by("pk").values_list("step", "decided_by")) == [
        ("flagged", investigator.pk),
        ("pending", investigator.pk),
        ("confirmed", investigator.pk),
    ]
    confirmed = pj_case.decisions.get(step="confirmed")
    assert confirmed.deciding_agency == pj
    assert "debt bondage" in confirmed.reasons
    assert StatusDecision.objects.filter(case=flagged, step="flagged").exists()
    for handover, to in ((to_apf, apf), (to_pj, pj)):
        handover.refresh_from_db()
        assert handover.status == HandoverStatus.ACCEPTED
        assert handover.consent is not None
        assert (handover.consent.recipient, handover.consent.given) == (to, True)
        assert not handover.consent_overridden
    assert sorted(to_apf.sections) == sorted([Section.IDENTITY, Section.CONSENT])
    assert Consent.objects.filter(case=flagged, purpose=ConsentPurpose.REFERRAL).count() == 2
    for case in (flagged, apf_case, pj_case):
        assert case.periods.filter(code="reflection_period", starts_on=today).exists()

    assert audited(responder, AuditAction.CREATE, flagged)
    for handover in (to_apf, to_pj):
        assert audited(responder, AuditAction.CREATE, handover, "sections")
        assert audited(responder, AuditAction.CREATE, handover.consent)
    assert audited(worker, AuditAction.VIEW, flagged)  # the shared parts of the referral
    assert audited(worker, AuditAction.UPDATE, apf_case, "referred_by")
    assert audited(worker, AuditAction.UPDATE, apf_case, "closure_reason")
    assert audited(investigator, AuditAction.UPDATE, pj_case, "referred_by")
    assert audited(investigator, AuditAction.CREATE, pj_case.decisions.get(step="pending"))
    assert audited(investigator, AuditAction.CREATE, confirmed)
    assert audited(investigator, AuditAction.VIEW, flagged.person)

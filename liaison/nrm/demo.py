"""Demo cases for the NRM: 300 cases at the Portuguese demo agencies, flagged 2021–2026.

The figures follow the public picture (OTSH): mostly labour exploitation (82.7 % of the presumed
victims of 2023), most confirmed victims adult men in agriculture, some sexual exploitation of
women, a few children; Nepalese, Indian, Romanian, Brazilian, Moroccan, Portuguese, Uzbek,
Turkmen and Bangladeshi citizens. Some people are met by two or three agencies: sometimes the
agencies share one person record (the search before registering found it), sometimes each
registered its own with another spelling, in Latin or Cyrillic letters (for record linkage).

Every name is made up from lists of common given names and surnames. Rows are written in bulk for
speed, keeping what the services keep: a case's status is its last decision's step, periods
follow the country profile's deadlines, people have their search keys. ``load_demo`` is
idempotent: the cases get fixed codes, and a run that finds the first one writes nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction
from liaison.core.vocabularies import CaseStatus, Gender, SupportType, TraffickingStatus
from liaison.directory import services as directory_services
from liaison.directory.demo import AGENCIES, demo_username
from liaison.directory.models import Agency, CountryProfile, Membership, User
from liaison.directory.roles import Role, Scope
from liaison.nrm import ladder
from liaison.nrm.demo_data import (
    CASES_BY_YEAR,
    CITIZENSHIPS,
    CLOSE_REASONS,
    FIRST_CONTACT,
    INDUSTRIES,
    INDUSTRY_VALUE,
    LABOUR_SHARE,
    LANGUAGE,
    NEEDS,
    NGOS,
    ORIGIN_PARTNERS,
    PLACES,
    POLICE,
    PROVIDERS,
    SERVICE_FOR,
    STAFF,
    SUMMARIES,
    _pick,
    person_parts,
    spelt,
)
from liaison.nrm.models import (
    Case,
    CaseClosureReason,
    CasePeriod,
    Consent,
    ConsentPurpose,
    ExploitationProfile,
    Handover,
    HandoverKind,
    HandoverStatus,
    IdentityDocument,
    NeedsAssessment,
    PeriodStatus,
    Person,
    Provider,
    ResidencePermit,
    ReturnFollowUp,
    ServiceDelivery,
    StatusDecision,
    SupportPlanItem,
    TraffickingEvent,
)  # fmt: skip
from liaison.nrm.services.clocks import count_days
from liaison.nrm.services.people import search_keys_refresh

SEED = 20231215
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass
class Plan:
    """One person and the cases agencies opened for them, before anything is written."""

    kind: str  # labour / sexual / other
    citizenship: str
    sex: str
    birth: datetime.date
    agencies: list[str]
    shared_record: bool
    year: int
    industry: str = ""
    parts: dict[str, str] = field(default_factory=dict)


class Builder:
    def __init__(self, today: datetime.date) -> None:
        self.rng = random.Random(SEED)  # noqa: S311 - made-up data, not secrets
        self.today = today
        self.codes = code_sequence()
        self.agencies = {
            a.key: Agency.objects.get(country=a.country, name=a.name) for a in AGENCIES
        }
        self.profile = CountryProfile.objects.get(country="PT")
        self.users: dict[str, User] = {}
        self.providers: list[Provider] = []
        self.rows: dict[str, list[Any]] = {}

    # --- who and what ------------------------------------------------------------------------

    def staff(self) -> None:
        for role, key in ((Role.INVESTIGATOR, "pj"), (Role.FRONTLINE_RESPONDER, "act"),
                          (Role.CASE_WORKER, "apf"), (Role.NRM_DECISION_MAKER, "rapporteur")):  # fmt: skip
            self.users[key] = User.objects.get(username=demo_username(role))
        for key, (username, full_name, role) in STAFF.items():
            user = User.objects.filter(username=username).first() or directory_services.user_create(
                actor=None, username=username, full_name=full_name, preferred_language="pt"
            )
            if not Membership.objects.filter(user=user, agency=self.agencies[key]).exists():
                directory_services.membership_add(
                    actor=None, agency=self.agencies[key], user=user, role=role, scope=Scope.AGENCY
                )
            self.users[key] = user
        for name, key, services, region, places, languages, children in PROVIDERS:
            provider = Provider.objects.filter(name=name).first() or Provider.objects.create(
                name=name, agency=self.agencies[key], services=services, country="PT", region=region,
                capacity=places, places_free=places // 3 if places else None, languages=languages,
                accepts_children=children,
            )  # fmt: skip
            self.providers.append(provider)

    def plans(self) -> list[Plan]:
        plans = []
        for year, count in CASES_BY_YEAR.items():
            labour = round(count * LABOUR_SHARE[year])
            sexual = round((count - labour) * 0.7)
            left = {"labour": labour, "sexual": sexual, "other": count - labour - sexual}
            while sum(left.values()):
                kind = _pick(self.rng, {k: v for k, v in left.items() if v})
                plan = self.plan(kind, year, room=left[kind])
                left[kind] -= len(plan.agencies)
                plans.append(plan)
        return plans

    def plan(self, kind: str, year: int, room: int) -> Plan:
        rng = self.rng
        citizenship = _pick(rng, CITIZENSHIPS[kind])
        industry = _pick(rng, INDUSTRIES) if kind == "labour" else ""
        women = {"labour": 0.6 if industry == "T" else 0.1, "sexual": 0.9, "other": 0.5}[kind]
        sex = Gender.FEMININE if rng.random() < women else Gender.MASCULINE
        child = rng.random() < (0.09 if kind != "labour" else 0.02)
        age = rng.randint(14, 17) if child else rng.randint(19, 56 if kind == "labour" else 38)
        agencies = [_pick(rng, FIRST_CONTACT[kind])]
        for _i in range(min(rng.choices([0, 1, 2], [84, 13, 3])[0], room - 1)):
            pool = [k for k in (*POLICE, *NGOS) if k not in agencies]
            # Police and the inspectorate refer people to NGOs; NGOs bring them to the police.
            agencies.append(
                rng.choice([k for k in pool if (k in NGOS) != (agencies[-1] in NGOS)] or pool)
            )
        birth = datetime.date(year - age, rng.randint(1, 12), rng.randint(1, 28))
        plan = Plan(kind, citizenship, sex, birth, agencies, rng.random() < 0.5, year, industry)
        plan.parts = person_parts(rng, citizenship, sex)
        return plan

    def day(self, year: int) -> datetime.date:
        last = min(datetime.date(year, 12, 31), self.today - datetime.timedelta(days=10))
        return datetime.date(year, 1, 1) + datetime.timedelta(days=self.rng.randrange(max((last - datetime.date(year, 1, 1)).days, 1)))  # fmt: skip

    def later(self, start: datetime.date, low: int, high: int) -> datetime.date | None:
        """A date ``low``–``high`` days after ``start``, or None when that is still to come."""
        when = start + datetime.timedelta(days=self.rng.randint(low, high))
        return when if when < self.today else None

    def add(self, kind: str, row: Any) -> Any:
        self.rows.setdefault(kind, []).append(row)
        return row

    # --- one person's story ------------------------------------------------------------------

    def person(self, plan: Plan, key: str, variant: int) -> Person:
        parts = spelt(plan.parts, variant, self.rng)
        person = Person(
            given_names=parts["given"], family_names=parts["family"], patronymic=parts["patronymic"],
            sex=plan.sex, birth_date=plan.birth, birth_year_known=variant == 2,
            citizenship=plan.citizenship, languages=[LANGUAGE[plan.citizenship]],
            registered_by=self.agencies[key],
        )  # fmt: skip
        if self.rng.random() < 0.45:
            number = f"{plan.citizenship}{self.rng.randrange(10**6, 10**7)}"
            self.add("documents", IdentityDocument(person=person, kind="passport", number=number,
                                                   issuing_country=plan.citizenship))  # fmt: skip
        return self.add("people", person)

    def chain(
        self, plan: Plan, flagged: datetime.date
    ) -> tuple[list[tuple[str, datetime.date]], str]:
        """The ladder steps after flagging, with dates, and the agency that takes them."""
        entry = ladder.entry_step(self.profile)
        middle = ladder.next_steps(self.profile, str(entry["code"]))[0]
        finals = ladder.next_steps(self.profile, middle)
        positive = next(
            c
            for c in finals
            if ladder.outcome(ladder.get_step(self.profile, c) or {}) == TraffickingStatus.ACTUAL
        )
        negative = next(c for c in finals if c != positive)
        elapsed = (self.today - flagged).days
        weights = ({"flagged": 70, "pending": 30} if elapsed < 40 else
                   {"flagged": 25, "pending": 45, "confirmed": 20, "not": 10} if elapsed < 365 else
                   {"flagged": 20, "pending": 30, "confirmed": 34, "not": 16})  # fmt: skip
        stage = _pick(self.rng, weights)
        police = [k for k in plan.agencies if k in POLICE]
        decider = police[0] if police else ("gnr" if plan.industry == "A" else "pj")
        steps: list[tuple[str, datetime.date]] = []
        pending_on = self.later(flagged, 3, 30) if stage != "flagged" else None
        if pending_on:
            steps.append((middle, pending_on))
            final_on = self.later(pending_on, 40, 300) if stage in ("confirmed", "not") else None
            if final_on:
                steps.append((positive if stage == "confirmed" else negative, final_on))
                if stage == "confirmed" and self.rng.random() < 0.06:
                    decider = "rapporteur"  # exceptionally, the National Rapporteur confirms
        return steps, decider

    def story(self, plan: Plan) -> None:
        rng = self.rng
        first = self.person(plan, plan.agencies[0], 0)
        flagged = self.day(plan.year)
        steps, decider = self.chain(plan, flagged)
        cases: list[Case] = []
        activity: dict[int, list[datetime.date]] = {}
        for i, key in enumerate(plan.agencies):
            if i:
                flagged = min(flagged + datetime.timedelta(days=rng.randint(2, 40)),
                              datetime.date(plan.year, 12, 31), self.today - datetime.timedelta(days=3))  # fmt: skip
            person = first if i == 0 or plan.shared_record else self.person(plan, key, 1 + (i % 2))
            case = self.case(plan, key, person, flagged)
            own_steps = steps if i == 0 or plan.shared_record or rng.random() < 0.6 else []
            last = self.decisions(case, key, own_steps, decider)
            activity[i] = [last.decided_on, *self.assistance(plan, case, key)]
            if i:
                activity[i - 1].append(self.referral(cases[-1], case))
            cases.append(case)
            self.profile_and_route(plan, case)
            self.consents(plan, case)
            if i == len(plan.agencies) - 1:
                activity[i] += self.returns(plan, case, flagged)
            if i == 0 and case.trafficking_status == TraffickingStatus.ACTUAL:
                activity[i] += self.permit(plan, case, last.decided_on)
        recent = (self.today - flagged).days < 120
        if (
            len(cases) == 1
            and cases[0].agency.agency_type != "NGO"
            and recent
            and rng.random() < 0.6
        ):
            activity[0].append(self.pending_referral(cases[0], rng.choice(NGOS)))
        # Closed last, after everything else that happened in the case.
        for i, case in enumerate(cases):
            self.close(plan, case, max(activity[i]))

    def case(self, plan: Plan, key: str, person: Person, flagged: datetime.date) -> Case:
        age = (
            flagged.year
            - plan.birth.year
            - ((flagged.month, flagged.day) < (plan.birth.month, plan.birth.day))
        )
        place = self.rng.choice(PLACES.get(plan.industry or plan.kind, PLACES["other"]))
        return self.add("cases", Case(
            code=f"C-{flagged.year}-{next(self.codes)}", person=person, agency=self.agencies[key], owner=self.users[key],
            country=self.profile.country, flagged_on=flagged, is_child=age < 18, age_at_flagging=age,
            summary=SUMMARIES[plan.kind].format(place=place),
        ))  # fmt: skip

    def decisions(
        self, case: Case, key: str, steps: list[tuple[str, datetime.date]], decider: str
    ) -> StatusDecision:
        entry = str(ladder.entry_step(self.profile)["code"])
        agency = self.agencies[key]
        last = self.add("decisions", StatusDecision(
            case=case, step=entry, decided_on=case.flagged_on, decided_by=self.users[key], deciding_agency=agency,
            decision_org=agency.status_decision_org, reasons="Indicadores de tráfico identificados na primeira entrevista.",
        ))  # fmt: skip
        self.periods(case, entry, case.flagged_on)
        for step, on in steps:
            deciding = self.agencies[decider]
            last = self.add("decisions", StatusDecision(
                case=case, step=step, previous_step=last.step, decided_on=max(on, last.decided_on),
                decided_by=self.users[decider], deciding_agency=deciding, decision_org=deciding.status_decision_org,
                reasons="Decisão tomada após diligências de investigação e entrevista com a vítima.",
            ))  # fmt: skip
            self.periods(case, step, last.decided_on)
        case.status = last.step
        case.trafficking_status = ladder.outcome(ladder.get_step(self.profile, last.step) or {})
        return last

    def periods(self, case: Case, event: str, start: datetime.date) -> None:
        for deadline in ladder.deadlines_started_by(self.profile, event):
            unit = str(deadline.get("unit", "calendar"))
            due = count_days(self.profile, start, int(deadline.get("days", 0)), unit)
            latest = (
                count_days(self.profile, start, int(deadline["max_days"]), unit)
                if deadline.get("max_days")
                else None
            )
            ends = latest or due
            over = ends < self.today
            self.add("periods", CasePeriod(
                case=case, code=str(deadline["code"]), label=str(deadline.get("label", deadline["code"]))[:200],
                unit=unit, starts_on=start, due_on=due, latest_on=latest,
                status=PeriodStatus.ENDED if over else PeriodStatus.RUNNING, ended_on=ends if over else None,
            ))  # fmt: skip

    def referral(self, source: Case, target: Case) -> datetime.date:
        """The earlier agency referred the person, with consent; the later one accepted."""
        on = max(source.flagged_on, target.flagged_on - datetime.timedelta(days=1))
        consent = self.add("consents", Consent(
            case=source, purpose=ConsentPurpose.REFERRAL, recipient=target.agency, given=True, given_on=on,
            language="por", recorded_by=source.owner,
        ))  # fmt: skip
        answered = timezone.make_aware(
            datetime.datetime.combine(target.flagged_on, datetime.time(11))
        )
        handover = self.add("handovers", Handover(
            case=source, kind=HandoverKind.REFERRAL, status=HandoverStatus.ACCEPTED, from_agency=source.agency,
            from_user=source.owner, to_agency=target.agency, sections=["identity", "status", "exploitation", "consent"],
            consent=consent, reason="Apoio especializado e acolhimento.", responded_at=answered,
            responded_by=target.owner,
        ))  # fmt: skip
        self.add("referred", (target, handover))
        return on

    def pending_referral(self, case: Case, ngo: str) -> datetime.date:
        consent = self.add("consents", Consent(
            case=case, purpose=ConsentPurpose.REFERRAL, recipient=self.agencies[ngo], given=True,
            given_on=case.flagged_on, language="por", recorded_by=case.owner,
        ))  # fmt: skip
        self.add("handovers", Handover(
            case=case, kind=HandoverKind.REFERRAL, from_agency=case.agency, from_user=case.owner,
            to_agency=self.agencies[ngo], sections=["identity", "status"], consent=consent,
            reason="Pedido de acolhimento e apoio psicológico.",
        ))  # fmt: skip
        return case.flagged_on

    def profile_and_route(self, plan: Plan, case: Case) -> None:
        rng = self.rng
        sexual = plan.kind == "sexual"
        forms = {"labour": ["ForcedLabour"], "sexual": ["SexualExploitation"],
                 "other": [rng.choice(["ForcedBegging", "x_ForcedCriminalActivity", "Servitude"])]}[plan.kind]  # fmt: skip
        means = rng.sample(["DebtBondage", "WithholdsDocuments", "TakesEarnings", "ExcessiveWorkingHours",
                            "FalsePromises", "PhysicalThreats", "PsychologicalAbuse", "x_RestrictsMovement"], 3)  # fmt: skip
        self.add("profiles", ExploitationProfile(
            case=case, forms=forms, industry=INDUSTRY_VALUE.get(plan.industry, ""),
            sexual_exploitation_types=[rng.choice(["Prostitution", "Prostitution", "PrivateSexualServices"])] if sexual else [],
            means_of_control=means + (["SexualAbuse"] if sexual else []),
            recruitment_methods=[rng.choice(["ThroughFriendsOrSocialEvents", "ThroughAnOnlineAdvertisement",
                                             "ThroughOnlineSocialNetworks", "AtAPlaceOfBusiness"])],
            relation_to_recruiter=rng.choice(["Acquainted", "Unaquainted", "Familial"]),
            recruitment_platforms=[rng.choice(["Facebook", "WhatsApp", "Telegram", "Instagram"])] if rng.random() < 0.5 else [],
            also_smuggled=plan.citizenship not in ("PT", "RO", "BR") and rng.random() < 0.3,
        ))  # fmt: skip
        start = case.flagged_on - datetime.timedelta(days=rng.randint(60, 500))
        self.add(
            "events",
            TraffickingEvent(
                case=case,
                kind="Recruitment",
                country=plan.citizenship,
                started_on=start,
                ended_on=start,
            ),
        )
        if plan.citizenship in ("NP", "IN", "BD", "UZ", "TM") and rng.random() < 0.5:
            transit = {"NP": "AE", "IN": "AE", "BD": "AE", "UZ": "RU", "TM": "TR"}[plan.citizenship]
            self.add("events", TraffickingEvent(case=case, kind="Transit", country=transit,
                                                started_on=start + datetime.timedelta(days=20), ended_on=start + datetime.timedelta(days=50)))  # fmt: skip
        place = rng.choice(PLACES.get(plan.industry or plan.kind, PLACES["other"]))
        self.add("events", TraffickingEvent(case=case, kind="Exploitation", country="PT", place=place,
                                            started_on=start + datetime.timedelta(days=55), ended_on=case.flagged_on))  # fmt: skip

    def consents(self, plan: Plan, case: Case) -> None:
        language = LANGUAGE[plan.citizenship]
        guardian = "Teresa Matos Vilela" if case.is_child else ""
        for purpose, share in (
            (ConsentPurpose.ASSISTANCE, 0.95),
            (ConsentPurpose.OBSERVATORY, 0.75),
        ):
            self.add("consents", Consent(
                case=case, purpose=purpose, given=self.rng.random() < share, given_on=case.flagged_on,
                language=language, interpreter_present=language != "por", guardian_name=guardian,
                recorded_by=case.owner,
            ))  # fmt: skip

    def assistance(self, plan: Plan, case: Case, key: str) -> list[datetime.date]:
        rng = self.rng
        if key not in NGOS and rng.random() > 0.25:
            return []
        assessed = self.later(case.flagged_on, 1, 10)
        if assessed is None:
            return []
        needs = rng.sample(NEEDS[plan.kind], 3) + (["Education"] if case.is_child else [])
        self.add("needs", NeedsAssessment(case=case, assessed_on=assessed, needs=needs, assessed_by=case.owner,
                                          risk_level=rng.choice(["low", "medium", "high"]), notes="Avaliação inicial com intérprete."))  # fmt: skip
        dates = [assessed]
        for need in needs[: rng.randint(1, 3)]:
            ended = self.later(assessed, 30, 240)
            self.add("plan", SupportPlanItem(case=case, support_type=need, objective=f"{SupportType(need).label}: plano acordado com a pessoa.",
                                             planned_end=assessed + datetime.timedelta(days=120), actual_end=ended))  # fmt: skip
            dates += [d for d in (ended,) if d]
            offered = [
                p
                for p in self.providers
                if SERVICE_FOR.get(need) in p.services and (p.accepts_children or not case.is_child)
            ]
            started = self.later(assessed, 0, 20)
            if started is None:
                continue
            stopped = self.later(started, 20, 200)
            provider = rng.choice(offered) if offered else None
            self.add("services", ServiceDelivery(case=case, provider=provider, support_type=need,
                                                 service=SERVICE_FOR.get(need, "") if provider else "", started_on=started, ended_on=stopped))  # fmt: skip
            dates += [d for d in (started, stopped) if d]
        return dates

    def returns(self, plan: Plan, case: Case, flagged: datetime.date) -> list[datetime.date]:
        share = 0.35 if plan.citizenship in ORIGIN_PARTNERS else 0.1
        if plan.citizenship == "PT" or case.is_child or self.rng.random() > share:
            return []
        returned = self.later(flagged, 90, 400)
        if returned is None:
            return []
        partner = self.agencies.get(ORIGIN_PARTNERS.get(plan.citizenship, ""))
        self.add("returns", ReturnFollowUp(case=case, kind=ReturnFollowUp.Kind.RETURN, happened_on=returned,
                                           country=plan.citizenship, voluntary=self.rng.random() < 0.9, partner=partner))  # fmt: skip
        dates = [returned]
        for low, high in ((60, 120), (180, 300)):
            follow = self.later(returned, low, high)
            if follow:
                self.add("returns", ReturnFollowUp(case=case, kind=ReturnFollowUp.Kind.FOLLOW_UP, happened_on=follow,
                                                   country=plan.citizenship, partner=partner,
                                                   reintegration_status=_pick(self.rng, {"good": 5, "fragile": 3, "at_risk": 1, "unknown": 1})))  # fmt: skip
                dates.append(follow)
        self.add("returned", case)
        return dates

    def permit(self, plan: Plan, case: Case, confirmed_on: datetime.date) -> list[datetime.date]:
        if plan.citizenship in ("PT", "RO") or self.rng.random() > 0.45:
            return []
        requested = self.later(confirmed_on, 5, 30)
        granted = self.later(requested, 30, 90) if requested else None
        if requested is None:
            return []
        expires = count_days(self.profile, granted, 365, "calendar") if granted else None
        status = ResidencePermit.Status.REQUESTED if not granted else (
            ResidencePermit.Status.EXPIRED if expires and expires < self.today else ResidencePermit.Status.GRANTED)  # fmt: skip
        self.add("permits", ResidencePermit(case=case, route=self.rng.choice(["cooperation", "cooperation", "personal_situation"]),
                                            status=status, requested_on=requested, granted_on=granted, expires_on=expires))  # fmt: skip
        if granted:
            self.periods(case, "residence_permit_granted", granted)
        return [d for d in (requested, granted) if d]

    def close(self, plan: Plan, case: Case, last_activity: datetime.date) -> None:
        rng = self.rng
        negative = case.trafficking_status == TraffickingStatus.NOT_A_VICTIM
        returned = case in self.rows.get("returned", [])
        if any(
            h.case is case and h.status == HandoverStatus.PENDING
            for h in self.rows.get("handovers", [])
        ):
            return  # waiting for the NGO's answer
        if returned:
            reason = CaseClosureReason.RETURNED
        elif negative and rng.random() < 0.8:
            reason = CaseClosureReason.NOT_A_VICTIM
        elif (self.today - case.flagged_on).days > 400 and rng.random() < 0.65:
            reason = CaseClosureReason(_pick(rng, CLOSE_REASONS))
        else:
            return
        closed = self.later(last_activity, 3, 45)
        if closed is None:
            return
        case.closed_on, case.closure_reason = closed, reason
        case.closure_note = (
            "Mudou-se para outra região." if reason == CaseClosureReason.OTHER else ""
        )
        case.case_status = (
            CaseStatus.CLOSED_REFERRED
            if reason == CaseClosureReason.REFERRED
            else CaseStatus.CLOSED
        )


def code_sequence() -> Any:
    """Suffixes of the demo cases' codes: fixed by the seed, so a second run recognises them."""
    rng = random.Random(SEED + 1)  # noqa: S311 - made-up data, not secrets
    while True:
        yield "".join(rng.choice(CODE_ALPHABET) for _ in range(6))


ORDER = [("people", Person), ("documents", IdentityDocument), ("cases", Case), ("decisions", StatusDecision),
         ("periods", CasePeriod), ("consents", Consent), ("handovers", Handover), ("profiles", ExploitationProfile),
         ("events", TraffickingEvent), ("needs", NeedsAssessment), ("plan", SupportPlanItem),
         ("services", ServiceDelivery), ("returns", ReturnFollowUp), ("permits", ResidencePermit)]  # fmt: skip


def write(builder: Builder) -> Counter[str]:
    counts: Counter[str] = Counter()
    for name, model in ORDER:
        rows = builder.rows.get(name, [])
        model.objects.bulk_create(rows, batch_size=500)  # type: ignore[attr-defined]
        counts[name] = len(rows)
        if name == "people":
            for person in rows:  # the people service's keys, so the search finds them
                search_keys_refresh(person=person)
    referred = builder.rows.get("referred", [])
    for case, handover in referred:
        case.referred_by = handover
    Case.objects.bulk_update([case for case, _h in referred], ["referred_by"], batch_size=500)
    return counts


def first_code() -> str:
    """The code of the first demo case (flagged in the first year)."""
    return f"C-{min(CASES_BY_YEAR)}-{next(code_sequence())}"


@transaction.atomic
def load_demo() -> str:
    """Add the demo cases unless they are there; return a line for the ``demo`` command."""
    if Case.objects.filter(code=first_code()).exists():
        return _("The NRM demo cases are already loaded; nothing changed.")
    if not CountryProfile.objects.filter(country="PT").exists():
        return _("The NRM demo cases need the demo instance's Portuguese procedure; none added.")
    builder = Builder(timezone.localdate())
    builder.staff()
    for plan in builder.plans():
        builder.story(plan)
    counts = write(builder)
    audit_record(
        actor=None,
        action=AuditAction.SYSTEM,
        object_type="nrm.case",
        object_label=f"{counts['cases']} demo cases",
        fields=sorted(counts),
        purpose="NRM demo data loaded: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
    )
    return _("NRM demo: %(cases)d cases of %(people)d person records loaded.") % {
        "cases": counts["cases"],
        "people": counts["people"],
    }

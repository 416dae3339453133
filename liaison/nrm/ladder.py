"""Reading the national status ladder held in the CountryProfile.

A step is {"code", "label", "deciders": [roles], "next": [codes], "outcome"?}. ``outcome`` maps
the step to HTCDS (presumed / identified / not_identified); when a profile leaves it out it is
inferred: a step with further steps is presumed, a final step is identified unless its code says
otherwise (not_…, …negative).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured

from liaison.core.vocabularies import TraffickingStatus
from liaison.directory.models import CountryProfile

OUTCOMES = {
    "presumed": TraffickingStatus.POSSIBLE,
    "identified": TraffickingStatus.ACTUAL,
    "not_identified": TraffickingStatus.NOT_A_VICTIM,
}


def home_profile() -> CountryProfile:
    profile = CountryProfile.objects.filter(is_home=True).first()
    if profile is None:
        raise ImproperlyConfigured("No country profile is marked as this instance's country.")
    return profile


def profile_for(country: str) -> CountryProfile:
    return CountryProfile.objects.filter(country=country).first() or home_profile()


def steps(profile: CountryProfile) -> list[dict[str, Any]]:
    return list(profile.status_ladder or [])


def get_step(profile: CountryProfile, code: str) -> dict[str, Any] | None:
    return next((step for step in steps(profile) if step.get("code") == code), None)


def entry_step(profile: CountryProfile) -> dict[str, Any]:
    """The step no other step leads to: where every case starts (flagged, presumed, referred)."""
    ladder = steps(profile)
    reached = {code for step in ladder for code in step.get("next", [])}
    for step in ladder:
        if step.get("code") not in reached:
            return step
    raise ImproperlyConfigured(f"The status ladder of {profile.country} has no first step.")


def outcome(step: dict[str, Any]) -> TraffickingStatus:
    explicit = step.get("outcome")
    if explicit in OUTCOMES:
        return OUTCOMES[explicit]
    if step.get("next"):
        return TraffickingStatus.POSSIBLE
    code = str(step.get("code", ""))
    if code.startswith(("not_", "non_")) or "negative" in code:
        return TraffickingStatus.NOT_A_VICTIM
    return TraffickingStatus.ACTUAL


def label(profile: CountryProfile, code: str) -> str:
    step = get_step(profile, code)
    return str(step.get("label", code)) if step else code


# --- moves on the ladder and the clocks they start ----------------------------------------

# Events the application records itself; the others a user records on the case page.
SYSTEM_EVENTS = frozenset({"residence_permit_granted"})


def next_steps(profile: CountryProfile, code: str) -> list[str]:
    step = get_step(profile, code)
    return [str(c) for c in step.get("next", [])] if step else []


def is_final(step: dict[str, Any]) -> bool:
    return not step.get("next")


def deciders(step: dict[str, Any]) -> set[str]:
    return {str(role) for role in step.get("deciders", [])}


def deadline_starts(deadline: dict[str, Any]) -> list[str]:
    """The events that start a deadline: one code, a comma-separated text or a list (the first
    of them to happen starts the period, e.g. a reflection period from flagging or from the
    request to cooperate, whichever comes first)."""
    starts = deadline.get("starts") or []
    if isinstance(starts, str):
        starts = starts.split(",")
    return [str(code).strip() for code in starts if str(code).strip()]


def deadlines_started_by(profile: CountryProfile, event: str) -> list[dict[str, Any]]:
    return [d for d in profile.deadlines or [] if event in deadline_starts(d)]


def deadline_ends(profile: CountryProfile, deadline: dict[str, Any]) -> set[str]:
    """The steps whose decision ends a deadline.

    Explicit ``ends`` codes win. Otherwise a deadline counted in working days from a ladder step
    is a decision deadline: it waits for the decision that moves the case on from that step
    (UK: the reasonable-grounds decision). Calendar periods (reflection, recovery) protect the
    person for their length whatever is decided, so no decision ends them.
    """
    explicit = deadline.get("ends")
    if explicit:
        return {
            str(c).strip() for c in (explicit.split(",") if isinstance(explicit, str) else explicit)
        }
    if deadline.get("unit") != "working":
        return set()
    codes = {str(s.get("code")) for s in steps(profile)}
    return {
        nxt
        for start in deadline_starts(deadline)
        if start in codes
        for nxt in next_steps(profile, start)
    }


def is_decision_deadline(profile: CountryProfile, deadline: dict[str, Any]) -> bool:
    return bool(deadline_ends(profile, deadline))


def recordable_events(profile: CountryProfile) -> list[str]:
    """Events a user records by hand (e.g. cooperation_requested): those that start a deadline
    and are neither a ladder step nor recorded by the application itself."""
    codes = {str(s.get("code")) for s in steps(profile)}
    found: list[str] = []
    for deadline in profile.deadlines or []:
        for event in deadline_starts(deadline):
            if event not in codes and event not in SYSTEM_EVENTS and event not in found:
                found.append(event)
    return found


def find_deadline(profile: CountryProfile, code: str) -> dict[str, Any] | None:
    return next((d for d in profile.deadlines or [] if d.get("code") == code), None)

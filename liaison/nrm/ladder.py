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

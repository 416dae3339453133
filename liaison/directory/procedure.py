"""The national procedure held in a CountryProfile: validation and the working calendar."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaison.directory.roles import Role

if TYPE_CHECKING:
    from liaison.directory.models import CountryProfile

DEADLINE_UNITS = ("working", "calendar")


def _require_list_of_dicts(
    value: Any, field: str, errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        errors.setdefault(field, []).append(_("Expected a list of entries."))
        return []
    return value


def validate_procedure(profile: CountryProfile) -> None:
    errors: dict[str, list[str]] = {}
    steps = _require_list_of_dicts(profile.status_ladder, "status_ladder", errors)
    codes = [str(step.get("code", "")) for step in steps]
    if len(set(codes)) != len(codes) or "" in codes:
        errors.setdefault("status_ladder", []).append(
            _("Every step needs a code, and codes must differ.")
        )
    valid_roles = set(Role.values)
    for step in steps:
        unknown = set(step.get("deciders", [])) - valid_roles
        if unknown:
            errors.setdefault("status_ladder", []).append(
                _("Step %(step)s names unknown roles: %(roles)s")
                % {"step": step.get("code"), "roles": ", ".join(sorted(unknown))}
            )
        bad_next = set(step.get("next", [])) - set(codes)
        if bad_next:
            errors.setdefault("status_ladder", []).append(
                _("Step %(step)s leads to unknown steps: %(steps)s")
                % {"step": step.get("code"), "steps": ", ".join(sorted(bad_next))}
            )
    for deadline in _require_list_of_dicts(profile.deadlines, "deadlines", errors):
        days, unit = deadline.get("days"), deadline.get("unit")
        if (
            not isinstance(days, int)
            or days < 0
            or unit not in DEADLINE_UNITS
            or not deadline.get("code")
        ):
            errors.setdefault("deadlines", []).append(
                _(
                    "Deadline %(code)s needs a code, a whole number of days and a unit (working or calendar)."
                )
                % {"code": deadline.get("code", "?")}
            )
        max_days = deadline.get("max_days")
        if max_days is not None and (
            not isinstance(max_days, int) or (isinstance(days, int) and max_days < days)
        ):
            errors.setdefault("deadlines", []).append(
                _("Deadline %(code)s: the maximum cannot be shorter than the minimum.")
                % {"code": deadline.get("code")}
            )
    if not isinstance(profile.working_days, list) or not all(
        isinstance(day, int) and 1 <= day <= 7 for day in profile.working_days
    ):
        errors.setdefault("working_days", []).append(
            _("Working days are weekday numbers from 1 (Monday) to 7 (Sunday).")
        )
    if not isinstance(profile.holidays, list):
        errors.setdefault("holidays", []).append(_("Holidays are a list of dates."))
    else:
        for holiday in profile.holidays:
            try:
                datetime.date.fromisoformat(str(holiday))
            except ValueError:
                errors.setdefault("holidays", []).append(
                    _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": holiday}
                )
    if errors:
        raise ValidationError(errors)


def add_working_days(profile: CountryProfile, start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days after ``start`` in this country's calendar."""
    working = set(profile.working_days or [1, 2, 3, 4, 5])
    holidays = {datetime.date.fromisoformat(str(h)) for h in profile.holidays or []}
    current, remaining = start, days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.isoweekday() in working and current not in holidays:
            remaining -= 1
    return current


def deadline_date(profile: CountryProfile, code: str, start: datetime.date) -> datetime.date | None:
    for deadline in profile.deadlines:
        if deadline.get("code") == code:
            if deadline.get("unit") == "working":
                return add_working_days(profile, start, int(deadline["days"]))
            return start + datetime.timedelta(days=int(deadline["days"]))
    return None

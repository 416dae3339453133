"""Validation errors of API payloads, in the language of the request.

Pydantic words its errors in English; the API answers with a translated message per field, keyed
on pydantic's stable error ``type``, and keeps ``loc`` so a script can tell which field is wrong.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _characters(limit: str, ctx: dict[str, Any]) -> str:
    count = int(ctx.get(limit, 0))
    if limit == "max_length":
        return ngettext(
            "Enter at most %(n)d character.", "Enter at most %(n)d characters.", count
        ) % {"n": count}
    return ngettext(
        "Enter at least %(n)d character.", "Enter at least %(n)d characters.", count
    ) % {"n": count}


_GENERIC_TYPES = {
    "missing": lambda ctx: _("This field is required."),
    "string_type": lambda ctx: _("Enter text."),
    "string_too_long": lambda ctx: _characters("max_length", ctx),
    "string_too_short": lambda ctx: _characters("min_length", ctx),
    "int_type": lambda ctx: _("Enter a whole number."),
    "int_parsing": lambda ctx: _("Enter a whole number."),
    "int_from_float": lambda ctx: _("Enter a whole number."),
    "float_type": lambda ctx: _("Enter a number."),
    "float_parsing": lambda ctx: _("Enter a number."),
    "bool_type": lambda ctx: _("Enter true or false."),
    "bool_parsing": lambda ctx: _("Enter true or false."),
    "date_type": lambda ctx: _("Enter a date as YYYY-MM-DD."),
    "date_parsing": lambda ctx: _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": lambda ctx: _("Enter a date as YYYY-MM-DD."),
    "datetime_type": lambda ctx: _("Enter a date and time (ISO 8601)."),
    "datetime_parsing": lambda ctx: _("Enter a date and time (ISO 8601)."),
    "datetime_from_date_parsing": lambda ctx: _("Enter a date and time (ISO 8601)."),
    "uuid_type": lambda ctx: _("Enter a valid identifier."),
    "uuid_parsing": lambda ctx: _("Enter a valid identifier."),
    "list_type": lambda ctx: _("Enter a list."),
    "dict_type": lambda ctx: _("Enter an object."),
    "model_attributes_type": lambda ctx: _("Enter an object."),
    "model_type": lambda ctx: _("Enter an object."),
    "enum": lambda ctx: _("Choose one of: %(values)s.") % {"values": ctx.get("expected", "")},
    "literal_error": lambda ctx: (
        _("Choose one of: %(values)s.") % {"values": ctx.get("expected", "")}
    ),
    "greater_than_equal": lambda ctx: (
        _("Enter a value of at least %(n)s.") % {"n": ctx.get("ge", "?")}
    ),
    "less_than_equal": lambda ctx: _("Enter a value of at most %(n)s.") % {"n": ctx.get("le", "?")},
    "greater_than": lambda ctx: _("Enter a value above %(n)s.") % {"n": ctx.get("gt", "?")},
    "less_than": lambda ctx: _("Enter a value below %(n)s.") % {"n": ctx.get("lt", "?")},
    "extra_forbidden": lambda ctx: _("This field is not accepted here."),
}


def translate_validation_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    translated = []
    for error in errors:
        kind = str(error.get("type", ""))
        context = error.get("ctx") or {}
        if kind in _GENERIC_TYPES:
            message = _GENERIC_TYPES[kind](context)
        elif kind in ("value_error", "assertion_error") and context.get("error"):
            # Our own validators raise with a message already in the request's language.
            message = str(context["error"])
        else:
            message = _("This value is not valid.")
        translated.append({"loc": error.get("loc"), "msg": message, "type": kind})
    return translated


def translate_http_error(status: int, message: str) -> str:
    """Ninja's own refusals (a body that is not JSON, a failed CSRF check) in the request's language."""
    if status == 400 and message.startswith("Cannot parse request body"):
        return _("The request body is not valid JSON.")
    if status == 403 and message.startswith("CSRF check"):
        return _("The request lacks a valid CSRF token: reload the page, or use an API token.")
    return message

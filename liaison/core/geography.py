"""Countries (ISO 3166-1) with names in the interface language, from pycountry's data."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language


@cache
def _translator(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def country_name(alpha_2: str, language: str | None = None) -> str:
    country = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        return alpha_2
    name = getattr(country, "common_name", None) or country.name
    return _translator((language or get_language() or "en").split("-")[0]).gettext(name)


def country_choices() -> list[tuple[str, str]]:
    """(alpha-2, name) pairs in the active language, sorted by name."""
    return sorted(
        ((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries), key=lambda p: p[1]
    )


def is_country_code(value: str) -> bool:
    return len(value) == 2 and pycountry.countries.get(alpha_2=value.upper()) is not None

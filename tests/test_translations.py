"""Every catalogue is complete: no untranslated and no fuzzy entry (fuzzy ones are not compiled)."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    path = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=language)

    untranslated = [m.id for m in catalogue if m.id and not _translated(m.string)]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]

    assert not untranslated, (
        f"{language}: {len(untranslated)} untranslated, e.g. {untranslated[:3]}"
    )
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:3]}"


def _translated(string):
    forms = string if isinstance(string, tuple) else (string,)
    return all(form for form in forms)

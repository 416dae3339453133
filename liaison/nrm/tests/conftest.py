"""The default indicator checklists come from a data migration, and a transactional test elsewhere
in the run empties every table; each NRM test that uses the database gets them back."""

import pytest


@pytest.fixture(autouse=True)
def _default_checklists(request: pytest.FixtureRequest) -> None:
    uses_db = request.node.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db"} & set(request.fixturenames)
    )
    if not uses_db:
        return
    # pytest-django's autouse database fixtures run before this one, so access is open here.
    from liaison.nrm.indicators import DEFAULT_CHECKLISTS
    from liaison.nrm.models import IndicatorChecklist

    for kind, indicators in DEFAULT_CHECKLISTS.items():
        IndicatorChecklist.objects.get_or_create(
            kind=kind, country="", version=1, defaults={"indicators": indicators}
        )

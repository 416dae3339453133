"""Let transactional tests end cleanly although the access log refuses to be emptied.

After a transactional test, pytest-django empties every table: SQLite with DELETE, which the
append-only triggers refuse as soon as the test wrote an audit entry, and PostgreSQL with
TRUNCATE, which its trigger always refuses. Around that teardown only, the triggers are lifted
and then put back exactly as migration 0003 defines them, so every other test still runs
against an append-only log. The emptying also removes the chain's head row, which that
migration writes once; it is written again, as the migration does.
"""

from __future__ import annotations

import importlib
from collections.abc import Generator
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from pytest_django.plugin import blocking_manager_key

append_only = importlib.import_module("liaison.core.migrations.0003_audit_append_only")
# Set once the test database is in place for this test, so the hook never touches another database.
USES_TEST_DATABASE = pytest.StashKey[bool]()


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def lift_append_only_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in append_only.SQLITE_REVERSE:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
            )


def restore_append_only_triggers() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for statement in [*append_only.SQLITE_REVERSE, *append_only.SQLITE]:
                cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
    append_only.create_head(apps, None)


@pytest.fixture(autouse=True)
def _mark_transactional_database(request: pytest.FixtureRequest) -> None:
    # Autouse fixtures of this plugin run after pytest-django's, so the database is ready here.
    if _is_transactional(request.node):
        request.node.stash[USES_TEST_DATABASE] = True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(
    item: pytest.Item, nextitem: pytest.Item | None
) -> Generator[None, Any, Any]:
    if not item.stash.get(USES_TEST_DATABASE, False):
        return (yield)
    blocker = item.config.stash[blocking_manager_key]
    with blocker.unblock():
        lift_append_only_triggers()
    try:
        return (yield)
    finally:
        with blocker.unblock():
            restore_append_only_triggers()
            connection.close()

"""The access log: the chain verifies, tampering is found, the database refuses edits."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from liaison.core.audit import (
    ChainProblem,
    ProblemKind,
    audit_record,
    audit_verify,
    problem_messages,
)
from liaison.core.models import AuditAction, AuditChainHead, AuditEvent
from liaison.directory.tests.factories import AgencyFactory, UserFactory


def drop_append_only_triggers() -> None:
    """Play an attacker with direct database access: the triggers are the first thing to go."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
        elif connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER core_auditevent_append_only ON core_auditevent")
        else:
            pytest.skip(f"no append-only triggers on {connection.vendor}")


def raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def run_verify() -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), exc
    return out.getvalue(), err.getvalue(), None


@pytest.fixture
def chain(db: object) -> list[AuditEvent]:
    actor = UserFactory.create(username="officer")
    agency = AgencyFactory.create(name="Polícia Judiciária")
    events = [
        audit_record(
            actor=actor, action=AuditAction.VIEW, obj=agency, fields=["name"], purpose="case review"
        ),
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=agency, fields=["website"]),
        audit_record(
            actor=None, action=AuditAction.SYSTEM, object_type="core.job", object_label="import"
        ),
        audit_record(actor=actor, action=AuditAction.EXPORT, obj=agency),
        audit_record(
            actor=actor,
            action=AuditAction.LOGOUT,
            object_type="directory.user",
            object_id=str(actor.pk),
        ),
    ]
    return events


def test_an_intact_chain_verifies_and_the_check_is_logged(chain: list[AuditEvent]) -> None:
    out, err, error = run_verify()

    assert error is None
    assert "intact: 5 entries checked" in out
    assert "100% (5/5)" in err  # the progress bar, in its plain form: stderr is not a terminal
    last = AuditEvent.objects.order_by("-id").first()
    assert last is not None
    assert last.object_label == "access log verification"
    assert last.actor_label == "system"
    assert audit_verify().ok


def test_an_altered_row_is_reported_with_its_id(chain: list[AuditEvent]) -> None:
    drop_append_only_triggers()
    target = chain[2]
    raw("UPDATE core_auditevent SET purpose = %s WHERE id = %s", ["nothing to see", target.pk])

    out, _err, error = run_verify()

    assert error is not None
    assert error.returncode == 1
    assert "1 problem found" in str(error)
    assert f"Event {target.pk}: its content does not match its hash" in out
    assert audit_verify().problems == [ChainProblem(ProblemKind.CONTENT, target.pk)]


def test_an_altered_row_with_a_recomputed_hash_breaks_the_next_link(
    chain: list[AuditEvent],
) -> None:
    from liaison.core.audit import compute_hash

    drop_append_only_triggers()
    target = AuditEvent.objects.get(pk=chain[1].pk)
    target.fields = ["website", "name"]
    forged = compute_hash(target)
    raw(
        "UPDATE core_auditevent SET fields = %s, entry_hash = %s WHERE id = %s",
        ['["name", "website"]', forged, target.pk],
    )

    problems = audit_verify().problems

    assert ChainProblem(ProblemKind.LINK, chain[2].pk, chain[1].pk) in problems


def test_a_deleted_middle_row_is_reported_at_the_next_entry(chain: list[AuditEvent]) -> None:
    drop_append_only_triggers()
    raw("DELETE FROM core_auditevent WHERE id = %s", [chain[2].pk])

    out, _err, error = run_verify()

    assert error is not None
    assert error.returncode == 1
    assert audit_verify().problems == [ChainProblem(ProblemKind.LINK, chain[3].pk, chain[1].pk)]
    assert (
        f"Event {chain[3].pk}: the link to the previous entry (event {chain[1].pk}) is broken"
        in out
    )


def test_deleted_last_rows_are_reported(chain: list[AuditEvent]) -> None:
    drop_append_only_triggers()
    raw("DELETE FROM core_auditevent WHERE id >= %s", [chain[3].pk])

    problems = audit_verify().problems
    out, _err, error = run_verify()

    assert problems == [ChainProblem(ProblemKind.MISSING_TAIL, chain[2].pk, chain[4].pk)]
    assert error is not None
    assert error.returncode == 1
    assert f"The chain ends at event {chain[2].pk} but its head records event {chain[4].pk}" in out
    # The verification's own entry links to the vanished tail: later checks still see the gap.
    assert audit_verify().problems[0].kind == ProblemKind.LINK


def test_deleting_every_row_is_reported(chain: list[AuditEvent]) -> None:
    drop_append_only_triggers()
    raw("DELETE FROM core_auditevent", [])

    assert audit_verify().problems == [ChainProblem(ProblemKind.MISSING_TAIL, 0, chain[4].pk)]


def test_a_rewound_head_is_reported(chain: list[AuditEvent]) -> None:
    AuditChainHead.objects.filter(pk=1).update(last_hash="f" * 64)

    assert audit_verify().problems == [ChainProblem(ProblemKind.HEAD, chain[4].pk)]


def test_entries_appended_during_a_verification_raise_no_false_alarm(
    chain: list[AuditEvent],
) -> None:
    seen: list[tuple[int, int]] = []

    def busy_app(done: int, total: int) -> None:
        seen.append((done, total))
        audit_record(
            actor=None, action=AuditAction.VIEW, object_type="nrm.case", object_id=str(done)
        )

    result = audit_verify(progress=busy_app, batch=2)

    assert result.ok, result.problems
    assert result.checked == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    assert audit_verify().ok  # and the entries written meanwhile belong to an intact chain


@pytest.mark.parametrize(
    "tamper_case",
    ["orm_update", "orm_delete", "instance_save", "instance_delete", "raw_update", "raw_delete"],
)
def test_the_database_refuses_to_change_or_delete_an_entry(
    chain: list[AuditEvent], tamper_case: str
) -> None:
    target = chain[1]
    attempts = {
        "orm_update": lambda: AuditEvent.objects.filter(pk=target.pk).update(purpose="x"),
        "orm_delete": lambda: AuditEvent.objects.filter(pk=target.pk).delete(),
        "instance_save": lambda: AuditEvent(**{**_columns(target), "purpose": "x"}).save(),
        "instance_delete": lambda: AuditEvent.objects.get(pk=target.pk).delete(),
        "raw_update": lambda: raw(
            "UPDATE core_auditevent SET purpose = %s WHERE id = %s", ["x", target.pk]
        ),
        "raw_delete": lambda: raw("DELETE FROM core_auditevent WHERE id = %s", [target.pk]),
    }

    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        attempts[tamper_case]()

    assert AuditEvent.objects.get(pk=target.pk).purpose == target.purpose
    assert audit_verify().ok


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="TRUNCATE is refused by the PostgreSQL trigger"
)
def test_postgresql_refuses_truncating_the_log(chain: list[AuditEvent]) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw("TRUNCATE core_auditevent", [])


def _columns(event: AuditEvent) -> dict[str, object]:
    return {f.attname: getattr(event, f.attname) for f in AuditEvent._meta.concrete_fields}


def test_tail_prints_the_latest_entries_oldest_first(chain: list[AuditEvent]) -> None:
    out = StringIO()

    call_command("audit", "tail", "-n", "2", stdout=out)

    lines = out.getvalue().splitlines()
    assert [int(line.split()[0]) for line in lines] == [chain[3].pk, chain[4].pk]
    assert lines[0].strip().split("  ")[2:5] == [
        "officer",
        "export",
        f'directory.agency#{chain[3].object_id} "Polícia Judiciária"',
    ]


def test_tail_refuses_a_count_below_one(chain: list[AuditEvent]) -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("audit", "tail", "-n", "0")


def test_stored_problems_are_shown_as_sentences() -> None:
    stored = [
        ChainProblem(ProblemKind.CONTENT, 7).as_dict(),
        ChainProblem(ProblemKind.LINK, 9, 7).as_dict(),
    ]

    messages = problem_messages(stored)

    assert messages[0].startswith("Event 7: its content does not match")
    assert messages[1].startswith("Event 9: the link to the previous entry (event 7)")

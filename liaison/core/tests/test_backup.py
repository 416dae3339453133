"""Backup and restore round-trip a populated database: every table comes back as it was."""

from __future__ import annotations

import builtins
import hashlib
import re
import shutil
import sqlite3
import stat
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from liaison.core import backup as backup_service
from liaison.core import jobs
from liaison.core.audit import audit_record, audit_verify
from liaison.core.models import AuditAction, AuditChainHead, AuditEvent
from liaison.directory.models import Agency, Membership, User
from liaison.directory.roles import Role
from liaison.directory.tests.factories import (
    AgencyFactory,
    CountryProfileFactory,
    MembershipFactory,
    UserFactory,
)

AUDIT_TABLES = {"core_auditevent", "core_auditchainhead"}
SECRET_NAME = "Gulshan Nurmatova Yusupovna"

needs_pg_tools = pytest.mark.skipif(
    connection.vendor == "postgresql"
    and not (shutil.which("pg_dump") and shutil.which("pg_restore")),
    reason="pg_dump and pg_restore are not on PATH",
)


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def table_digest(table: str, where: str = "", params: tuple[Any, ...] = ()) -> tuple[int, str]:
    """Row count and a digest of every row, independent of the order the database returns them in."""
    with connection.cursor() as cursor:
        # The table name comes from the database's own catalogue, never from input.
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} {where}", params)  # noqa: S608
        rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
    return len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()


def snapshot() -> dict[str, tuple[int, str]]:
    return {table: table_digest(table) for table in sorted(connection.introspection.table_names())}


def populate() -> dict[str, Any]:
    ministry = AgencyFactory.create(name="Ministry of Internal Affairs", country="UZ")
    police = AgencyFactory.create(name="Polícia Judiciária", country="PT")
    unit = AgencyFactory.create(name="Trafficking Unit", country="PT", parent=police)
    ngo = AgencyFactory.create(name="APAV", country="PT")
    victim_lawyer = UserFactory.create(
        full_name=SECRET_NAME, email="g.nurmatova@example.uz", phone="+998 71 000 00 00"
    )
    officer = UserFactory.create(full_name="Rui Almeida", email="rui.almeida@example.pt")
    MembershipFactory.create(user=victim_lawyer, agency=ministry, role=Role.CASE_WORKER)
    MembershipFactory.create(user=officer, agency=unit, role=Role.INVESTIGATOR)
    doomed = MembershipFactory.create(user=officer, agency=ngo, role=Role.CASE_MANAGER)
    CountryProfileFactory.create()
    for agency in (ministry, police, unit, ngo):
        audit_record(
            actor=officer, action=AuditAction.CREATE, obj=agency, fields=["name", "country"]
        )
    audit_record(
        actor=officer,
        action=AuditAction.VIEW,
        obj=victim_lawyer,
        fields=["full_name"],
        purpose="check",
    )
    jobs.job_create(owner=officer, kind="audit.verify", title="Verify", total=3)
    return {
        "ngo": ngo,
        "doomed": doomed,
        "doomed_pk": doomed.pk,
        "ngo_pk": ngo.pk,
        "secret_user": victim_lawyer,
    }


def change_everything(data: dict[str, Any]) -> None:
    newcomer = UserFactory.create(username="added-after-backup", full_name="Added After Backup")
    MembershipFactory.create(
        user=newcomer, agency=AgencyFactory.create(name="Added Agency"), role=Role.AUDITOR
    )
    data["doomed"].delete()
    data["ngo"].delete()
    user = data["secret_user"]
    user.full_name = "Renamed After Backup"
    user.save(update_fields=["full_name"])
    audit_record(actor=newcomer, action=AuditAction.UPDATE, obj=user, fields=["full_name"])


def backup_to(target: Path) -> Path:
    out = StringIO()
    call_command("backup", str(target), stdout=out)
    assert out.getvalue().startswith(f"Backup written to {target}")
    return target


@needs_pg_tools
@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_every_table_as_it_was_at_backup_time(tmp_path: Path) -> None:
    data = populate()
    before = snapshot()
    last_event_before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
    path = backup_to(tmp_path / "liaison.backup")
    change_everything(data)
    assert snapshot() != before

    out = StringIO()
    call_command("restore", str(path), "--yes", stdout=out, stderr=StringIO())

    assert out.getvalue().strip() == f"Database restored from {path}."
    after = snapshot()
    assert after.keys() == before.keys()
    for table in before.keys() - AUDIT_TABLES:
        assert after[table] == before[table], table
    # The access log comes back whole, followed by the entries of the backup and the restore.
    assert (
        table_digest("core_auditevent", "WHERE id <= %s", (last_event_before,))
        == before["core_auditevent"]
    )
    appended = list(AuditEvent.objects.filter(id__gt=last_event_before).order_by("id"))
    assert [(e.action, e.object_label) for e in appended] == [
        (AuditAction.SYSTEM, f"restore from {path.name}"),
    ]
    assert AuditChainHead.objects.get(pk=1).last_event_id == appended[-1].pk
    assert audit_verify().ok
    # And the restored rows read through the application, encrypted fields included.
    assert User.objects.get(pk=data["secret_user"].pk).full_name == SECRET_NAME
    assert Agency.objects.get(pk=data["ngo_pk"]).name == "APAV"
    assert Membership.objects.filter(pk=data["doomed_pk"]).exists()
    assert not User.objects.filter(username="added-after-backup").exists()
    assert not Agency.objects.filter(name="Added Agency").exists()


@needs_pg_tools
@pytest.mark.django_db(transaction=True)
def test_a_backup_is_private_and_holds_no_plaintext_name(tmp_path: Path) -> None:
    populate()

    path = backup_to(tmp_path / "private.backup")

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert SECRET_NAME.encode() not in path.read_bytes()
    assert not list(tmp_path.glob("*.partial"))
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert (event.action, event.object_label) == (AuditAction.EXPORT, f"backup {path.name}")


@needs_pg_tools
@pytest.mark.django_db(transaction=True)
def test_restore_asks_first_and_a_refusal_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    populate()
    path = backup_to(tmp_path / "ask.backup")
    AgencyFactory.create(name="Kept Because Refused")
    answers: list[str] = []

    def answer(prompt: str) -> str:
        answers.append(prompt)
        return "no"

    monkeypatch.setattr(builtins, "input", answer)
    with pytest.raises(CommandError, match="Restore cancelled"):
        call_command("restore", str(path), stdout=StringIO())

    assert "Type 'yes' to continue" in answers[0]
    assert Agency.objects.filter(name="Kept Because Refused").exists()

    monkeypatch.setattr(builtins, "input", lambda prompt: "yes")
    call_command("restore", str(path), stdout=StringIO())

    assert not Agency.objects.filter(name="Kept Because Refused").exists()


@pytest.mark.django_db
def test_the_default_backup_goes_under_var_backups_with_a_utc_time(tmp_path: Path) -> None:
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not on PATH")
    out = StringIO()

    with override_settings(VAR_DIR=tmp_path):
        call_command("backup", stdout=out)

    written = list((tmp_path / "backups").iterdir())
    assert len(written) == 1
    assert re.fullmatch(r"liaison-\d{8}T\d{6}Z\.(sqlite3|pgdump)", written[0].name)
    assert str(written[0]) in out.getvalue()


@pytest.mark.django_db
def test_a_folder_gets_the_default_name_and_an_existing_file_is_never_overwritten(
    tmp_path: Path,
) -> None:
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not on PATH")
    first = backup_service.database_backup(path=tmp_path)
    assert first.path.parent == tmp_path
    assert first.size > 0

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(first.path), stdout=StringIO())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content_case", "content", "message"),
    [
        ("text", b"name,email\nnot,a backup\n", "is not a Liaison backup"),
        ("empty", b"", "is not a Liaison backup"),
        ("other_engine", None, "backup; this instance runs on"),
    ],
)
def test_restore_refuses_what_is_not_a_backup_of_this_instance(
    tmp_path: Path, content_case: str, content: bytes | None, message: str
) -> None:
    AgencyFactory.create(name="Still Here")
    path = tmp_path / content_case
    if content is None:
        content = (
            b"PGDMP\x01\x0e"
            if connection.vendor == "sqlite"
            else b"SQLite format 3\x00" + b"\x00" * 100
        )
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path), "--yes", stdout=StringIO())

    assert Agency.objects.filter(name="Still Here").exists()


@pytest.mark.django_db
def test_restore_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="is not a file"):
        call_command("restore", str(tmp_path / "nowhere.sqlite3"), "--yes", stdout=StringIO())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite online backup API")
@pytest.mark.django_db
def test_sqlite_refuses_a_database_that_is_not_liaisons(tmp_path: Path) -> None:
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
    db.close()

    with pytest.raises(CommandError, match="is not a Liaison backup"):
        call_command("restore", str(foreign), "--yes", stdout=StringIO())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite online backup API")
@pytest.mark.django_db
def test_sqlite_backup_runs_beside_an_open_write_transaction(tmp_path: Path) -> None:
    # This test runs inside a transaction that holds the write lock and is never committed:
    # the backup neither waits for it nor copies what it wrote.
    AgencyFactory.create(name="Not Yet Committed")

    result = backup_service.database_backup(path=tmp_path / "online.sqlite3")

    copy = sqlite3.connect(result.path)
    try:
        names = [row[0] for row in copy.execute("SELECT name FROM directory_agency")]
        heads = copy.execute("SELECT COUNT(*) FROM core_auditchainhead").fetchone()[0]
        mode = copy.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        copy.close()
    assert "Not Yet Committed" not in names
    assert heads == 1
    assert mode == "delete"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore")
@needs_pg_tools
@pytest.mark.django_db(transaction=True)
def test_postgresql_settings_travel_in_the_environment_not_the_command_line(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = backup_service.subprocess.run

    def recording_run(args: list[str], **kwargs: Any) -> Any:
        calls.append((args, kwargs["env"]))
        return real_run(args, **kwargs)

    monkeypatch.setattr(backup_service.subprocess, "run", recording_run)
    settings_dict = connection.settings_dict
    # A folder whose name says nothing that could match a setting (the test's name would).
    path = backup_to(tmp_path_factory.mktemp("dumps") / "env.pgdump")
    call_command("restore", str(path), "--yes", stdout=StringIO())

    assert [Path(args[0]).name for args, _env in calls] == ["pg_dump", "pg_restore", "pg_restore"]
    for args, env in calls:
        assert env["PGDATABASE"] == settings_dict["NAME"]
        for key in ("NAME", "USER", "PASSWORD", "HOST"):
            if settings_dict.get(key):
                assert not any(str(settings_dict[key]) in arg for arg in args[1:]), key

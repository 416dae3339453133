"""Backups of the whole database, taken while the app keeps running, and their restore.

SQLite is copied through its online backup API: one read snapshot, so writers go on and the
copy is consistent. PostgreSQL uses ``pg_dump --format=custom`` and ``pg_restore`` (found on
PATH); connection settings reach them through PG* environment variables, never the command
line, where other local users could read the password.

A backup is written beside its final name and renamed when complete, so a file under the
final name is always a whole backup. Backups hold every personal value (encrypted) and the
access log: the files are created readable by their owner only.
"""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.core.audit import audit_record
from liaison.core.models import AuditAction

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
EXTENSIONS = {"sqlite": ".sqlite3", "postgresql": ".pgdump"}
# libpq reads these; Django's OPTIONS names the same settings without the prefix.
PG_OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why, for the operator."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    engine: str
    size: int


@dataclass(frozen=True)
class RestoreOutcome:
    path: Path
    engine: str
    pending_migrations: list[str] = field(default_factory=list)


def _system_or_superuser(actor: Any) -> None:
    if actor is not None and not getattr(actor, "is_superuser", False):
        raise PermissionDenied


def database_engine(using: str = "default") -> str:
    vendor = connections[using].vendor
    if vendor not in EXTENSIONS:
        raise BackupError(
            _("Backups support SQLite and PostgreSQL, not %(engine)s.") % {"engine": vendor}
        )
    return vendor


def database_label(using: str = "default") -> str:
    return str(connections[using].settings_dict["NAME"])


def default_backup_path(*, engine: str, now: datetime.datetime | None = None) -> Path:
    stamp = (now or timezone.now()).astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(settings.VAR_DIR) / "backups" / f"liaison-{stamp}{EXTENSIONS[engine]}"


def backup_engine_of(path: Path) -> str | None:
    """Which engine wrote the file at ``path`` (by its first bytes), or None."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    return None


def database_backup(
    *, actor: Any = None, path: Path | None = None, using: str = "default"
) -> BackupFile:
    """Copy the whole database to ``path`` (a file, or a folder for the default file name).

    Not atomic in the database sense: it only reads, and records the backup in the access log
    once the file is complete. ``actor`` None is the system (the command line).
    """
    _system_or_superuser(actor)
    engine = database_engine(using)
    target = default_backup_path(engine=engine) if path is None else Path(path)
    if target.is_dir():
        target = target / default_backup_path(engine=engine).name
    if target.exists():
        raise BackupError(_("%(path)s already exists; choose another file.") % {"path": target})
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        if engine == "sqlite":
            _sqlite_backup(_sqlite_path(using), partial)
        else:
            _run("pg_dump", ["--format=custom", "--no-password", f"--file={partial}"], using=using)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    audit_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="core.database",
        object_label=f"backup {target.name}",
        purpose="backup",
    )
    return BackupFile(path=target, engine=engine, size=target.stat().st_size)


def database_restore(*, actor: Any = None, path: Path, using: str = "default") -> RestoreOutcome:
    """Replace the whole database with the backup at ``path``, then record the restore.

    The backup is checked first (engine, readable, a Liaison database); a restore that fails
    half-way leaves the database as it was (SQLite copies under one lock, pg_restore runs in
    one transaction).
    """
    _system_or_superuser(actor)
    engine = database_engine(using)
    source = Path(path)
    if not source.is_file():
        raise BackupError(_("%(path)s is not a file.") % {"path": source})
    found = backup_engine_of(source)
    if found is None:
        raise BackupError(_("%(path)s is not a Liaison backup.") % {"path": source})
    if found != engine:
        raise BackupError(
            _("%(path)s is a %(found)s backup; this instance runs on %(engine)s.")
            % {"path": source, "found": found, "engine": engine}
        )
    if engine == "sqlite":
        database = _sqlite_path(using)
        _sqlite_validate(source)
    else:
        _check_pg_archive(source, using=using)
    if connections[using].in_atomic_block:
        raise BackupError(_("A restore cannot run inside a database transaction."))
    # Drop this process's connection: it must hold no lock and must not keep a stale schema.
    connections[using].close()
    if engine == "sqlite":
        _sqlite_restore(source, database)
    else:
        _run(
            "pg_restore",
            # An empty --dbname makes libpq take the database from PGDATABASE; without it
            # pg_restore would print SQL instead of restoring.
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                "--dbname=",
                str(source),
            ],
            using=using,
        )
    connections[using].close()
    pending = pending_migrations(using)
    audit_record(
        actor=actor,
        action=AuditAction.SYSTEM,
        object_type="core.database",
        object_label=f"restore from {source.name}",
        purpose="restore",
    )
    return RestoreOutcome(path=source, engine=engine, pending_migrations=pending)


def pending_migrations(using: str = "default") -> list[str]:
    """Migrations the restored database still needs (an older backup): run ``liaison migrate``."""
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


# --- SQLite ---------------------------------------------------------------------------------


def _sqlite_path(using: str) -> Path:
    name = str(connections[using].settings_dict["NAME"])
    if not name or name == ":memory:" or "mode=memory" in name:
        raise BackupError(_("An in-memory database cannot be backed up or restored."))
    return Path(name)


def _sqlite_backup(database: Path, target: Path) -> None:
    source = sqlite3.connect(database, timeout=30)
    try:
        copy = sqlite3.connect(target)
        try:
            # One step (pages=-1): a stepwise copy restarts whenever the app writes, and on a
            # busy instance might never end; a single step reads one consistent snapshot.
            source.backup(copy, pages=-1)
            # A self-contained file: no -wal beside it to forget when the backup is moved.
            copy.execute("PRAGMA journal_mode=DELETE")
            _sqlite_check(copy, target)
        finally:
            copy.close()
    except sqlite3.Error as exc:
        raise BackupError(_("The SQLite backup failed: %(error)s") % {"error": exc}) from exc
    finally:
        source.close()


def _sqlite_check(db: sqlite3.Connection, path: Path) -> None:
    if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
        raise BackupError(
            _("%(path)s is damaged (SQLite integrity check failed).") % {"path": path}
        )
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not {"django_migrations", "core_auditevent"} <= tables:
        raise BackupError(_("%(path)s is not a Liaison backup.") % {"path": path})


def _open_read_only(path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(
            _("%(path)s cannot be read: %(error)s") % {"path": path, "error": exc}
        ) from exc


def _sqlite_validate(path: Path) -> None:
    backup = _open_read_only(path)
    try:
        _sqlite_check(backup, path)
    except sqlite3.Error as exc:
        raise BackupError(
            _("%(path)s cannot be read: %(error)s") % {"path": path, "error": exc}
        ) from exc
    finally:
        backup.close()


def _sqlite_restore(source_path: Path, database: Path) -> None:
    source = _open_read_only(source_path)
    try:
        live = sqlite3.connect(database, timeout=30)
        try:
            source.backup(live, pages=-1)
        finally:
            live.close()
    except sqlite3.Error as exc:
        raise BackupError(_("The SQLite restore failed: %(error)s") % {"error": exc}) from exc
    finally:
        source.close()


# --- PostgreSQL -----------------------------------------------------------------------------


def pg_environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    """The process environment plus PG* variables for this database (overriding inherited ones)."""
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in PG_OPTION_VARIABLES.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    return env


def _run(program: str, arguments: list[str], *, using: str) -> subprocess.CompletedProcess[str]:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            _("%(program)s was not found on PATH; install the PostgreSQL client tools.")
            % {"program": program}
        )
    completed = subprocess.run(  # noqa: S603 - fixed program, arguments built here, no shell
        [executable, *arguments],
        env=pg_environment(connections[using].settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        detail = completed.stderr.strip().splitlines()[-5:]
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": program, "error": " / ".join(detail) or completed.returncode}
        )
    return completed


def _check_pg_archive(path: Path, *, using: str) -> None:
    listing = _run("pg_restore", ["--list", str(path)], using=using).stdout
    if not any(" TABLE " in line and "core_auditevent" in line for line in listing.splitlines()):
        raise BackupError(_("%(path)s is not a Liaison backup.") % {"path": path})

"""Key rotation: rows move to the current key online, lookups never stop working."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from config.secrets import new_key_entry
from liaison.core import crypto
from liaison.core.fields import blind_lookup
from liaison.core.keys import keyed_models, keys_rotate, rows_under_old_keys
from liaison.core.models import AuditEvent
from liaison.directory.models import User
from liaison.directory.tests.factories import UserFactory


@contextmanager
def keys(field: list[str], index: list[str]) -> Iterator[None]:
    with override_settings(LIAISON_FIELD_KEYS=field, LIAISON_BLIND_INDEX_KEYS=index):
        crypto.reset_keyrings()
        try:
            yield
        finally:
            crypto.reset_keyrings()
    crypto.reset_keyrings()


def key_id(entry: str) -> str:
    return entry.split(":", 1)[0]


def stored(user: User) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT full_name, email, phone, email_index FROM directory_user WHERE id = %s",
            [user.pk],
        )
        row = cursor.fetchone()
    return dict(zip(["full_name", "email", "phone", "email_index"], row, strict=True))


def key_ids(user: User) -> dict[str, str | None]:
    raw = stored(user)
    ids: dict[str, str | None] = {
        name: crypto.key_id_of(raw[name]) for name in ("full_name", "email", "phone") if raw[name]
    }
    ids["email_index"] = raw["email_index"].split(":", 1)[0] if raw["email_index"] else None
    return ids


PEOPLE = [
    ("Dilnoza Rahimova", "dilnoza.r@example.uz", "+998 90 123 45 67"),
    ("Ana Beatriz Costa", "ana.costa@example.pt", "+351 912 345 678"),
    ("Merdan Atayev", "merdan.a@example.tm", ""),
]


@pytest.fixture
def old_and_new() -> dict[str, str]:
    return {
        "old_field": new_key_entry(),
        "new_field": new_key_entry(),
        "old_index": new_key_entry(),
        "new_index": new_key_entry(),
    }


@pytest.fixture
def people_under_old_keys(db: object, old_and_new: dict[str, str]) -> list[User]:
    with keys([old_and_new["old_field"]], [old_and_new["old_index"]]):
        users = [
            UserFactory.create(full_name=name, email=email, phone=phone)
            for name, email, phone in PEOPLE
        ]
        UserFactory.create(
            full_name="", email="", phone=""
        )  # nothing to re-encrypt in an empty row
    return users


@pytest.fixture
def both_keys(old_and_new: dict[str, str]) -> Iterator[dict[str, str]]:
    """The new keys first (they encrypt), the old ones after (still readable)."""
    with keys(
        [old_and_new["new_field"], old_and_new["old_field"]],
        [old_and_new["new_index"], old_and_new["old_index"]],
    ):
        yield old_and_new


def assert_everyone_reads_and_is_found(users: list[User]) -> None:
    for user, (name, email, phone) in zip(users, PEOPLE, strict=True):
        fresh = User.objects.get(pk=user.pk)
        assert (fresh.full_name, fresh.email, fresh.phone) == (name, email, phone)
        assert list(blind_lookup(User.objects.all(), "email_index", email.upper())) == [fresh]


def test_the_personal_columns_of_every_model_are_found(db: object) -> None:
    found = {keyed.label: keyed.column_names for keyed in keyed_models()}

    assert found["directory.user"] == ["full_name", "email", "phone", "email_index"]
    assert "core.auditevent" not in found


def test_rotation_moves_rows_from_the_old_keys_to_the_new(
    people_under_old_keys: list[User], both_keys: dict[str, str]
) -> None:
    old_field, old_index = key_id(both_keys["old_field"]), key_id(both_keys["old_index"])
    new_field, new_index = key_id(both_keys["new_field"]), key_id(both_keys["new_index"])
    for user in people_under_old_keys:
        ids = key_ids(user)
        assert ids.pop("email_index") == old_index
        assert set(ids.values()) == {old_field}
    assert rows_under_old_keys()["directory.user"] == 3

    out, err = StringIO(), StringIO()
    call_command("rotate_keys", stdout=out, stderr=err)

    for user in people_under_old_keys:
        ids = key_ids(user)
        assert ids.pop("email_index") == new_index
        assert set(ids.values()) == {new_field}
    assert_everyone_reads_and_is_found(people_under_old_keys)
    assert set(rows_under_old_keys().values()) == {0}
    assert "directory.user: 3 rows re-encrypted, 0 still under an old key." in out.getvalue()
    assert "No row uses an old key any more" in out.getvalue()
    assert "100% (3/3)" in err.getvalue()
    event = AuditEvent.objects.order_by("-id").first()
    assert event is not None
    assert event.action == "system"
    assert event.object_type == "core.keys"
    assert event.purpose.startswith("rotated 3 rows; 0 under old keys")
    assert "directory.user.email_index" in event.fields


def test_a_dry_run_counts_and_changes_nothing(
    people_under_old_keys: list[User], both_keys: dict[str, str]
) -> None:
    before = [stored(user) for user in people_under_old_keys]
    events = AuditEvent.objects.count()
    out = StringIO()

    call_command("rotate_keys", "--dry-run", stdout=out, stderr=StringIO())

    assert "directory.user: 3 rows would be re-encrypted." in out.getvalue()
    assert [stored(user) for user in people_under_old_keys] == before
    assert AuditEvent.objects.count() == events


def test_rotation_is_idempotent(
    people_under_old_keys: list[User], both_keys: dict[str, str]
) -> None:
    first = keys_rotate(batch_size=2)
    after_first = [stored(user) for user in people_under_old_keys]

    second = keys_rotate(batch_size=2)

    assert (first.stale, first.rotated, first.remaining) == (3, 3, 0)
    assert (second.stale, second.rotated, second.remaining) == (0, 0, 0)
    assert [stored(user) for user in people_under_old_keys] == after_first


def test_lookups_work_during_rotation_and_after_the_old_keys_are_removed(
    people_under_old_keys: list[User], both_keys: dict[str, str]
) -> None:
    checkpoints: list[tuple[int, int]] = []

    def the_app_keeps_working(done: int, total: int) -> None:
        checkpoints.append((done, total))
        assert_everyone_reads_and_is_found(people_under_old_keys)

    keys_rotate(batch_size=1, progress=the_app_keeps_working)

    assert checkpoints == [(0, 3), (1, 3), (2, 3), (3, 3)]
    with keys([both_keys["new_field"]], [both_keys["new_index"]]):
        assert_everyone_reads_and_is_found(people_under_old_keys)


def test_without_rotation_removing_the_old_key_loses_the_rows(
    people_under_old_keys: list[User], both_keys: dict[str, str]
) -> None:
    with keys([both_keys["new_field"]], [both_keys["new_index"]]):
        with pytest.raises(crypto.DecryptionError):
            User.objects.get(pk=people_under_old_keys[0].pk)
        assert not blind_lookup(User.objects.all(), "email_index", PEOPLE[0][1]).exists()


def test_rows_no_key_can_read_are_reported_and_the_rest_rotated(
    people_under_old_keys: list[User], old_and_new: dict[str, str]
) -> None:
    lost_key = new_key_entry()
    with keys([lost_key], [old_and_new["old_index"]]):
        orphan = UserFactory.create(full_name="Nobody Can Read", email="lost@example.org")
    with keys(
        [old_and_new["new_field"], old_and_new["old_field"]],
        [old_and_new["new_index"], old_and_new["old_index"]],
    ):
        out = StringIO()
        with pytest.raises(CommandError, match="1 row still uses an old key") as raised:
            call_command("rotate_keys", "--batch-size", "10", stdout=out, stderr=StringIO())

        assert raised.value.returncode == 1
        assert f"no configured key decrypts these rows: {orphan.pk}" in out.getvalue()
        assert_everyone_reads_and_is_found(people_under_old_keys)
        assert {k: v for k, v in rows_under_old_keys().items() if v} == {"directory.user": 1}


def test_only_the_system_or_a_superuser_may_rotate(db: object) -> None:
    with pytest.raises(PermissionDenied):
        keys_rotate(actor=UserFactory.create())


def test_a_batch_size_below_one_is_refused(db: object) -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("rotate_keys", "--batch-size", "0", stdout=StringIO())


def test_generate_key_prints_a_usable_new_key(db: object) -> None:
    outputs = []
    for _ in range(2):
        out = StringIO()
        call_command("generate_key", stdout=out, stderr=StringIO())
        outputs.append(out.getvalue().strip())

    for entry in outputs:
        ring = crypto.parse_keyring([entry], setting="LIAISON_FIELD_KEYS")
        assert len(ring.keys[ring.current_id]) == 32
        assert key_id(entry) not in crypto.field_keyring().keys
    assert outputs[0] != outputs[1]
    assert base64.urlsafe_b64decode(outputs[0].split(":", 1)[1]) != base64.urlsafe_b64decode(
        outputs[1].split(":", 1)[1]
    )


def test_a_value_written_during_rotation_uses_the_new_key(
    people_under_old_keys: list[User], both_keys: dict[str, str]
) -> None:
    edits: list[Callable[[], object]] = [
        lambda: User.objects.filter(pk=people_under_old_keys[2].pk).update(
            full_name="Merdan Atayev-Orazov"
        ),
    ]

    def the_app_writes(done: int, total: int) -> None:
        while edits:
            edits.pop()()

    keys_rotate(batch_size=1, progress=the_app_writes)

    with keys([both_keys["new_field"]], [both_keys["new_index"]]):
        assert User.objects.get(pk=people_under_old_keys[2].pk).full_name == "Merdan Atayev-Orazov"

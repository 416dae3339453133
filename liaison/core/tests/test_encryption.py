"""Personal fields are encrypted at rest: the database file never holds the plaintext."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from liaison.core import crypto
from liaison.core.fields import blind_lookup
from liaison.directory.models import User
from liaison.directory.tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_stored_name_is_nowhere_in_the_database_file_in_plaintext():
    name = "Shahzoda Karimovna Tashkentova"
    UserFactory(full_name=name, email="shahzoda.k@example.org")

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(FULL)")
        files = [Path(connection.settings_dict["NAME"])]
        files += [
            Path(str(files[0]) + suffix)
            for suffix in ("-wal", "-journal")
            if Path(str(files[0]) + suffix).exists()
        ]
        raw = b"".join(path.read_bytes() for path in files)
        assert name.encode() not in raw
        assert name.encode("utf-16-le") not in raw
        assert b"shahzoda.k@example.org" not in raw
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT full_name, email FROM directory_user WHERE username LIKE %s", ["user%"]
        )
        stored = [value for row in cursor.fetchall() for value in row]
    assert all(value.startswith("enc1$") for value in stored)
    assert User.objects.get(full_name__isnull=False, email_index__isnull=False).full_name == name


@pytest.mark.django_db
def test_blind_index_finds_an_account_by_email_whatever_the_case():
    user = UserFactory(email="Maria.Silva@example.pt")

    found = blind_lookup(User.objects.all(), "email_index", "  maria.silva@EXAMPLE.pt ")

    assert list(found) == [user]


def test_tampered_ciphertext_is_refused():
    token = crypto.encrypt("Gulnora")
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")

    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(tampered)

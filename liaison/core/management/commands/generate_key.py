"""``liaison generate-key``: print a fresh key entry for LIAISON_FIELD_KEYS or LIAISON_BLIND_INDEX_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from config.secrets import new_key_entry
from liaison.core import crypto


def configured_key_ids() -> set[str]:
    try:
        return set(crypto.field_keyring().keys) | set(crypto.blind_index_keyring().keys)
    except ImproperlyConfigured:  # a first key is being made for an instance that has none yet
        return set()


class Command(BaseCommand):
    help = "Print a new random 256-bit key as 'id:base64', ready to be put first in a key setting."
    # It must work on an instance whose keys are missing or broken.
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        taken = configured_key_ids()
        entry = new_key_entry()
        # Ids are 32 random bits: a clash with a configured key is rare but possible.
        while entry.split(":", 1)[0] in taken:
            entry = new_key_entry()
        self.stdout.write(entry)
        self.stderr.write(
            _(
                "Put it first in LIAISON_FIELD_KEYS (or LIAISON_BLIND_INDEX_KEYS), keep the old keys after it, "
                "restart, then run 'liaison rotate-keys'."
            )
        )

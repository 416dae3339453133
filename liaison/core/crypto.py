"""Field encryption (AES-256-GCM) and keyed blind indexes (HMAC-SHA256).

Keys live outside the database, in ``LIAISON_FIELD_KEYS`` and ``LIAISON_BLIND_INDEX_KEYS``:
comma-separated ``id:base64key`` entries, the first one current. Every ciphertext and every
blind index carries the id of its key, so a new key can be put first while rows encrypted
under an older one stay readable until ``liaison rotate-keys`` has re-encrypted them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from functools import cache

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "enc1"  # format marker: enc1$<key id>$<base64(nonce || ciphertext+tag)>


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


@dataclass(frozen=True)
class Keyring:
    current_id: str
    keys: dict[str, bytes]


def parse_keyring(entries: list[str], *, setting: str) -> Keyring:
    keys: dict[str, bytes] = {}
    for entry in entries:
        key_id, sep, encoded = entry.strip().partition(":")
        if not sep or not key_id:
            raise ImproperlyConfigured(f"{setting}: each key must look like 'id:base64key'.")
        try:
            key = base64.urlsafe_b64decode(encoded)
        except ValueError as exc:
            raise ImproperlyConfigured(f"{setting}: key {key_id!r} is not valid base64.") from exc
        if len(key) != 32:
            raise ImproperlyConfigured(f"{setting}: key {key_id!r} must be 32 bytes.")
        keys[key_id] = key
    if not keys:
        raise ImproperlyConfigured(f"{setting} holds no key.")
    return Keyring(current_id=entries[0].split(":", 1)[0].strip(), keys=keys)


@cache
def field_keyring() -> Keyring:
    return parse_keyring(list(settings.LIAISON_FIELD_KEYS), setting="LIAISON_FIELD_KEYS")


@cache
def blind_index_keyring() -> Keyring:
    return parse_keyring(
        list(settings.LIAISON_BLIND_INDEX_KEYS), setting="LIAISON_BLIND_INDEX_KEYS"
    )


def reset_keyrings() -> None:
    """Forget cached keys (after the settings changed, e.g. in tests or a rotation)."""
    field_keyring.cache_clear()
    blind_index_keyring.cache_clear()


def encrypt(plaintext: str, *, associated: bytes = b"") -> str:
    ring = field_keyring()
    nonce = os.urandom(12)
    sealed = AESGCM(ring.keys[ring.current_id]).encrypt(nonce, plaintext.encode(), associated)
    return f"{PREFIX}${ring.current_id}${base64.b64encode(nonce + sealed).decode()}"


def key_id_of(token: str) -> str | None:
    parts = token.split("$")
    return parts[1] if len(parts) == 3 and parts[0] == PREFIX else None


def decrypt(token: str, *, associated: bytes = b"") -> str:
    parts = token.split("$")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise DecryptionError("not an encrypted value")
    key = field_keyring().keys.get(parts[1])
    if key is None:
        raise DecryptionError(f"unknown key id {parts[1]!r}")
    raw = base64.b64decode(parts[2])
    try:
        return AESGCM(key).decrypt(raw[:12], raw[12:], associated).decode()
    except Exception as exc:  # cryptography raises InvalidTag; never leak details
        raise DecryptionError("authentication failed") from exc


def normalise_for_index(value: str) -> str:
    """Case, width and spacing never make two lookups of the same identifier differ."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return "".join(folded.split())


def blind_indexes(value: str, *, purpose: str) -> list[str]:
    """The index of ``value`` under every configured key, current first (lookups use all)."""
    ring = blind_index_keyring()
    message = f"{purpose}\x1f{normalise_for_index(value)}".encode()
    ordered = [ring.current_id] + [k for k in ring.keys if k != ring.current_id]
    return [
        f"{key_id}:{hmac.new(ring.keys[key_id], message, hashlib.sha256).hexdigest()[:40]}"
        for key_id in ordered
    ]


def blind_index(value: str, *, purpose: str) -> str:
    return blind_indexes(value, purpose=purpose)[0]

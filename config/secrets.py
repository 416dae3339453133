"""Secrets and keys for the instance.

In production every secret comes from the environment and a missing one stops the
process. In development the first start writes fresh random secrets into an ignored
file (``var/secrets.env``) so that a laptop demo needs no setup and no two
installations share a key.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

REQUIRED = ("DJANGO_SECRET_KEY", "LIAISON_FIELD_KEYS", "LIAISON_BLIND_INDEX_KEYS")


def new_key_entry() -> str:
    """One key in the ``id:base64`` form used by LIAISON_FIELD_KEYS and LIAISON_BLIND_INDEX_KEYS."""
    key_id = secrets.token_hex(4)
    return f"{key_id}:{base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()}"


def generate_dev_secrets(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Development secrets, generated on first run. Never commit this file.",
        f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}",
        f"LIAISON_FIELD_KEYS={new_key_entry()}",
        f"LIAISON_BLIND_INDEX_KEYS={new_key_entry()}",
    ]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(lines) + "\n")


def load_secrets(*, production: bool, dev_file: Path) -> None:
    """Put the secrets into ``os.environ`` (environment wins over the file)."""
    if production:
        missing = [name for name in REQUIRED if not os.environ.get(name)]
        if missing:
            raise ImproperlyConfigured(
                "LIAISON_ENV=production needs these secrets in the environment: "
                + ", ".join(missing)
            )
        if os.environ["DJANGO_SECRET_KEY"].startswith("django-insecure"):
            raise ImproperlyConfigured("DJANGO_SECRET_KEY is a development key.")
        return
    if not dev_file.exists():
        # Another process may win the race to create the file; then read its file.
        with contextlib.suppress(FileExistsError):
            generate_dev_secrets(dev_file)
    for raw in dev_file.read_text().splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        name, _, value = raw.partition("=")
        os.environ.setdefault(name.strip(), value.strip())

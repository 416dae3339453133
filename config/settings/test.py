"""Test settings: base plus speed-ups only (fast hasher, memory e-mail, tasks run inline)."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("LIAISON_VAR_DIR", str(Path(tempfile.gettempdir()) / "liaison-test-var"))

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory: browser tests share it between the live server and the test thread.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get(
            "LIAISON_TEST_DB", str(Path(tempfile.gettempdir()) / "liaison-test.sqlite3")
        )
    }

"""Write the OpenAPI schema of /api/v1/ to docs/api/openapi.json (or ``--output``).

The file is committed; ``tests/test_api_schema.py`` fails when the API changes and the file was
not refreshed, so every change to the API shows up in review as a diff of this file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation


def default_schema_path() -> Path:
    return Path(settings.BASE_DIR) / "docs" / "api" / "openapi.json"


def schema_text() -> str:
    """The schema as stable text: sorted keys, two-space indent, in English."""
    from config.api import api

    with translation.override(settings.LANGUAGE_CODE):
        schema = api.get_openapi_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Write the API's OpenAPI schema to the committed snapshot (docs/api/openapi.json)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Where to write (default: docs/api/openapi.json).",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail if the file differs from the API.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["output"] or default_schema_path()
        text = schema_text()
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if options["check"]:
            if current != text:
                raise CommandError(f"{path} is out of date: run `liaison export_openapi`.")
            self.stdout.write(f"{path} is up to date.")
            return
        if current == text:
            self.stdout.write(f"{path} is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"Wrote {path}."))

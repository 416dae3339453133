"""The committed OpenAPI snapshot (docs/api/openapi.json) matches the API.

An API change then shows up in review as a diff of the snapshot; refresh it with
``liaison export_openapi``.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from config.api import api
from liaison.core.management.commands.export_openapi import default_schema_path, schema_text

REFRESH = "The API changed but docs/api/openapi.json did not: run `liaison export_openapi` and commit the file."


def _describe_difference(committed: dict[str, Any], current: dict[str, Any]) -> str:
    old_paths, new_paths = set(committed.get("paths", {})), set(current.get("paths", {}))
    lines = [f"added path {p}" for p in sorted(new_paths - old_paths)]
    lines += [f"removed path {p}" for p in sorted(old_paths - new_paths)]
    lines += [
        f"changed path {p}"
        for p in sorted(old_paths & new_paths)
        if committed["paths"][p] != current["paths"][p]
    ]
    old_schemas = committed.get("components", {}).get("schemas", {})
    new_schemas = current.get("components", {}).get("schemas", {})
    lines += [
        f"changed schema {s}"
        for s in sorted(set(old_schemas) | set(new_schemas))
        if old_schemas.get(s) != new_schemas.get(s)
    ]
    return "\n".join(lines[:30]) or "top-level fields differ"


def test_committed_schema_matches_the_api():
    path = default_schema_path()
    assert path.exists(), REFRESH

    committed = json.loads(path.read_text(encoding="utf-8"))
    current = json.loads(schema_text())

    assert committed == current, f"{REFRESH}\n{_describe_difference(committed, current)}"


def test_every_operation_in_the_schema_has_a_unique_id():
    schema = api.get_openapi_schema()
    ids = [op["operationId"] for methods in schema["paths"].values() for op in methods.values()]

    assert ids
    assert len(ids) == len(set(ids)), (
        f"duplicate operation ids: {sorted(i for i in ids if ids.count(i) > 1)}"
    )


def test_export_writes_the_schema_and_check_detects_a_stale_file(tmp_path):
    target = tmp_path / "openapi.json"

    call_command("export_openapi", output=target, stdout=io.StringIO())
    call_command("export_openapi", output=target, check=True, stdout=io.StringIO())
    target.write_text(target.read_text().replace('"Liaison API"', '"Something else"'))

    assert json.loads(target.read_text())["info"]["title"] == "Something else"
    with pytest.raises(CommandError, match="export_openapi"):
        call_command("export_openapi", output=target, check=True, stdout=io.StringIO())

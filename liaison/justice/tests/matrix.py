"""Ids of justice records for the access-matrix and template tests (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from liaison.directory.models import Agency
from liaison.justice.tests.factories_cases import SCOPED_KWARGS as CASES_SCOPED
from liaison.justice.tests.factories_cases import case_records

SCOPED_KWARGS = CASES_SCOPED


def records(*, agency: Agency, user: Any) -> dict[str, Any]:
    return case_records(agency=agency, user=user)

"""Ids of justice records for the access-matrix and template tests (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from liaison.directory.models import Agency
from liaison.justice.models import CriminalCase
from liaison.justice.tests.factories_cases import SCOPED_KWARGS as CASES_SCOPED
from liaison.justice.tests.factories_cases import case_records
from liaison.justice.tests.factories_network import SCOPED_KWARGS as NETWORK_SCOPED
from liaison.justice.tests.factories_network import network_records

SCOPED_KWARGS = CASES_SCOPED | NETWORK_SCOPED


def records(*, agency: Agency, user: Any) -> dict[str, Any]:
    ids = case_records(agency=agency, user=user)
    criminal_case = CriminalCase.objects.get(pk=ids["criminal_case_id"])
    return ids | network_records(agency=agency, user=user, criminal_case=criminal_case)

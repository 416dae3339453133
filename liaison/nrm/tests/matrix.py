"""Ids of NRM records for the access-matrix and template tests (see tests/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

from liaison.directory.models import Agency
from liaison.nrm.models import Case
from liaison.nrm.tests.factories_cases import SCOPED_KWARGS as CASES_SCOPED
from liaison.nrm.tests.factories_cases import case_records
from liaison.nrm.tests.factories_decisions import CasePeriodFactory, ResidencePermitFactory
from liaison.nrm.tests.factories_handovers import SCOPED_KWARGS as HANDOVERS_SCOPED
from liaison.nrm.tests.factories_handovers import handover_records

SCOPED_KWARGS = CASES_SCOPED | HANDOVERS_SCOPED | {"period_id", "permit_id"}


def records(*, agency: Agency, user: Any) -> dict[str, Any]:
    ids = case_records(agency=agency, user=user)
    case = Case.objects.get(pk=ids["case_id"])
    ids["period_id"] = CasePeriodFactory.create(case=case).pk
    ids["permit_id"] = ResidencePermitFactory.create(case=case).pk
    ids |= handover_records(agency=agency, user=user, case=case)
    return ids

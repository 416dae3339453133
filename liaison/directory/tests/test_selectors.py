"""Directory selectors: filters, the agency tree, and scoping of every read."""

from __future__ import annotations

import pytest

from liaison.directory import selectors
from liaison.directory.models import AgencyType, NationalRole
from liaison.directory.roles import Role
from liaison.directory.selectors import AgencyFilter
from liaison.directory.tests.factories import AgencyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(db):
    return {
        "pj": AgencyFactory.create(
            name="Polícia Judiciária",
            short_name="PJ",
            agency_type=AgencyType.LAW_ENFORCEMENT,
            national_role=NationalRole.CRIMINAL_POLICE,
            country="PT",
        ),
        "ngo": AgencyFactory.create(
            name="Associação Saúde em Português", agency_type=AgencyType.NGO, country="PT"
        ),
        "pgo": AgencyFactory.create(
            name="Prosecutor General's Office",
            agency_type=AgencyType.LEGAL,
            national_role=NationalRole.PROSECUTION,
            country="UZ",
        ),
        "closed": AgencyFactory.create(name="Closed office", is_active=False, country="PT"),
    }


@pytest.mark.parametrize(
    ("_case", "criteria", "expected"),
    [
        ("text_in_name", AgencyFilter(q="judic"), {"pj"}),
        ("text_in_short_name", AgencyFilter(q="pj"), {"pj"}),
        ("country_lower_case", AgencyFilter(country="uz"), {"pgo"}),
        ("type", AgencyFilter(agency_type=AgencyType.NGO), {"ngo"}),
        ("role", AgencyFilter(national_role=NationalRole.PROSECUTION), {"pgo"}),
        ("no_role", AgencyFilter(national_role="", country="PT"), {"ngo"}),
        (
            "combined",
            AgencyFilter(country="PT", agency_type=AgencyType.LAW_ENFORCEMENT, q="pol"),
            {"pj"},
        ),
    ],
)
def test_agency_search(make_member, agencies, _case, criteria, expected):
    viewer = make_member(Role.CASE_WORKER, agencies["pj"])

    found = set(selectors.agency_search(user=viewer, criteria=criteria))

    assert found == {agencies[key] for key in expected}


def test_inactive_agencies_only_for_those_who_manage_agencies(make_member, agencies):
    worker = make_member(Role.CASE_WORKER, agencies["ngo"])
    admin = make_member(Role.INSTANCE_ADMIN, agencies["ngo"])

    assert agencies["closed"] not in selectors.agency_search(user=worker, criteria=AgencyFilter())
    assert agencies["closed"] in selectors.agency_search(user=admin, criteria=AgencyFilter())


def test_user_without_a_role_sees_no_agency(agencies):
    assert not selectors.agency_search(user=UserFactory.create(), criteria=AgencyFilter()).exists()


def test_descendants_and_parent_candidates_exclude_the_agency_and_everything_below(make_member):
    root = AgencyFactory.create()
    child = AgencyFactory.create(parent=root)
    grandchild = AgencyFactory.create(parent=child)
    sibling = AgencyFactory.create()
    admin = make_member(Role.INSTANCE_ADMIN, sibling)

    candidates = set(selectors.parent_candidates(user=admin, agency=root))

    assert selectors.agency_descendant_ids(root) == {child.pk, grandchild.pk}
    assert candidates == {sibling}
    assert set(selectors.parent_candidates(user=admin, agency=grandchild)) == {root, child, sibling}


def test_agency_subunits_lists_direct_children_only(make_member):
    root = AgencyFactory.create()
    child = AgencyFactory.create(parent=root)
    AgencyFactory.create(parent=child)

    assert list(selectors.agency_subunits(user=make_member(Role.CASE_WORKER), agency=root)) == [
        child
    ]


def test_own_agencies_with_members(make_member):
    agency = AgencyFactory.create()
    AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    worker = make_member(Role.CASE_WORKER, agency)
    superuser = UserFactory.create(is_superuser=True)

    assert selectors.own_agencies_with_members(manager) == [agency]
    assert selectors.own_agencies_with_members(worker) == []
    assert len(selectors.own_agencies_with_members(superuser)) == 2


def test_agency_members_are_scoped_to_the_managers_agency(make_member):
    agency_a, agency_b = AgencyFactory.create(), AgencyFactory.create()
    manager_a = make_member(Role.CASE_MANAGER, agency_a)
    MembershipFactory.create(agency=agency_b)

    assert not selectors.agency_members(user=manager_a, agency=agency_b).exists()
    assert list(selectors.agency_members(user=manager_a, agency=agency_a)) == [
        manager_a.memberships.get()
    ]


def test_member_other_roles(make_member):
    agency = AgencyFactory.create()
    manager = make_member(Role.CASE_MANAGER, agency)
    person = UserFactory.create()
    first = MembershipFactory.create(user=person, agency=agency, role=Role.CASE_WORKER)
    second = MembershipFactory.create(user=person, agency=agency, role=Role.INVESTIGATOR)
    MembershipFactory.create(user=person, role=Role.PROSECUTOR)

    assert list(selectors.member_other_roles(user=manager, membership=first)) == [second]


def test_user_search_is_for_admins_and_loads_roles_in_one_query(
    make_member, django_assert_num_queries
):
    admin = make_member(Role.INSTANCE_ADMIN)
    for _ in range(5):
        make_member(Role.CASE_WORKER)
    UserFactory.create(username="zarina.t")

    assert not selectors.user_search(user=make_member(Role.CASE_MANAGER)).exists()
    assert [u.username for u in selectors.user_search(user=admin, q="ZARINA")] == ["zarina.t"]
    with django_assert_num_queries(2):
        roles = [
            (m.role, m.agency.name)
            for u in selectors.user_search(user=admin)
            for m in u.memberships.all()
        ]
    assert len(roles) == 7


def test_user_memberships_are_the_users_own(make_member):
    user = make_member(Role.CASE_WORKER)
    make_member(Role.CASE_WORKER)

    assert list(selectors.user_memberships(user)) == [user.memberships.get()]

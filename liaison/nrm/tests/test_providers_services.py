"""The service directory: who may keep it, value checks, filters, query counts, the API."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from liaison.directory.roles import Role
from liaison.nrm.models import Provider
from liaison.nrm.selectors.handovers import ProviderFilter, provider_search
from liaison.nrm.services import providers as services
from liaison.nrm.tests.factories import ProviderFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/nrm"


@pytest.fixture
def manager(agency: Any, make_member: Any) -> Any:
    return make_member(Role.CASE_MANAGER, agency)


@pytest.fixture
def worker(agency: Any, make_member: Any) -> Any:
    return make_member(Role.CASE_WORKER, agency)


def create(actor: Any, **kwargs: Any) -> Provider:
    data = {"name": "Casa Abrigo", "services": ["shelter", "psychological"], "country": "pt",
            "capacity": 12, "places_free": 4, "languages": ["PT", "en"], "accepts_children": True,
            **kwargs}  # fmt: skip
    return services.provider_create(actor=actor, **data)


def test_a_case_manager_adds_a_service(manager: Any, agency: Any):
    provider = create(manager, agency=agency)

    assert (provider.country, provider.languages) == ("PT", ["pt", "en"])


def test_a_case_worker_cannot_keep_the_directory(worker: Any):
    with pytest.raises(PermissionDenied):
        create(worker)


def test_a_manager_cannot_list_a_service_under_another_agency(manager: Any, other_agency: Any):
    with pytest.raises(PermissionDenied):
        create(manager, agency=other_agency)


@pytest.mark.parametrize(
    ("field", "value"),
    [("services", ["spa"]), ("services", []), ("languages", ["portuguese"]), ("country", "XX")],
)
def test_bad_values_are_refused(manager: Any, field: str, value: Any):
    with pytest.raises(ValidationError):
        create(manager, **{field: value})

    assert not Provider.objects.exists()


def test_free_places_cannot_exceed_capacity(manager: Any):
    with pytest.raises(ValidationError):
        create(manager, capacity=2, places_free=3)


def test_update_records_what_changed(manager: Any, agency: Any):
    provider = create(manager, agency=agency)

    services.provider_update(actor=manager, provider=provider, places_free=0)

    provider.refresh_from_db()
    assert provider.places_free == 0


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [(ProviderFilter(service="legal_aid"), {"Legal"}),
     (ProviderFilter(country="UZ"), {"Tashkent"}),
     (ProviderFilter(language="ru"), {"Tashkent"}),
     (ProviderFilter(children=True), {"Shelter"}),
     (ProviderFilter(children=False), {"Legal", "Tashkent"}),
     (ProviderFilter(free_places=True), {"Shelter", "Tashkent"}),
     (ProviderFilter(region="lisb"), {"Shelter", "Legal"})],
)  # fmt: skip
def test_filters(worker: Any, criteria: ProviderFilter, expected: set[str]):
    ProviderFactory(name="Shelter", services=["shelter"], region="Lisboa", accepts_children=True,
                    languages=["pt"], places_free=2)  # fmt: skip
    ProviderFactory(name="Legal", services=["legal_aid"], region="Lisboa", languages=["pt", "en"],
                    places_free=0)  # fmt: skip
    ProviderFactory(name="Tashkent", services=["return_reintegration"], country="UZ",
                    languages=["uz", "ru"], capacity=None, places_free=None)  # fmt: skip
    ProviderFactory(name="Closed", services=["legal_aid"], is_active=False)

    found = {p.name for p in provider_search(user=worker, criteria=criteria)}

    assert found == expected


def test_a_role_without_the_directory_sees_nothing(make_member: Any, agency: Any):
    ProviderFactory()

    assert not provider_search(
        user=make_member(Role.PROSECUTOR, agency), criteria=ProviderFilter()
    ).exists()


def test_the_list_does_not_grow_in_queries(
    worker: Any, client_for: Any, agency: Any, django_assert_max_num_queries: Any
):
    client = client_for(worker)
    ProviderFactory(agency=agency)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("nrm:provider_list"))
    ProviderFactory.create_batch(49, agency=agency)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("nrm:provider_list"))

    assert response.content.decode().count("data-provider=") == 50


def test_the_list_filter_refuses_a_bad_language_with_a_400(worker: Any, client_for: Any):
    response = client_for(worker).get(reverse("nrm:provider_list") + "?language=portuguese")

    assert response.status_code == 400


def test_the_pages_create_and_edit(manager: Any, agency: Any, client_for: Any):
    client = client_for(manager)
    form = {"name": "Clinic", "services": ["health"], "country": "PT", "languages": "pt, uz",
            "is_active": "on", "agency": agency.pk}  # fmt: skip

    created = client.post(reverse("nrm:provider_create"), form)
    provider = Provider.objects.get()
    edited = client.post(
        reverse("nrm:provider_edit", args=[provider.pk]), {**form, "name": "Clinic 2"}
    )

    assert created.status_code == 302
    assert edited.status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.languages) == ("Clinic 2", ["pt", "uz"])


def test_editing_another_agencys_entry_is_refused(manager: Any, other_agency: Any, client_for: Any):
    provider: Any = ProviderFactory(agency=other_agency)

    assert (
        client_for(manager).get(reverse("nrm:provider_edit", args=[provider.pk])).status_code == 403
    )


def test_api_list_create_update(manager: Any, agency: Any, client_for: Any):
    client = client_for(manager)
    created = client.post(f"{API}/providers", json.dumps({
        "name": "Interpreters", "services": ["interpretation"], "country": "PT", "languages": ["uz"],
        "agency_id": agency.pk}), content_type="application/json")  # fmt: skip
    bad = client.post(f"{API}/providers", json.dumps({
        "name": "X", "services": ["spa"], "country": "PT"}), content_type="application/json")  # fmt: skip
    updated = client.patch(f"{API}/providers/{created.json()['id']}", json.dumps({"places_free": 1}),
                           content_type="application/json")  # fmt: skip
    listed = client.get(f"{API}/providers?language=uz").json()

    assert created.status_code == 201
    assert bad.status_code == 422
    assert updated.json()["places_free"] == 1
    assert [p["name"] for p in listed["items"]] == ["Interpreters"]

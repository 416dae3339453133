"""The exploitation profile and the route: vocabulary checks, dates, children, pages and API."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from liaison.core.models import AuditEvent
from liaison.nrm.models import ExploitationProfile, TraffickingEvent
from liaison.nrm.services import profile as services
from liaison.nrm.tests.factories_handovers import TraffickingEventFactory, World

pytestmark = pytest.mark.django_db
API = "/api/v1/nrm"


@pytest.fixture
def w(make_member: Any) -> World:
    return World(make_member)


def test_the_profile_takes_htcds_values_and_the_extensions(w: World):
    profile = services.exploitation_profile_update(
        actor=w.worker_a, case=w.case,
        forms=["ForcedLabour", "x_ForcedCriminalActivity", "x_MixedExploitation", "ForcedLabour"],
        industry="A_AgricultureForestryAndFishing", means_of_control=["DebtBondage", "x_RestrictsMovement"],
        recruitment_methods=["ThroughOnlineSocialNetworks"], relation_to_recruiter="Acquainted",
        recruitment_platforms=["Telegram"], exploitation_platforms=["WhatsApp"], also_smuggled=True,
    )  # fmt: skip

    assert profile.forms == ["ForcedLabour", "x_ForcedCriminalActivity", "x_MixedExploitation"]
    assert profile.also_smuggled is True
    assert AuditEvent.objects.filter(
        object_id=str(profile.pk), purpose="exploitation profile"
    ).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("forms", ["ForcedLabor"]), ("means_of_control", ["Beatings"]),
     ("sexual_exploitation_types", ["Escort"]), ("recruitment_methods", ["Radio"]),
     ("recruitment_platforms", ["MySpace"]), ("exploitation_platforms", ["Orkut"]),
     ("industry", "Z_Nothing"), ("relation_to_recruiter", "Cousin")],
)  # fmt: skip
def test_a_value_outside_the_vocabulary_is_refused_by_name(w: World, field: str, value: Any):
    with pytest.raises(ValidationError) as error:
        services.exploitation_profile_update(actor=w.worker_a, case=w.case, **{field: value})

    bad = value[0] if isinstance(value, list) else value
    assert bad in str(error.value.message_dict[field])
    assert not ExploitationProfile.objects.exists()


def test_a_string_is_not_taken_for_a_list(w: World):
    with pytest.raises(ValidationError):
        services.exploitation_profile_update(actor=w.worker_a, case=w.case, forms="ForcedLabour")


@pytest.mark.parametrize("is_child", [True, False])
def test_means_of_control_are_never_required(w: World, is_child: bool):
    w.case.is_child = is_child
    w.case.save()

    profile = services.exploitation_profile_update(
        actor=w.worker_a, case=w.case, forms=["SexualExploitation"], means_of_control=[]
    )

    assert profile.means_of_control == []


def test_another_agency_cannot_edit_the_profile(w: World):
    with pytest.raises(PermissionDenied):
        services.exploitation_profile_update(actor=w.worker_b, case=w.case, forms=["ForcedLabour"])


def test_an_event_ending_before_it_starts_is_refused(w: World):
    with pytest.raises(ValidationError) as error:
        services.trafficking_event_add(
            actor=w.worker_a, case=w.case, kind="Exploitation", country="PT",
            started_on=datetime.date(2025, 6, 1), ended_on=datetime.date(2025, 5, 1),
        )  # fmt: skip

    assert "ended_on" in error.value.message_dict


def test_an_event_before_the_person_was_born_is_refused(w: World):
    with pytest.raises(ValidationError) as error:
        services.trafficking_event_add(
            actor=w.worker_a, case=w.case, kind="Exploitation", country="PT",
            started_on=w.case.person.birth_date - datetime.timedelta(days=1),
        )  # fmt: skip

    assert "started_on" in error.value.message_dict
    assert not TraffickingEvent.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("kind", "Holiday"), ("country", "XX")])
def test_an_event_with_an_unknown_kind_or_country_is_refused(w: World, field: str, value: str):
    data: dict[str, Any] = {"kind": "Transit", "country": "ES", field: value}

    with pytest.raises(ValidationError):
        services.trafficking_event_add(actor=w.worker_a, case=w.case, **data)


def test_an_event_is_added_with_an_encrypted_place_and_removed(w: World):
    event = services.trafficking_event_add(
        actor=w.worker_a, case=w.case, kind="Recruitment", country="uz", place="Samarkand market",
        started_on=datetime.date(2025, 1, 10),
    )  # fmt: skip
    assert event.country == "UZ"
    assert TraffickingEvent.objects.get().place == "Samarkand market"

    services.trafficking_event_delete(actor=w.worker_a, event=event)

    assert not TraffickingEvent.objects.exists()


# --- pages -----------------------------------------------------------------------------------


def test_the_form_notes_that_a_child_needs_no_means(w: World, client_for: Any):
    w.case.is_child = True
    w.case.save()

    body = (
        client_for(w.worker_a)
        .get(reverse("nrm:exploitation_edit", args=[w.case.pk]))
        .content.decode()
    )

    assert "data-child-note" in body


def test_the_profile_page_saves(w: World, client_for: Any):
    response = client_for(w.worker_a).post(
        reverse("nrm:exploitation_edit", args=[w.case.pk]),
        {"forms": ["ForcedBegging"], "also_smuggled": "unknown"},
    )

    assert response.status_code == 302
    assert ExploitationProfile.objects.get(case=w.case).forms == ["ForcedBegging"]


def test_the_event_page_refuses_bad_dates_with_a_400(w: World, client_for: Any):
    response = client_for(w.worker_a).post(
        reverse("nrm:trafficking_event_add", args=[w.case.pk]),
        {"kind": "Transit", "country": "ES", "started_on": "2025-06-02", "ended_on": "2025-06-01"},
    )

    assert response.status_code == 400
    assert not TraffickingEvent.objects.exists()


def test_deleting_another_cases_event_is_404(w: World, client_for: Any):
    other: Any = TraffickingEventFactory()

    response = client_for(w.worker_a).post(
        reverse("nrm:trafficking_event_delete", args=[w.case.pk, other.pk])
    )

    assert response.status_code == 404
    assert TraffickingEvent.objects.filter(pk=other.pk).exists()


def test_the_section_renders_labels(w: World):
    from django.template.loader import render_to_string

    ExploitationProfile.objects.create(case=w.case, forms=["x_ForcedCriminalActivity"])
    TraffickingEventFactory(case=w.case)

    html = render_to_string(
        "nrm/includes/section_exploitation.html",
        {"case": w.case, "user": w.worker_a, "perms_case": {"can_edit": True}},
    )

    assert "Forced criminal activity" in html
    assert "Tashkent bus station" in html
    logged = AuditEvent.objects.get(actor=w.worker_a, purpose="case page")
    assert logged.fields == ["trafficking_event_places"]
    assert reverse("nrm:exploitation_edit", args=[w.case.pk]) in html


# --- API -------------------------------------------------------------------------------------


def test_api_patch_refuses_an_unknown_value_with_422(w: World, client_for: Any):
    response = client_for(w.worker_a).patch(
        f"{API}/cases/{w.case.pk}/exploitation", json.dumps({"forms": ["Nope"]}),
        content_type="application/json",
    )  # fmt: skip

    assert response.status_code == 422


def test_api_patch_changes_only_what_is_sent(w: World, client_for: Any):
    client = client_for(w.worker_a)
    client.patch(f"{API}/cases/{w.case.pk}/exploitation", json.dumps({"forms": ["ForcedLabour"]}),
                 content_type="application/json")  # fmt: skip

    response = client.patch(
        f"{API}/cases/{w.case.pk}/exploitation", json.dumps({"also_smuggled": False}),
        content_type="application/json",
    )  # fmt: skip

    assert response.json()["forms"] == ["ForcedLabour"]
    assert response.json()["also_smuggled"] is False


def test_api_events(w: World, client_for: Any):
    client = client_for(w.worker_a)
    created = client.post(
        f"{API}/cases/{w.case.pk}/trafficking-events",
        json.dumps({"kind": "Transit", "country": "ES", "started_on": "2025-02-01"}),
        content_type="application/json",
    )
    listed = client.get(f"{API}/cases/{w.case.pk}/trafficking-events").json()
    deleted = client.delete(f"{API}/cases/{w.case.pk}/trafficking-events/{created.json()['id']}")

    assert created.status_code == 201
    assert [e["kind"] for e in listed["items"]] == ["Transit"]
    assert deleted.status_code == 204

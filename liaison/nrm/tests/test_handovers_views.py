"""Handover pages: the inbox and its isolation, the shared sections, answers, 404 across agencies."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.core.models import AuditAction, AuditEvent
from liaison.nrm.models import (
    Case,
    ConsentPurpose,
    ExploitationProfile,
    Handover,
    HandoverKind,
    HandoverStatus,
    Section,
)
from liaison.nrm.services import handovers as services
from liaison.nrm.tests.factories import CaseFactory, ConsentFactory, PersonFactory
from liaison.nrm.tests.factories_handovers import HandoverFactory, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(make_member: Any) -> World:
    world = World(make_member)
    world.case.person.given_names = "Gulnora"
    world.case.person.phone = "+351 912 000 111"
    world.case.person.save()
    ExploitationProfile.objects.create(
        case=world.case, forms=["ForcedLabour"], industry="A_AgricultureForestryAndFishing",
        notes="Worked 16 hours a day in greenhouses",
    )  # fmt: skip
    return world


def referral(w: World, sections: list[str], **kwargs: Any) -> Handover:
    ConsentFactory(
        case=w.case, purpose=ConsentPurpose.REFERRAL, recipient=kwargs.get("to_agency", w.b)
    )
    return services.handover_create(
        actor=w.worker_a, case=w.case, kind=HandoverKind.REFERRAL,
        to_agency=kwargs.get("to_agency", w.b), sections=sections,
    )  # fmt: skip


# --- the recipient sees only the chosen sections ---------------------------------------------


def test_the_recipient_sees_the_chosen_section(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    response = client_for(w.worker_b).get(reverse("nrm:handover_detail", args=[handover.pk]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Worked 16 hours a day in greenhouses" in body
    assert 'data-section="exploitation"' in body


def test_the_recipient_gets_nothing_of_a_section_not_chosen(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    body = (
        client_for(w.worker_b)
        .get(reverse("nrm:handover_detail", args=[handover.pk]))
        .content.decode()
    )

    assert "Gulnora" not in body
    assert "912 000 111" not in body
    assert 'data-section="identity"' not in body
    assert 'data-section="consent"' not in body


def test_identity_is_shown_only_when_chosen(w: World, client_for: Any):
    handover = referral(w, [Section.IDENTITY])

    body = (
        client_for(w.worker_b)
        .get(reverse("nrm:handover_detail", args=[handover.pk]))
        .content.decode()
    )

    assert "Gulnora" in body
    assert "Worked 16 hours" not in body


def test_the_view_is_logged_with_the_fields_shown(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    client_for(w.worker_b).get(reverse("nrm:handover_detail", args=[handover.pk]))

    event = AuditEvent.objects.filter(action=AuditAction.VIEW, actor=w.worker_b).get()
    assert event.object_id == str(w.case.pk)
    assert "exploitation_notes" in event.fields
    assert "given_names" not in event.fields


def test_a_revoked_referral_shows_nothing_more(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION, Section.IDENTITY])
    services.handover_revoke(actor=w.worker_a, handover=handover)

    body = (
        client_for(w.worker_b)
        .get(reverse("nrm:handover_detail", args=[handover.pk]))
        .content.decode()
    )

    assert "Gulnora" not in body
    assert "Worked 16 hours" not in body


def test_the_recipient_still_cannot_open_the_senders_case(w: World, client_for: Any):
    referral(w, [Section.IDENTITY])
    from liaison.nrm.permissions import cases_visible_to

    assert not cases_visible_to(w.worker_b).filter(pk=w.case.pk).exists()


# --- isolation and 404 -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["nrm:handover_detail", "nrm:handover_accept", "nrm:handover_reject",
             "nrm:handover_revoke", "nrm:handover_done", "nrm:transfer_request_create"],
)  # fmt: skip
def test_a_third_agency_gets_404_for_a_handover(w: World, client_for: Any, name: str):
    handover = referral(w, [Section.EXPLOITATION])
    client = client_for(w.worker_c)

    assert client.get(reverse(name, args=[handover.pk])).status_code == 404
    if name != "nrm:handover_detail":
        assert client.post(reverse(name, args=[handover.pk]), {"reason": "x"}).status_code == 404
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING


@pytest.mark.parametrize(
    "name", ["nrm:handover_create", "nrm:anonymous_notification", "nrm:exploitation_edit",
             "nrm:trafficking_event_add", "nrm:consent_record"],
)  # fmt: skip
def test_another_agency_gets_404_for_case_pages(w: World, client_for: Any, name: str):
    client = client_for(w.worker_b)

    assert client.get(reverse(name, args=[w.case.pk])).status_code == 404
    assert client.post(reverse(name, args=[w.case.pk]), {}).status_code == 404


def test_agency_b_never_sees_agency_as_inbox(w: World, client_for: Any):
    to_a: Any = HandoverFactory(case=CaseFactory(agency=w.b, person=PersonFactory(registered_by=w.b)),
                           to_agency=w.a, from_user=w.worker_b)  # fmt: skip
    to_b = referral(w, [Section.EXPLOITATION])

    page_b = client_for(w.worker_b).get(reverse("nrm:handover_inbox")).content.decode()
    page_a = client_for(w.worker_a).get(reverse("nrm:handover_inbox")).content.decode()

    assert f'data-handover="{to_b.pk}"' in page_b
    assert f'data-handover="{to_a.pk}"' not in page_b
    assert f'data-handover="{to_a.pk}"' in page_a
    assert f'data-handover="{to_b.pk}"' not in page_a


def test_the_inbox_does_not_grow_in_queries_with_its_rows(
    w: World, client_for: Any, django_assert_max_num_queries: Any
):
    client = client_for(w.worker_b)
    HandoverFactory(case=w.case, to_agency=w.b, from_user=w.worker_a)
    client.get(reverse("nrm:handover_inbox"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("nrm:handover_inbox"))
    for _ in range(49):
        HandoverFactory(case=w.case, to_agency=w.b, from_user=w.worker_a)

    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(reverse("nrm:handover_inbox"))

    assert response.content.decode().count("data-handover=") == 25
    assert len(many.captured_queries) == len(few.captured_queries)


# --- answering through the pages -------------------------------------------------------------


def test_accepting_through_the_page_opens_the_recipients_case(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    response = client_for(w.worker_b).post(
        reverse("nrm:handover_accept", args=[handover.pk]), {"note": "Place in the shelter"}
    )

    assert response.status_code == 302
    assert Case.objects.filter(agency=w.b, referred_by=handover).exists()


def test_rejecting_without_a_reason_is_a_400(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    response = client_for(w.worker_b).post(reverse("nrm:handover_reject", args=[handover.pk]), {})

    assert response.status_code == 400
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.PENDING


def test_the_sender_cannot_accept_its_own_referral(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])

    client = client_for(w.worker_a)

    page = client.get(reverse("nrm:handover_accept", args=[handover.pk]))
    assert page.status_code == 200
    main = page.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert 'name="note"' not in main
    assert client.post(reverse("nrm:handover_accept", args=[handover.pk]), {}).status_code == 403


def test_revoking_twice_says_why(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])
    client = client_for(w.worker_a)

    assert client.post(reverse("nrm:handover_revoke", args=[handover.pk])).status_code == 302
    assert client.post(reverse("nrm:handover_revoke", args=[handover.pk])).status_code == 400


def test_sending_without_consent_shows_the_error_and_writes_nothing(w: World, client_for: Any):
    response = client_for(w.worker_a).post(
        reverse("nrm:handover_create", args=[w.case.pk]),
        {"kind": "referral", "to_agency": w.b.pk, "sections": ["exploitation"]},
    )

    assert response.status_code == 400
    assert "has not consented" in response.content.decode()
    assert not Handover.objects.exists()


def test_sending_with_an_override_through_the_page(w: World, client_for: Any):
    response = client_for(w.manager_a).post(
        reverse("nrm:handover_create", args=[w.case.pk]),
        {"kind": "referral", "to_agency": w.b.pk, "sections": ["exploitation"],
         "override_reason": "The person is in immediate danger"},
    )  # fmt: skip

    handover = Handover.objects.get()
    assert response.status_code == 302
    assert handover.consent_overridden


def test_the_create_page_renders(w: World, client_for: Any):
    response = client_for(w.worker_a).get(reverse("nrm:handover_create", args=[w.case.pk]))

    assert response.status_code == 200
    assert 'name="sections"' in response.content.decode()


def test_anonymous_notification_through_the_page(w: World, client_for: Any):
    response = client_for(w.worker_a).post(
        reverse("nrm:anonymous_notification", args=[w.case.pk]), {"to_agency": w.b.pk}
    )

    assert response.status_code == 302
    assert Case.objects.get(agency=w.b).anonymous


def test_a_transfer_request_from_a_received_referral(w: World, client_for: Any):
    handover = referral(w, [Section.EXPLOITATION])
    client = client_for(w.worker_b)

    assert client.get(reverse("nrm:transfer_request_create", args=[handover.pk])).status_code == 200
    response = client.post(
        reverse("nrm:transfer_request_create", args=[handover.pk]),
        {"from_agency": w.b.pk, "reason": "Her family lives here"},
    )

    assert response.status_code == 302
    assert Handover.objects.filter(kind=HandoverKind.TRANSFER_REQUEST, to_agency=w.a).exists()


# --- the home page and the case section ------------------------------------------------------


def test_the_home_partial_counts_pending_handovers(w: World, client_for: Any):
    from django.template.loader import render_to_string

    referral(w, [Section.EXPLOITATION])

    html_b = render_to_string("nrm/includes/home_inbox.html", {"user": w.worker_b})
    html_c = render_to_string("nrm/includes/home_inbox.html", {"user": w.worker_c})

    assert "1 handover waiting" in html_b
    assert "1 referral" in html_b
    assert html_c.strip() == ""


def test_the_home_partial_renders_for_a_user_without_nrm_access(db: Any, make_member: Any):
    from django.template.loader import render_to_string

    from liaison.directory.roles import Role

    assert (
        render_to_string(
            "nrm/includes/home_inbox.html", {"user": make_member(Role.PARTNER)}
        ).strip()
        == ""
    )


def test_the_case_section_lists_handovers_with_the_users_actions(
    w: World, django_assert_max_num_queries: Any
):
    from django.template.loader import render_to_string

    handover = referral(w, [Section.EXPLOITATION])
    context = {"case": w.case, "user": w.worker_a, "perms_case": {"can_handover": True}}

    with django_assert_max_num_queries(8):
        html = render_to_string("nrm/includes/section_handovers.html", context)

    assert f'data-handover="{handover.pk}"' in html
    assert reverse("nrm:handover_revoke", args=[handover.pk]) in html
    assert reverse("nrm:handover_accept", args=[handover.pk]) not in html


def test_the_home_page_shows_the_inbox_count(w: World, client_for: Any):
    referral(w, [Section.EXPLOITATION])

    home_b = client_for(w.worker_b).get(reverse("home")).content.decode()
    home_a = client_for(w.worker_a).get(reverse("home")).content.decode()

    assert "data-inbox" in home_b
    assert reverse("nrm:handover_inbox") in home_b
    assert "data-inbox" not in home_a


def test_the_home_page_works_without_nrm_access(db: Any, make_member: Any, client_for: Any):
    from liaison.directory.roles import Role

    response = client_for(make_member(Role.KNOWLEDGE_EDITOR)).get(reverse("home"))

    assert response.status_code == 200
    assert "data-inbox" not in response.content.decode()


AREA_PAGES = [
    "nrm:exploitation_edit", "nrm:trafficking_event_add", "nrm:trafficking_event_delete",
    "nrm:consent_record", "nrm:consent_withdraw", "nrm:handover_create",
    "nrm:anonymous_notification", "nrm:handover_inbox", "nrm:handover_detail",
    "nrm:transfer_request_create", "nrm:handover_accept", "nrm:handover_reject",
    "nrm:handover_revoke", "nrm:handover_done", "nrm:provider_list", "nrm:provider_create", "nrm:provider_edit",
]  # fmt: skip


def test_every_page_of_the_area_renders_and_answers_bad_posts_with_a_4xx(w: World, client_for: Any):
    from liaison.nrm.tests.factories_handovers import handover_records

    own_case: Any = CaseFactory(agency=w.b, person=PersonFactory(registered_by=w.b))
    values = {
        "case_id": own_case.pk,
        **handover_records(agency=w.b, user=w.manager_b, case=own_case),
    }
    client = client_for(w.manager_b)
    rendered: set[str] = set()
    for name in AREA_PAGES:
        kwargs = {k: values[k] for k in ("case_id", "handover_id", "consent_id", "event_id",
                                         "provider_id") if f"<int:{k}>" in _route(name)}  # fmt: skip
        path = reverse(name, kwargs=kwargs)
        got = client.get(path)
        sent = client.post(path, {"invalid": "1"})
        assert got.status_code in (200, 405), (name, got.status_code)
        assert sent.status_code < 500, (name, sent.status_code)
        rendered |= {t.name for t in got.templates + sent.templates if t.name}

    mine = {"nrm/handovers/answer.html", "nrm/handovers/detail.html", "nrm/handovers/shared.html",
            "nrm/handovers/facts.html", "nrm/handovers/revoke.html", "nrm/handovers/inbox.html",
            "nrm/handovers/transfer_request.html", "nrm/handovers/create.html",
            "nrm/handovers/anonymous.html", "nrm/consent/consent_form.html",
            "nrm/consent/withdraw_form.html", "nrm/profile/profile_form.html",
            "nrm/profile/event_form.html", "nrm/providers/list.html", "nrm/providers/form.html",
            "nrm/profile/facts.html"}  # fmt: skip
    assert mine <= rendered, mine - rendered


def _route(name: str) -> str:
    from liaison.nrm.urls_handovers import urlpatterns

    return next(str(p.pattern) for p in urlpatterns if p.name == name.split(":")[1])

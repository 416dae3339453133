"""Each demo role signs in through the real forms and sees exactly the menu the matrix gives it."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from liaison.directory.access import page_rule
from liaison.directory.demo import ADMIN_USERNAME, demo_username
from liaison.directory.models import Agency, User
from liaison.directory.navigation import NAVIGATION
from liaison.directory.roles import Role


def expected_menu(username: str) -> list[str]:
    """The entries whose page the matrix opens to this user once signed in and verified."""
    user = User.objects.get(username=username)
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return [
        entry.url_name
        for entry in NAVIGATION
        if (rule := page_rule(entry.url_name)) and rule.allows(user)
    ]


@pytest.mark.parametrize("username", [*(demo_username(r) for r in Role.values), ADMIN_USERNAME])
def test_each_demo_user_sees_exactly_its_menu_and_every_entry_opens(username: str, sign_in_as: Any):
    page = sign_in_as(username)

    shown = page.eval_on_selector_all(
        "nav.site-nav a[data-nav]", "links => links.map(a => a.dataset.nav)"
    )
    links = page.eval_on_selector_all(
        "nav.site-nav a[data-nav]", "links => links.map(a => a.getAttribute('href'))"
    )

    assert shown == expected_menu(username)
    for href in links:
        response = page.goto(href)
        assert response is not None
        assert response.status == 200, f"{username}: {href} answered {response.status}"


def test_case_manager_of_one_agency_gets_404_for_another_agencys_member_list(sign_in_as: Any):
    page = sign_in_as(demo_username(Role.CASE_MANAGER))
    manager = User.objects.get(username=demo_username(Role.CASE_MANAGER))
    own = manager.memberships.get().agency
    other = User.objects.get(username=demo_username(Role.INVESTIGATOR)).memberships.get().agency
    assert other != own
    assert not Agency.objects.filter(pk=other.pk, parent=own).exists()

    mine = page.goto(reverse("directory:member_list", kwargs={"agency_id": own.pk}))
    theirs = page.goto(reverse("directory:member_list", kwargs={"agency_id": other.pk}))

    assert mine is not None
    assert mine.status == 200
    assert theirs is not None
    assert theirs.status == 404
    assert page.inner_text("h1") == "Not found"
    assert manager.username not in page.inner_text("main")

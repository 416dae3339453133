"""The page shell is usable with a keyboard and a screen reader, and speaks the chosen language."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from liaison.directory.demo import demo_username
from liaison.directory.models import CountryProfile, User
from liaison.directory.roles import Role

# Problems a page has, as found in the browser: heading, landmark, language, unlabelled fields.
FIND_PROBLEMS = """() => {
  const problems = [];
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  const mains = document.querySelectorAll('main, [role=main]').length;
  if (mains !== 1) problems.push(`${mains} main landmarks`);
  if (!document.documentElement.lang) problems.push('no lang on <html>');
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type)) continue;
    const text = [...(el.labels || [])].map(l => l.textContent.trim()).join('')
      || el.getAttribute('aria-label') || '';
    const by = el.getAttribute('aria-labelledby');
    const byText = by ? by.split(' ').map(id => (document.getElementById(id) || {}).textContent || '').join('').trim() : '';
    if (!text && !byText) problems.push(`unlabelled ${el.tagName.toLowerCase()} name=${el.name}`);
  }
  return problems;
}"""


def problems_on(page: Any, paths: list[str]) -> list[str]:
    found = []
    for path in paths:
        response = page.goto(path)
        status = response.status if response is not None else 0
        if status >= 500:
            found.append(f"{path}: {status}")
        found += [f"{path}: {problem}" for problem in page.evaluate(FIND_PROBLEMS)]
    return found


def test_tab_from_the_top_reaches_the_skip_link_first_and_it_moves_focus_to_main(sign_in_as: Any):
    page = sign_in_as(demo_username(Role.PARTNER))
    page.goto(reverse("home"))

    page.keyboard.press("Tab")
    first = page.evaluate(
        "document.activeElement.getAttribute('href') + ' ' + document.activeElement.className"
    )
    page.keyboard.press("Enter")

    assert first == "#main skip-link"
    assert page.evaluate("document.activeElement.id") == "main"


def test_public_pages_have_one_h1_a_main_landmark_labelled_fields_and_a_language(
    page: Any, demo: Any
):
    paths = [reverse("accounts:login"), reverse("accounts:password_reset"), "/no-such-page/"]

    assert problems_on(page, paths) == []


def test_administrator_pages_have_one_h1_a_main_landmark_labelled_fields_and_a_language(
    sign_in_as: Any,
):
    page = sign_in_as(demo_username(Role.INSTANCE_ADMIN))
    user = User.objects.get(username=demo_username(Role.INSTANCE_ADMIN))
    membership = user.memberships.select_related("agency").get()
    agency = {"agency_id": membership.agency_id}
    profile = {"profile_id": CountryProfile.objects.get(is_home=True).pk}
    paths = [
        reverse("home"),
        reverse("directory:agency_list"),
        reverse("directory:agency_create"),
        reverse("directory:agency_detail", kwargs=agency),
        reverse("directory:agency_edit", kwargs=agency),
        reverse("directory:my_agency_members"),
        reverse("directory:member_list", kwargs=agency),
        reverse("directory:member_create", kwargs=agency),
        reverse("directory:membership_add", kwargs=agency),
        reverse("directory:member_detail", kwargs={**agency, "membership_id": membership.pk}),
        reverse("directory:membership_edit", kwargs={**agency, "membership_id": membership.pk}),
        reverse("directory:country_profile_list"),
        reverse("directory:country_profile_detail", kwargs=profile),
        reverse("directory:country_profile_edit", kwargs=profile),
        reverse("directory:user_list"),
        reverse("core:job_list"),
        reverse("accounts:profile"),
        reverse("accounts:password_change"),
    ]

    assert problems_on(page, paths) == []


def test_auditor_pages_have_one_h1_a_main_landmark_labelled_fields_and_a_language(sign_in_as: Any):
    page = sign_in_as(demo_username(Role.AUDITOR))

    assert (
        problems_on(page, [reverse("core:audit_log"), reverse("core:audit_log") + "?date_from=bad"])
        == []
    )


def test_language_switcher_changes_the_page_language(page: Any, demo: Any):
    page.goto(reverse("accounts:login"))
    assert page.evaluate("document.documentElement.lang") == "en"

    page.select_option("#language-select", "ru")
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")

    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.input_value("#language-select") == "ru"
    assert page.url.endswith(reverse("accounts:login"))
    page.select_option("#language-select", "pt")
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")
    assert page.evaluate("document.documentElement.lang") == "pt"


def test_language_switcher_works_when_signed_in(sign_in_as: Any):
    page = sign_in_as(demo_username(Role.PARTNER))
    page.goto(reverse("directory:agency_list"))

    page.select_option("#language-select", "uz")
    with page.expect_navigation():
        page.click(".language-switcher button[type=submit]")

    assert page.evaluate("document.documentElement.lang") == "uz"
    assert page.url.endswith(reverse("directory:agency_list"))

"""Every template under liaison/ renders without error.

Templates are rendered the way people meet them: the demo instance is loaded and every page is
opened (and every form sent back empty, to render its error state) by several roles. The few
templates no page shows on its own — e-mails, error pages — are rendered through the flow that
sends them or directly. A template that none of this reaches fails the test, so a new template
needs a page, or a line in ``DIRECT`` below.
"""

from __future__ import annotations

import datetime
import importlib
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.paginator import Paginator
from django.db import transaction
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from liaison.core import jobs
from liaison.directory.demo import ADMIN_USERNAME, demo_load, demo_username
from liaison.directory.forms_accounts import OtpTokenForm
from liaison.directory.models import Agency, CountryProfile, Membership, User
from liaison.directory.roles import Role
from liaison.directory.tests.factories import AgencyFactory
from liaison.nrm.selectors.deadlines import DueItems

LIAISON = Path(__file__).resolve().parent.parent / "liaison"
# Who opens the pages: between them they reach every branch a role changes.
VISITORS = [
    None,
    demo_username(Role.PARTNER),
    demo_username(Role.CASE_MANAGER),
    demo_username(Role.NATIONAL_COORDINATOR),
    demo_username(Role.AUDITOR),
    demo_username(Role.INVESTIGATOR),
    demo_username(Role.INSTANCE_ADMIN),
    ADMIN_USERNAME,
]
pytestmark = pytest.mark.django_db

SKIPPED_NAMESPACES = {"admin", "api"}  # Django's and django-ninja's own templates
ENDS_THE_VISIT = {"accounts:logout"}


def all_templates() -> list[str]:
    names = []
    for path in sorted(LIAISON.rglob("templates/**/*")):
        if path.is_file() and "__pycache__" not in path.parts:
            root = next(p for p in path.parents if p.name == "templates")
            names.append(path.relative_to(root).as_posix())
    return names


@dataclass
class Crawl:
    rendered: set[str] = field(default_factory=set)
    failures: list[str] = field(default_factory=list)
    pages: int = 0

    def record(self, label: str, response: Any) -> None:
        self.pages += 1
        self.rendered |= {t.name for t in response.templates if t.name}
        if response.status_code >= 500:
            self.failures.append(f"{label}: {response.status_code}")


def _page_patterns(
    resolver: URLResolver, prefix: str = "", namespace: str = ""
) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns not in SKIPPED_NAMESPACES:
                found += _page_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            found.append(
                (
                    f"{namespace}:{entry.name}" if namespace else entry.name,
                    prefix + str(entry.pattern),
                )
            )
    return found


def _fill(route: str, values: dict[str, Any]) -> str | None:
    try:
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    except KeyError:
        return None


def _values_for(user: User | None, visitor_agency: Agency | None) -> dict[str, Any]:
    agency = visitor_agency or Agency.objects.order_by("pk").first()
    membership = Membership.objects.filter(agency=agency).order_by("pk").first()
    values: dict[str, Any] = {
        "agency_id": agency.pk,
        "membership_id": membership.pk if membership else 0,
        "profile_id": CountryProfile.objects.order_by("-is_home", "pk").first().pk,
        "uidb64": "MQ",
        "token": "no-longer-valid",
    }
    if user is not None:
        job = jobs.job_create(owner=user, kind="demo", title="Verify the access log", total=40)
        jobs.job_progress(job=job, done=10)
        values["job_id"] = job.pk
        for module in _app_records():
            values.update(module.records(agency=agency, user=user))
    return values


def _app_records() -> list[Any]:
    """Apps give ids of their own records in ``<app>/tests/matrix.py`` (see test_permission_matrix)."""
    modules = []
    for config in apps.get_app_configs():
        try:
            found = config.name.startswith("liaison.") and importlib.util.find_spec(
                f"{config.name}.tests.matrix"
            )
        except ModuleNotFoundError:
            found = None
        if found:
            modules.append(importlib.import_module(f"{config.name}.tests.matrix"))
    return modules


def _client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def _crawl() -> Crawl:
    crawl = Crawl()
    demo_load(password="demo password for tests")
    AgencyFactory.create_batch(30, country="UZ")  # enough rows for a second page
    patterns = _page_patterns(get_resolver())
    for username in VISITORS:
        user = User.objects.get(username=username) if username else None
        membership = user.memberships.select_related("agency").first() if user else None
        client = _client_for(user)
        values = _values_for(user, membership.agency if membership else None)
        for name, route in patterns:
            path = _fill(route, values)
            if path is None or name in ENDS_THE_VISIT:
                continue
            label = f"{username or 'anonymous'} {name}"
            for response in (client.get(path), client.post(path, {"invalid": "1"})):
                crawl.record(label, response)
        crawl.record(
            f"{username} second page", client.get(reverse("directory:agency_list") + "?page=2")
        )
    _flows(crawl)
    return crawl


def _flows(crawl: Crawl) -> None:
    """Pages reached only through a flow: sign in, two-factor, sending mail, an invitation."""
    manager = User.objects.get(username=demo_username(Role.CASE_MANAGER))
    TOTPDevice.objects.filter(user=manager).delete()
    client = Client()
    crawl.record(
        "login",
        client.post(
            reverse("accounts:login"),
            {"username": manager.username, "password": "demo password for tests"},
        ),
    )
    crawl.record("two-factor setup", client.get(reverse("accounts:otp_setup")))
    crawl.record(
        "two-factor setup, wrong code",
        client.post(reverse("accounts:otp_setup"), {"token": "12ab56"}),
    )
    crawl.record(
        "password reset",
        Client().post(reverse("accounts:password_reset"), {"email": manager.email}),
    )
    link = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/\S+/)", mail.outbox[-1].body)
    assert link, "the password reset e-mail has no link"
    reset = Client()
    form_page = reset.get(link.group(1), follow=True)
    crawl.record("password reset link", form_page)
    crawl.record(
        "password reset, mismatched",
        reset.post(form_page.redirect_chain[-1][0], {"new_password1": "a"}),
    )
    admin = _client_for(User.objects.get(username=demo_username(Role.INSTANCE_ADMIN)))
    agency = manager.memberships.first().agency
    crawl.record("invitation", admin.post(
        reverse("directory:member_create", kwargs={"agency_id": agency.pk}),
        {"username": "new-member", "full_name": "Ana Teste", "email": "ana@example.org", "role": Role.CASE_WORKER,
         "scope": "agency", "preferred_language": ""},
    ))  # fmt: skip
    crawl.record("new token", admin.post(reverse("accounts:token_create"), {"name": "nightly"}))
    crawl.record("no such page", admin.get("/no-such-page/"))
    crawl.record("bad host", Client().get(reverse("accounts:login"), HTTP_HOST="not allowed"))
    assert len(mail.outbox) >= 2, "the reset and invitation e-mails were not sent"


@pytest.fixture(scope="module")
def crawl(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with (
        override_settings(LIAISON_OTP_POLICY="personal_data"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _crawl()
        transaction.set_rollback(True)


def _request() -> Any:
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


# Templates that no page renders on its own, with the context their sender gives them.
DIRECT: dict[str, Callable[[], dict[str, Any]]] = {
    "500.html": dict,
    "403_csrf.html": dict,
    "accounts/locked_out.html": dict,
    "accounts/password_reset_email.txt": lambda: {
        "email": "a@example.org", "domain": "liaison.example.org", "site_name": "Liaison", "uid": "MQ",
        "token": "abc-123", "protocol": "https", "user": User(username="ana"),
    },
    "accounts/password_reset_subject.txt": lambda: {"site_name": "Liaison"},
    "directory/invitation_email.txt": lambda: {
        "email": "a@example.org", "domain": "liaison.example.org", "site_name": "Liaison", "uid": "MQ",
        "token": "abc-123", "protocol": "https", "user": User(username="ana"), "inviter": "Rita",
    },
    "directory/invitation_subject.txt": lambda: {"site_name": "Liaison", "inviter": "Rita"},
    "includes/form_fields.html": lambda: {"form": OtpTokenForm({"token": "x"})},
    "includes/pagination.html": lambda: {"page": Paginator(list(range(60)), 25).get_page(2)},
    "nrm/decisions/alert_subject.txt": lambda: {"instance": "Liaison"},
    "nrm/decisions/alert_email.txt": lambda: {
        "items": DueItems(today=datetime.date(2026, 4, 10)), "today": datetime.date(2026, 4, 10),
        "overdue_codes": ["C-2026-000001"], "soon_codes": [],
    },
}  # fmt: skip


@pytest.mark.parametrize("name", all_templates())
def test_template_renders(name: str, crawl: Crawl, db: Any):
    if name in crawl.rendered:
        return
    assert name in DIRECT, (
        f"No page renders {name} and DIRECT has no context for it: open it in the crawl or add it to "
        "DIRECT. (Pages whose URL takes an id no app gives in its tests/matrix.py are not opened.)"
    )

    text = render_to_string(name, DIRECT[name](), request=_request())

    assert text.strip()


def test_no_page_fails_to_render(crawl: Crawl):
    assert crawl.pages > 100
    assert not crawl.failures, "\n".join(crawl.failures)


def test_the_crawl_renders_the_pages_themselves(crawl: Crawl):
    """The crawl must really open the pages (not only bounce off login or 403)."""
    must = {"directory/agency_list.html", "directory/member_list.html", "directory/country_profile_form.html",
            "core/audit_log.html", "core/job_detail.html", "accounts/profile.html", "includes/pagination.html"}  # fmt: skip

    assert must <= crawl.rendered, sorted(must - crawl.rendered)


def test_templates_are_found_where_django_looks():
    dirs = [Path(d) for d in settings.TEMPLATES[0]["DIRS"]]

    assert LIAISON / "templates" in dirs
    assert all_templates()

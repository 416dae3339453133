"""Bad input gets a clear, translated error and a 4xx — never a 500, never a partial write.

Each case is sent in English and in Russian. The status and the presence of a message are
checked always; that the Russian message differs from the English one is checked once a Russian
catalogue exists (until then those tests are skipped, with that reason).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from liaison.core import jobs
from liaison.directory.models import Agency, ApiToken, Membership, User
from liaison.directory.roles import Role
from liaison.directory.tests.factories import (
    AgencyFactory,
    CountryProfileFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ADMIN, AUDITOR, ANONYMOUS = Role.INSTANCE_ADMIN.value, Role.AUDITOR.value, None
JSON = "application/json"
NO_SUCH_ID = 987654321


@dataclass
class Objects:
    agency: Agency
    membership: Membership
    profile_id: int
    job_id: uuid.UUID


@dataclass(frozen=True)
class Case:
    name: str
    who: str | None
    method: str
    path: Callable[[Objects], str]
    data: Any = None
    content_type: str | None = None
    statuses: tuple[int, ...] = (400,)

    @property
    def api(self) -> bool:
        return self.path(_PLACEHOLDER).startswith("/api/")


_PLACEHOLDER = Objects(Agency(pk=1), Membership(pk=1), 1, uuid.UUID(int=1))


def url(name: str, **kwargs: Callable[[Objects], Any]) -> Callable[[Objects], str]:
    return lambda o: reverse(name, kwargs={k: f(o) for k, f in kwargs.items()})


def agency(o: Objects) -> int:
    return o.agency.pk


def raw(path: str) -> Callable[[Objects], str]:
    return lambda o: path


CASES = [
    # malformed forms
    Case("agency form blank name", ADMIN, "POST", url("directory:agency_create"), {"name": ""}),
    Case("agency form bad country and website", ADMIN, "POST", url("directory:agency_create"),
         {"name": "Casa", "agency_type": "NGO", "country": "XX", "website": "not a web address"}),
    Case("agency form unknown type", ADMIN, "POST", url("directory:agency_create"),
         {"name": "Casa", "agency_type": "Castle", "country": "PT"}),
    Case("member form bad email and role", ADMIN, "POST", url("directory:member_create", agency_id=agency),
         {"username": "new person!", "full_name": "", "email": "nope", "role": "emperor"}),
    Case("membership edit unknown role", ADMIN, "POST",
         url("directory:membership_edit", agency_id=agency, membership_id=lambda o: o.membership.pk),
         {"role": "emperor", "scope": "galaxy"}),
    Case("procedure form bad numbers", ADMIN, "POST", url("directory:country_profile_edit", profile_id=lambda o: o.profile_id),
         {"population": "many", "population_year": "last year"}),
    Case("token form empty", ADMIN, "POST", url("accounts:token_create"), {}),
    Case("password change empty", ADMIN, "POST", url("accounts:password_change"), {}),
    Case("login empty", ANONYMOUS, "POST", url("accounts:login"), {}),
    Case("password reset not an address", ANONYMOUS, "POST", url("accounts:password_reset"), {"email": "not-an-address"}),
    # bad query parameters
    Case("agency list unknown country", ADMIN, "GET", lambda o: reverse("directory:agency_list") + "?country=ZZ"),
    Case("agency list unknown type", ADMIN, "GET", lambda o: reverse("directory:agency_list") + "?agency_type=Castle"),
    Case("audit log bad date", AUDITOR, "GET", lambda o: reverse("core:audit_log") + "?date_from=yesterday"),
    Case("audit log dates reversed", AUDITOR, "GET",
         lambda o: reverse("core:audit_log") + "?date_from=2030-01-02&date_to=2030-01-01"),
    Case("agency list page not a number", ADMIN, "GET", lambda o: reverse("directory:agency_list") + "?page=abc",
         statuses=(200,)),
    # unknown ids
    Case("agency unknown id", ADMIN, "GET", url("directory:agency_detail", agency_id=lambda o: NO_SUCH_ID), statuses=(404,)),
    Case("agency id beyond any integer column", ADMIN, "GET", raw(f"/directory/agencies/{2**70}/"), statuses=(404,)),
    Case("member unknown id", ADMIN, "GET",
         url("directory:member_detail", agency_id=agency, membership_id=lambda o: NO_SUCH_ID), statuses=(404,)),
    Case("procedure unknown id", ADMIN, "GET",
         url("directory:country_profile_detail", profile_id=lambda o: NO_SUCH_ID), statuses=(404,)),
    Case("job unknown id", ADMIN, "GET", url("core:job_detail", job_id=lambda o: uuid.uuid4()), statuses=(404,)),
    Case("no such page", ADMIN, "GET", raw("/no-such-page/"), statuses=(404,)),
    # API payloads, ids and parameters
    Case("api malformed json", ADMIN, "POST", raw("/api/v1/directory/agencies"), "{not json", JSON),
    Case("api missing fields", ADMIN, "POST", raw("/api/v1/directory/agencies"), "{}", JSON, (422,)),
    Case("api wrong types", ADMIN, "POST", raw("/api/v1/directory/agencies"),
         json.dumps({"name": 5, "agency_type": "Castle", "country": 7, "is_active": "perhaps"}), JSON, (422,)),
    Case("api list instead of object", ADMIN, "POST", raw("/api/v1/directory/agencies"), "[]", JSON, (400, 422)),
    Case("api bad country", ADMIN, "POST", raw("/api/v1/directory/agencies"),
         json.dumps({"name": "Casa", "agency_type": "NGO", "country": "XX"}), JSON, (422,)),
    Case("api member bad fields", ADMIN, "POST", lambda o: f"/api/v1/directory/agencies/{o.agency.pk}/members",
         json.dumps({"username": "", "full_name": "", "email": "nope", "role": "emperor"}), JSON, (422,)),
    Case("api update unknown agency", ADMIN, "PATCH", raw(f"/api/v1/directory/agencies/{NO_SUCH_ID}"),
         json.dumps({"name": "Casa"}), JSON, (404,)),
    Case("api agency id not a number", ADMIN, "GET", raw("/api/v1/directory/agencies/abc"), statuses=(404, 422)),
    Case("api unknown agency type filter", ADMIN, "GET", raw("/api/v1/directory/agencies?agency_type=Castle"), statuses=(422,)),
    Case("api negative limit", ADMIN, "GET", raw("/api/v1/directory/agencies?limit=-1"), statuses=(422,)),
    Case("api limit not a number", ADMIN, "GET", raw("/api/v1/directory/agencies?limit=many"), statuses=(422,)),
    Case("api job id not a uuid", ADMIN, "GET", raw("/api/v1/jobs/not-a-uuid"), statuses=(404, 422)),
    Case("api job unknown id", ADMIN, "GET", lambda o: f"/api/v1/jobs/{uuid.uuid4()}", statuses=(404,)),
    Case("api audit bad date", AUDITOR, "GET", raw("/api/v1/audit/events?date_from=yesterday"), statuses=(422,)),
    Case("api revoke unknown token", ADMIN, "POST", raw(f"/api/v1/directory/tokens/{NO_SUCH_ID}/revoke"), statuses=(404,)),
    Case("api method not allowed", ADMIN, "DELETE", raw("/api/v1/directory/agencies"), statuses=(405,)),
]  # fmt: skip


@pytest.fixture
def objects() -> Objects:
    agency_a = AgencyFactory(name="Agency A")
    membership = MembershipFactory(agency=agency_a, role=Role.CASE_WORKER)
    profile = CountryProfileFactory()
    return Objects(
        agency_a, membership, profile.pk, jobs.job_create(owner=None, kind="test", title="t").pk
    )


@pytest.fixture
def clients(objects: Objects, client_for: Callable[[User], Client]) -> dict[str | None, Client]:
    made: dict[str | None, Client] = {ANONYMOUS: Client()}
    for role in (ADMIN, AUDITOR):
        user = UserFactory()
        MembershipFactory(user=user, agency=objects.agency, role=role)
        made[role] = client_for(user)
    return made


def _send(client: Client, case: Case, objects: Objects, language: str) -> Any:
    path = case.path(objects)
    if case.content_type:
        return client.generic(
            case.method, path, case.data, case.content_type, HTTP_ACCEPT_LANGUAGE=language
        )
    send = getattr(client, case.method.lower())
    return send(path, case.data or {}, HTTP_ACCEPT_LANGUAGE=language)


def _counts() -> tuple[int, ...]:
    return tuple(model.objects.count() for model in (Agency, Membership, User, ApiToken))


def message_of(response: Any) -> str:
    """What the error says to the person or the script that sent the request."""
    if response["Content-Type"].startswith(JSON):
        return json.dumps(json.loads(response.content)["detail"], ensure_ascii=False)
    body = response.content.decode()
    errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</(?:ul|div)>', body, re.S)
    fragment = (
        " ".join(errors) or body.split("<main", 1)[-1].split(">", 1)[-1].split("</main>", 1)[0]
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment)).strip()


def has_russian_catalogue() -> bool:
    """Whether the Russian interface exists; if it does, its compiled catalogue must be current."""
    for directory in settings.LOCALE_PATHS:
        po = Path(directory) / "ru" / "LC_MESSAGES" / "django.po"
        if po.exists():
            mo = po.with_suffix(".mo")
            stale = not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime
            assert not stale, (
                f"{mo} is missing or older than {po.name}: run `liaison compile_translations`"
            )
            return True
    return False


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_bad_input_gets_a_clear_4xx_and_writes_nothing(case: Case, language: str, objects, clients):
    before = _counts()

    response = _send(clients[case.who], case, objects, language)

    assert response.status_code in case.statuses, (
        f"{case.name}: {response.status_code} {response.content[:400]!r}"
    )
    assert _counts() == before, f"{case.name} wrote something"
    if response.status_code == 405:
        assert response["Allow"], f"{case.name}: a 405 names the methods that work"
    elif response.status_code >= 400:
        assert message_of(response), f"{case.name}: the {response.status_code} says nothing"
        if case.api:
            assert response["Content-Type"].startswith(JSON), (
                f"{case.name}: an API error must be JSON"
            )
        else:
            assert f'lang="{language}"' in response.content.decode(), (
                f"{case.name}: page not in {language}"
            )


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.statuses not in {(200,), (405,)}], ids=lambda case: case.name
)
def test_error_message_is_translated(case: Case, objects, clients):
    if not has_russian_catalogue():
        pytest.skip("no Russian catalogue (locale/ru/LC_MESSAGES/django.po) yet")
    english = message_of(_send(clients[case.who], case, objects, "en"))

    russian = message_of(_send(clients[case.who], case, objects, "ru"))

    assert english
    assert russian != english, f"{case.name}: the Russian error is the English one: {english}"


# --- a bad CSRF token ------------------------------------------------------------------------


def _enforcing(client: Client) -> Client:
    client.handler.enforce_csrf_checks = True
    return client


@pytest.mark.parametrize("language", ["en", "ru"])
def test_page_post_with_a_bad_csrf_token_explains_itself(language, objects, clients):
    client = _enforcing(clients[ADMIN])
    client.get(reverse("accounts:profile"))

    response = client.post(
        reverse("accounts:token_create"),
        {"name": "script", "csrfmiddlewaretoken": "x" * 64},
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 403
    assert "403_csrf.html" in [t.name for t in response.templates]
    assert f'lang="{language}"' in response.content.decode()
    assert message_of(response)
    assert not ApiToken.objects.exists()


def test_csrf_page_is_translated(objects, clients):
    if not has_russian_catalogue():
        pytest.skip("no Russian catalogue (locale/ru/LC_MESSAGES/django.po) yet")
    client = _enforcing(clients[ADMIN])

    def send(lang: str) -> Any:
        return client.post(
            reverse("accounts:token_create"), {"name": "x"}, HTTP_ACCEPT_LANGUAGE=lang
        )

    assert message_of(send("ru")) != message_of(send("en"))


@pytest.mark.parametrize("language", ["en", "ru"])
def test_api_write_in_a_session_without_csrf_token_is_refused(language, objects, clients):
    client = _enforcing(clients[ADMIN])

    response = client.post(
        "/api/v1/directory/agencies",
        json.dumps({"name": "Casa", "agency_type": "NGO", "country": "PT"}),
        content_type=JSON,
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 403
    assert message_of(response)
    assert not Agency.objects.filter(name="Casa").exists()


def test_api_csrf_refusal_is_translated(objects, clients):
    if not has_russian_catalogue():
        pytest.skip("no Russian catalogue (locale/ru/LC_MESSAGES/django.po) yet")
    client = _enforcing(clients[ADMIN])
    body = json.dumps({"name": "Casa", "agency_type": "NGO", "country": "PT"})

    def send(lang: str) -> Any:
        return client.post(
            "/api/v1/directory/agencies", body, content_type=JSON, HTTP_ACCEPT_LANGUAGE=lang
        )

    assert message_of(send("ru")) != message_of(send("en"))


def test_api_write_with_a_token_needs_no_csrf_token(objects):
    from liaison.directory import services

    user = UserFactory()
    MembershipFactory(user=user, agency=objects.agency, role=ADMIN)
    _token, secret = services.api_token_create(actor=user, name="script")
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        "/api/v1/directory/agencies",
        json.dumps({"name": "Casa", "agency_type": "NGO", "country": "PT"}),
        content_type=JSON,
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )

    assert response.status_code == 201

"""The access matrix holds for every page and API operation, for every role.

Three promises are checked here:

1. every URL pattern of ``config.urls`` (the Django admin's and the API's included) and every API
   operation has a rule in ``config/access_matrix.py`` — a new page without a rule fails;
2. every principal (each role, anonymous, signed in without a role, signed in before two-factor,
   and a superuser for the Django admin) is let in exactly where the rule says, and refused
   elsewhere the way the rule says (login page, two-factor page, 403 or 401);
3. a case manager of agency A gets 404 for agency B's records, and for another user's jobs and
   tokens, on every page and operation that takes such an id.

The objects are built once per module inside a transaction that is rolled back at the end; each
test runs in a savepoint of it.

An app whose URLs or operations take ids of its own records (``case_id`` …) provides them in
``liaison/<app>/tests/matrix.py``: ``records(*, agency, user) -> dict[str, Any]`` returns, by URL
keyword, the id of a record of ``agency`` that ``user`` works on, and ``SCOPED_KWARGS`` names the
keywords that identify one agency's records (the isolation test then swaps in agency B's).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice
from pydantic import TypeAdapter, ValidationError

from config.api import api
from liaison.core import jobs
from liaison.directory import services
from liaison.directory.access import API_NAMESPACE, Rule, matrix, page_rule
from liaison.directory.models import Agency, User
from liaison.directory.roles import Capability, Role
from liaison.directory.tests.factories import (
    AgencyFactory,
    CountryProfileFactory,
    MembershipFactory,
    UserFactory,
)

ANONYMOUS = "anonymous"
NO_ROLE = "signed_in_without_role"
UNVERIFIED = "case_worker_before_two_factor"
SUPERUSER = "superuser"
PRINCIPALS = [ANONYMOUS, NO_ROLE, UNVERIFIED, *Role.values, SUPERUSER]

# The Django admin answers 403 itself for actions a model admin does not offer (adding rows to a
# read-only log, autocomplete without a field): the gate let the request in.
ADMIN_PREFIX = "/admin/"
TWO_FACTOR_PAGES = {"accounts:otp_setup", "accounts:otp_verify"}
BODY_METHODS = {"POST", "PUT", "PATCH"}


def _records_module(app: str) -> Any:
    try:
        found = importlib.util.find_spec(f"{app}.tests.matrix")
    except ModuleNotFoundError:  # the app has no tests package
        return None
    return importlib.import_module(f"{app}.tests.matrix") if found else None


APP_RECORDS = [
    module
    for config in apps.get_app_configs()
    if config.name.startswith("liaison.") and (module := _records_module(config.name))
]
# Ids that point at records of one agency or one user: the isolation test swaps in another's.
SCOPED_KWARGS = {"agency_id", "membership_id", "job_id", "token_id"} | {
    name for module in APP_RECORDS for name in getattr(module, "SCOPED_KWARGS", ())
}
# The agency directory is shared by design (every role may see it); only its members are not.
SHARED_DIRECTORY = {Capability.VIEW_AGENCIES.value, Capability.MANAGE_AGENCIES.value}


# --- what there is: URL patterns and API operations -----------------------------------------


@dataclass(frozen=True)
class Page:
    route: str  # the full route, e.g. "directory/agencies/<int:agency_id>/"
    pattern: URLPattern
    pieces: tuple[Any, ...]  # the pattern objects from the root down to this one

    @property
    def label(self) -> str:
        named = self.pattern.name and self.view_name.endswith(":" + self.pattern.name)
        return self.view_name if named or self.view_name == self.pattern.name else self.route

    @cached_property
    def view_name(self) -> str:
        """The name the access middleware looks up (for unnamed patterns: the view's path)."""
        return resolve(self.sample_path(_PLACEHOLDERS)).view_name

    def kwarg_names(self) -> list[str]:
        names: list[str] = []
        for piece in self.pieces:
            names += list(piece.pattern.regex.groupindex)
        return names

    def sample_path(self, values: dict[str, Any]) -> str:
        return "/" + "".join(_fill(piece.pattern, values) for piece in self.pieces)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    url_name: str
    path_params: tuple[str, ...]
    operation: Any = field(compare=False)

    @property
    def label(self) -> str:
        return f"{self.method} {self.operation_id}"

    def path(self, values: dict[str, Any]) -> str:
        kwargs = {k: _value(values, k, "str") for k in self.path_params}
        return reverse(f"{API_NAMESPACE}:{self.url_name}", kwargs=kwargs)


# What an id of each path converter looks like, for URL keywords the tests do not know yet.
_BY_CONVERTER = {
    "int": "1",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "str": "x",
    "slug": "x",
    "path": "x",
}


def _value(values: dict[str, Any], name: str, converter: str) -> str:
    if name in values:
        return str(values[name])
    if values is _PLACEHOLDERS:  # collecting: any value that the converter accepts will do
        return _BY_CONVERTER.get(converter, "1")
    # One test (test_every_url_keyword_has_a_test_object) fails for it, not every principal's.
    pytest.skip(f"no test object for the URL keyword {name!r}")


def _fill(pattern: Any, values: dict[str, Any]) -> str:
    """A concrete path segment for one route or regex pattern."""
    text = str(pattern)
    if "(?P<" not in text:
        return re.sub(
            r"<(?:(\w+):)?(\w+)>", lambda m: _value(values, m.group(2), m.group(1) or "str"), text
        )
    out, i = "", 0
    while i < len(text):
        if text.startswith("(?P<", i):
            name = text[i + 4 : text.index(">", i)]
            depth, j = 0, i
            while True:  # the group's closing parenthesis
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                if depth == 0:
                    break
                j += 1
            body = text[text.index(">", i) + 1 : j]
            choices = body.split("|")
            literal = all(re.fullmatch(r"\w+", c) for c in choices)
            out += choices[0] if literal and name not in values else _value(values, name, "str")
            i = j + 1
        else:
            out += text[i]
            i += 1
    return out.lstrip("^").rstrip("$")


def _walk(resolver: URLResolver, pieces: tuple[Any, ...] = ()) -> list[Page]:
    found: list[Page] = []
    for entry in resolver.url_patterns:
        chain = (*pieces, entry)
        if isinstance(entry, URLResolver):
            found += _walk(entry, chain)
        else:
            found.append(Page("".join(str(p.pattern).lstrip("^") for p in chain), entry, chain))
    return found


def api_operations() -> list[Operation]:
    ops = []
    for bound in api._get_bound_routers():  # the routers as mounted, with decorators applied
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                url_name = getattr(operation, "url_name", "") or api.get_operation_url_name(
                    operation, router=bound.template
                )
                params = tuple(re.findall(r"{(?:\w+:)?(\w+)}", bound.prefix + operation.path))
                for method in operation.methods:
                    ops.append(
                        Operation(
                            api.get_openapi_operation_id(operation),
                            method,
                            url_name,
                            params,
                            operation,
                        )
                    )
    return ops


# Sample values that make every pattern reversible at collection time, before any object exists.
_PLACEHOLDERS: dict[str, Any] = {
    "agency_id": 1, "membership_id": 1, "profile_id": 1, "token_id": 1, "pk": 1,
    "job_id": "00000000-0000-4000-8000-000000000000", "uidb64": "MQ", "token": "set-password",
    "object_id": "1", "content_type_id": "1", "url": "no-such-page/", "app_label": "auth",
}  # fmt: skip

OPERATIONS = api_operations()
OPERATION_URL_NAMES = {op.url_name for op in OPERATIONS}
PAGES = [
    page
    for page in _walk(get_resolver())
    if not (
        getattr(page.pieces[0], "namespace", None) == API_NAMESPACE
        and page.pattern.name in OPERATION_URL_NAMES
    )
]


# --- 1. every page and every operation has a rule -------------------------------------------


def test_every_page_has_a_rule_in_the_matrix():
    missing = sorted({page.view_name for page in PAGES if page_rule(page.view_name) is None})

    assert not missing, (
        "These URL names have no rule in config/access_matrix.py PAGES "
        f"(add one, or a 'namespace:*' entry): {missing}"
    )


def test_every_api_operation_has_a_rule_in_the_matrix():
    missing = sorted({op.operation_id for op in OPERATIONS} - set(matrix()["api"]))

    assert not missing, (
        f"These API operations have no rule in config/access_matrix.py API: {missing}"
    )


def test_the_matrix_names_only_pages_and_operations_that_exist():
    names = {page.view_name for page in PAGES}
    namespaces = {name.split(":")[0] for name in names if ":" in name}
    stale_pages = [
        key for key in matrix()["pages"]
        if key not in names and not (key.endswith(":*") and key[:-2] in namespaces)
    ]  # fmt: skip
    stale_ops = sorted(set(matrix()["api"]) - {op.operation_id for op in OPERATIONS})

    assert not stale_pages, f"PAGES has rules for URL names that do not exist: {stale_pages}"
    assert not stale_ops, f"API has rules for operations that do not exist: {stale_ops}"


def test_every_sample_path_resolves_to_its_own_pattern():
    wrong = [
        page.route
        for page in PAGES
        if resolve(page.sample_path(_PLACEHOLDERS)).func != page.pattern.callback
    ]

    assert not wrong, f"The sample values build paths that resolve elsewhere: {wrong}"


def _keywords() -> dict[str, list[str]]:
    """Every URL keyword and API path parameter, with the pages and operations that take it."""
    used: dict[str, list[str]] = {}
    for page in PAGES:
        for name in page.kwarg_names():
            used.setdefault(name, []).append(page.label)
    for op in OPERATIONS:
        for name in op.path_params:
            used.setdefault(name, []).append(op.label)
    return used


def test_every_url_keyword_has_a_test_object(world: World, db: Any):
    known = set(world.principals[Role.CASE_WORKER].values)
    missing = {name: labels[:3] for name, labels in _keywords().items() if name not in known}

    assert not missing, (
        "No test object for these URL keywords (used by the pages and operations shown), so their "
        "access is not tested: return an id for each from records() in the app's tests/matrix.py "
        f"(see this module's docstring): {missing}"
    )


# --- the principals and their objects --------------------------------------------------------


@dataclass
class Principal:
    name: str
    user: User | None
    verified: bool
    session_key: str = ""
    values: dict[str, Any] = field(default_factory=dict)

    def client(self) -> Client:
        client = Client()
        if self.session_key:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.session_key
        return client

    def as_seen_by_rules(self) -> Any:
        """The user as the middleware sees it: fresh from the database, verified or not."""
        if self.user is None:
            return AnonymousUser()
        user = User.objects.get(pk=self.user.pk)
        user.is_verified = lambda: self.verified  # type: ignore[attr-defined]
        return user


@dataclass
class World:
    principals: dict[str, Principal]
    foreign: dict[str, Any]  # ids of agency B's records and of another user's job and token


def _signed_in(user: User, *, verified: bool) -> str:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client = Client()
    client.force_login(user)
    if verified:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _owned_values(user: User, agency: Agency) -> dict[str, Any]:
    token, _secret = services.api_token_create(actor=user, name="script")
    job = jobs.job_create(owner=user, kind="test", title="A job")
    return {
        "token_id": token.pk,
        "job_id": job.pk,
        "pk": TOTPDevice.objects.filter(user=user).first().pk,
        **{
            k: v
            for module in APP_RECORDS
            for k, v in module.records(agency=agency, user=user).items()
        },
    }


def _build_world() -> World:
    agency_a, agency_b = AgencyFactory(name="Agency A"), AgencyFactory(name="Agency B")
    profile = CountryProfileFactory()
    colleague = MembershipFactory(agency=agency_a, role=Role.CASE_WORKER)
    stranger = MembershipFactory(agency=agency_b, role=Role.CASE_WORKER)
    _signed_in(colleague.user, verified=True)
    _signed_in(stranger.user, verified=True)
    shared = {
        "agency_id": agency_a.pk,
        "membership_id": colleague.pk,
        "profile_id": profile.pk,
        "uidb64": urlsafe_base64_encode(force_bytes(colleague.user.pk)),
        "token": default_token_generator.make_token(colleague.user),
        "object_id": str(agency_a.pk),
        "content_type_id": str(ContentType.objects.get_for_model(agency_a).pk),
        "url": "no-such-page/",
        "app_label": "auth",
        **_owned_values(colleague.user, agency_a),
    }
    principals = {ANONYMOUS: Principal(ANONYMOUS, None, verified=False, values=shared)}
    for name in PRINCIPALS[1:]:
        user = UserFactory(is_staff=name == SUPERUSER, is_superuser=name == SUPERUSER)
        role = Role.CASE_WORKER if name == UNVERIFIED else name
        if role in Role.values:
            MembershipFactory(user=user, agency=agency_a, role=role)
        verified = name != UNVERIFIED
        key = _signed_in(user, verified=verified)
        owned = _owned_values(user, agency_a)
        principals[name] = Principal(name, user, verified, key, {**shared, **owned})
    foreign = {
        "agency_id": agency_b.pk,
        "membership_id": stranger.pk,
        **_owned_values(stranger.user, agency_b),
    }
    return World(principals, foreign)


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with (
        override_settings(LIAISON_OTP_POLICY="personal_data"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _two_factor_policy(settings: Any) -> None:
    settings.LIAISON_OTP_POLICY = "personal_data"


# --- 2. every principal is let in, or refused, as the matrix says ----------------------------


def _outcome(response: HttpResponse, path: str, *, api_call: bool = False) -> str:
    """allowed / login / two-factor / forbidden: how the request was answered."""
    if response.status_code in (401, 403):
        return "forbidden"
    if api_call or response.status_code not in (301, 302):
        return "allowed"
    target = urlsplit(response["Location"])
    if target.path == resolve_url(settings.LOGIN_URL) and parse_qs(target.query).get("next") == [
        path
    ]:
        return "login"
    own_name = resolve(urlsplit(path).path).view_name
    if (
        target.path in {reverse(name) for name in TWO_FACTOR_PAGES}
        and own_name not in TWO_FACTOR_PAGES
    ):
        return "two-factor"
    return "allowed"


def _expected(rule: Rule, principal: Principal) -> str:
    if rule.allows(principal.as_seen_by_rules()):
        return "allowed"
    if principal.user is None:
        return "login"
    if not principal.verified and rule.kind != "login":
        return "two-factor"
    return "forbidden"


def _request_page(client: Client, path: str) -> list[HttpResponse]:
    """GET, and POST too when the view only takes POST (it answered 405 after the gate let it in)."""
    responses = [client.get(path)]
    if responses[0].status_code == 405 and "POST" in responses[0].get("Allow", ""):
        responses.append(client.post(path, {}))
    return responses


@pytest.mark.parametrize("principal_name", PRINCIPALS)
@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.label)
def test_page_access_follows_the_matrix(world: World, db: Any, principal_name: str, page: Page):
    principal = world.principals[principal_name]
    path = page.sample_path(principal.values)
    rule = page_rule(resolve(path).view_name)
    assert rule is not None, (
        f"{page.label} has no rule (see test_every_page_has_a_rule_in_the_matrix)"
    )

    responses = _request_page(principal.client(), path)

    expected = _expected(rule, principal)
    for response in responses:
        assert response.status_code < 500, (
            f"{principal_name} {response.request['REQUEST_METHOD']} {path}"
        )
        if expected == "allowed" and response.status_code == 403 and path.startswith(ADMIN_PREFIX):
            continue  # past the gate, the admin refuses actions its model admins do not offer
        assert _outcome(response, path) == expected, (
            f"{principal_name} {response.request['REQUEST_METHOD']} {path}: "
            f"got {response.status_code} {response.get('Location', '')}, the matrix says {expected}"
        )


def sample_payload(operation: Any) -> Any:
    """A body that passes the operation's schema validation, so the access check is what answers."""
    for model in operation.models:
        if model.__ninja_param_source__ != "body":
            continue
        single = getattr(model, "__read_from_single_attr__", None)
        fields = {
            name: _sample_for(info.annotation)
            for name, info in model.model_fields.items()
            if info.is_required()
        }
        return fields[single] if single else fields
    return None


def _sample_for(annotation: Any) -> Any:
    schema = TypeAdapter(annotation).json_schema()
    value = _sample(schema, schema.get("$defs", {}), "")
    try:
        TypeAdapter(annotation).validate_python(value)
    except ValidationError as exc:  # pragma: no cover - tells how to extend the sampler
        pytest.fail(f"Teach _sample a valid value for {annotation}: {exc}")
    return value


def _sample(schema: dict[str, Any], defs: dict[str, Any], name: str) -> Any:
    if "$ref" in schema:
        return _sample(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, name)
    for key in ("const", "default"):
        if key in schema:
            return schema[key]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return _sample(options[0], defs, name)
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {p: _sample(props[p], defs, p) for p in schema.get("required", [])}
    if kind == "array":
        return [_sample(schema.get("items", {}), defs, name)] * schema.get("minItems", 0)
    if kind == "integer":
        return max(schema.get("minimum", 1), 1)
    if kind == "number":
        return float(max(schema.get("minimum", 1), 1))
    if kind == "boolean":
        return True
    formats = {"date": "2030-01-01", "date-time": "2030-01-01T00:00:00Z", "email": "someone@example.org",
               "uuid": "00000000-0000-4000-8000-000000000000", "uri": "https://example.org/"}  # fmt: skip
    if schema.get("format") in formats:
        return formats[schema["format"]]
    if "country" in name:
        return "PT"
    if "email" in name:
        return "someone@example.org"
    return "Sample " + name if schema.get("maxLength", 99) > 20 else "PT"


def _call(client: Client, op: Operation, values: dict[str, Any]) -> HttpResponse:
    path = op.path(values)
    if op.method in BODY_METHODS:
        body = sample_payload(op.operation)
        return client.generic(
            op.method, path, json.dumps(body if body is not None else {}), "application/json"
        )
    return client.generic(op.method, path)


@pytest.mark.parametrize("principal_name", PRINCIPALS)
@pytest.mark.parametrize("op", OPERATIONS, ids=lambda op: op.label)
def test_api_access_follows_the_matrix(world: World, db: Any, principal_name: str, op: Operation):
    principal = world.principals[principal_name]
    rule = matrix()["api"].get(op.operation_id)
    assert rule is not None, (
        f"{op.operation_id} has no rule (see test_every_api_operation_has_a_rule_in_the_matrix)"
    )

    response = _call(principal.client(), op, principal.values)

    allowed = rule.allows(principal.as_seen_by_rules())
    assert response.status_code < 500
    if allowed:
        assert response.status_code not in (401, 403), (
            f"{principal_name} {op.label}: {response.content[:300]!r}"
        )
    else:
        expected = (401, 403) if principal.user is not None else (401,)
        assert response.status_code in expected, (
            f"{principal_name} {op.label}: got {response.status_code}"
        )


# --- 3. a case manager of agency A gets 404 for agency B's records ---------------------------


def _isolation_case(rule: Rule | None, kwargs: list[str]) -> bool:
    scoped = set(kwargs) & SCOPED_KWARGS
    directory_only = (
        scoped == {"agency_id"} and rule is not None and rule.capability in SHARED_DIRECTORY
    )
    return bool(scoped) and not directory_only


ISOLATED_PAGES = [p for p in PAGES if _isolation_case(page_rule(p.view_name), p.kwarg_names())]
ISOLATED_OPERATIONS = [
    op
    for op in OPERATIONS
    if _isolation_case(matrix()["api"].get(op.operation_id), list(op.path_params))
]


def _foreign_variants(
    own: dict[str, Any], foreign: dict[str, Any], names: list[str]
) -> list[dict[str, Any]]:
    """Another agency's records, and — where an agency id goes with another id — one's own
    agency with the other agency's record."""
    scoped = [n for n in names if n in SCOPED_KWARGS]
    variants = [{**own, **{n: foreign[n] for n in scoped}}]
    if "agency_id" in scoped and len(scoped) > 1:
        variants.append({**own, **{n: foreign[n] for n in scoped if n != "agency_id"}})
    return variants


@pytest.mark.parametrize("page", ISOLATED_PAGES, ids=lambda page: page.label)
def test_case_manager_gets_404_for_another_agencys_page(world: World, db: Any, page: Page):
    manager = world.principals[Role.CASE_MANAGER]
    if not page_rule(page.view_name).allows(manager.as_seen_by_rules()):
        pytest.skip("the matrix refuses this page to a case manager; the matrix test covers it")

    own = _request_page(manager.client(), page.sample_path(manager.values))[-1]
    assert own.status_code != 404, (
        f"{page.label} answers 404 for the manager's own records: check the test data"
    )
    for values in _foreign_variants(manager.values, world.foreign, page.kwarg_names()):
        path = page.sample_path(values)
        assert _request_page(manager.client(), path)[-1].status_code == 404, path


@pytest.mark.parametrize("op", ISOLATED_OPERATIONS, ids=lambda op: op.label)
def test_case_manager_gets_404_for_another_agencys_api_records(
    world: World, db: Any, op: Operation
):
    manager = world.principals[Role.CASE_MANAGER]
    if not matrix()["api"][op.operation_id].allows(manager.as_seen_by_rules()):
        pytest.skip(
            "the matrix refuses this operation to a case manager; the matrix test covers it"
        )

    own = _call(manager.client(), op, manager.values)
    assert own.status_code != 404, (
        f"{op.label} answers 404 for the manager's own records: check the test data"
    )
    for values in _foreign_variants(manager.values, world.foreign, list(op.path_params)):
        response = _call(manager.client(), op, values)
        assert response.status_code == 404, f"{op.label} {op.path(values)}: {response.status_code}"


def test_isolation_covers_the_member_pages_and_operations():
    """The isolation tests above must not silently find nothing to test."""
    names = {p.view_name for p in ISOLATED_PAGES}

    assert {"directory:member_list", "directory:member_detail", "core:job_detail"} <= names
    assert "directory:agency_detail" not in names

"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

The whole package is skipped, with the reason, when /usr/bin/chromium or Playwright is missing
or chromium does not start, so the suite still passes on a machine without a browser. Only these
tests may open local TCP sockets (the live server); everything else stays socket-free.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp

from liaison.directory.demo import DemoResult, demo_load, demo_username

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "browser-demo-password-2026"
LOCAL_ONLY = ["127.0.0.1"]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.allow_hosts(LOCAL_ONLY))


@pytest.fixture(scope="session")
def browser(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package (make install-dev)")
    # Playwright's sync API keeps an event loop in this thread while it runs; the ORM calls the
    # tests make between browser steps (and the database teardown) stay synchronous.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Error as exc:
            pytest.skip(f"chromium at {CHROMIUM} did not start under Playwright: {exc}")
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(autouse=True)
def _two_factor_policy(settings: Any) -> None:
    settings.LIAISON_OTP_POLICY = "personal_data"


@pytest.fixture
def demo(live_server: Any) -> DemoResult:
    """The demo instance, loaded into the live server's database."""
    return demo_load(password=DEMO_PASSWORD)


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def current_code(secret: str) -> str:
    """The six-digit code an authenticator app would show for this base32 key."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return str(totp(key)).zfill(6)


def sign_in(page: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Through the real forms: the login page, then two-factor setup when the role needs it."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if "/accounts/two-factor/setup/" in page.url:
        secret = re.sub(r"\s+", "", page.inner_text("main ol code"))
        page.fill("input[name=token]", current_code(secret))
        with page.expect_navigation():
            page.click("main button[type=submit]")
    assert "/accounts/" not in page.url, f"{username} did not get past sign-in: {page.url}"


@pytest.fixture
def sign_in_as(page: Any, demo: DemoResult) -> Callable[[str], Any]:
    """Signs the page in as a demo user (a role's user name, or ``admin``) and returns it."""

    def sign_in_user(username: str) -> Any:
        sign_in(page, username)
        return page

    return sign_in_user


@pytest.fixture
def sign_in_role(sign_in_as: Callable[[str], Any]) -> Callable[[str], Any]:
    return lambda role: sign_in_as(demo_username(role))

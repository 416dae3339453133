"""Take the user guide's screenshots from a running demo instance.

Usage: .venv/bin/python tools/screenshots.py   (needs Debian's chromium at /usr/bin/chromium)

It builds a throwaway demo database, starts the app on a free local port, signs in as demo
users through the real login form and saves PNGs under docs/user-guide/img/.

A shot's path is either a URL path, which may name demo records found by ``find_demo_records``
(``{case}``), or a function that takes the page and the demo records and gets there by clicking.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "user-guide" / "img"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Demo records the guide shows: an ACT case referred to APF, pending, with its reflection period
# running; a PJ case waiting for the police's decision; an APF case with assistance recorded; a
# person known to ACT (searched for by name).
FIND_DEMO_RECORDS = """
import json, django
django.setup()
from liaison.nrm.models import Case, Handover
referral = (
    Handover.objects.filter(kind="referral", status="pending", to_agency__short_name="APF")
    .filter(case__periods__status="running", case__periods__code="reflection_period")
    .order_by("pk")
    .first()
)
decided = (
    Case.objects.filter(agency__short_name="PJ", status="pending", closed_on__isnull=True)
    .filter(periods__status="running", periods__code="reflection_period")
    .order_by("pk")
    .first()
)
assisted = (
    Case.objects.filter(agency__short_name="APF", closed_on__isnull=True)
    .filter(needs_assessments__isnull=False, support_plan__isnull=False, services_delivered__isnull=False)
    .order_by("pk")
    .first()
)
known = Case.objects.filter(agency__short_name="ACT", person__isnull=False).order_by("pk").first()
print(json.dumps({
    "case": referral.case_id,
    "handover": referral.pk,
    "decided_case": decided.pk,
    "assisted_case": assisted.pk,
    "given_names": known.person.given_names,
    "family_names": known.person.family_names,
}))
"""

Records = dict[str, int | str]
Path_ = str | Callable[[Page, str, Records], None]


def filtered_case_list(page: Page, base: str, records: Records) -> None:
    page.goto(f"{base}/nrm/cases/")
    page.select_option("select[name=status]", "pending")
    page.select_option("select[name=state]", "open")
    page.click("form.filters button[type=submit]")


def search_with_result(page: Page, base: str, records: Records) -> None:
    page.goto(f"{base}/nrm/people/search/")
    page.fill("input[name=given_names]", str(records["given_names"]))
    page.fill("input[name=family_names]", str(records["family_names"]))
    page.click("form.stacked button[type=submit]")


def referral_being_created(page: Page, base: str, records: Records) -> None:
    page.goto(f"{base}/nrm/cases/{records['case']}/")
    page.click("a[href$='/handover/']")
    page.select_option("select[name=kind]", "referral")
    page.select_option("select[name=to_agency]", label="PJ")
    for section in ("identity", "status"):
        page.check(f"input[name=sections][value={section}]")
    page.fill("textarea[name=reason]", "Please contact the case worker before interviewing.")


# (file name, demo user, path, language, viewport width)
# fmt: off
SHOTS: list[tuple[str, str | None, Path_, str, int]] = [
    ("login.png", None, "/accounts/login/", "en", 1200),
    ("home.png", "demo-instance-admin", "/", "en", 1200),
    ("home-case-manager.png", "demo-case-manager", "/", "en", 1200),
    ("agencies.png", "demo-instance-admin", "/directory/agencies/", "en", 1200),
    ("members.png", "demo-case-manager", "/directory/members/", "en", 1200),
    ("procedure.png", "demo-national-coordinator", "/directory/procedure/", "en", 1200),
    ("audit-log.png", "demo-auditor", "/core/audit/", "en", 1200),
    ("profile-tokens.png", "demo-case-worker", "/accounts/profile/", "en", 1200),
    ("home-ru.png", "demo-case-manager", "/", "ru", 1200),
    ("home-phone.png", "demo-frontline-responder", "/", "pt", 390),
    ("nrm-case-list.png", "demo-case-manager", filtered_case_list, "en", 1200),
    ("nrm-search.png", "demo-frontline-responder", search_with_result, "en", 1200),
    ("nrm-anonymous.png", "demo-frontline-responder", "/nrm/cases/anonymous/new/", "en", 1200),
    ("nrm-case.png", "demo-frontline-responder", "/nrm/cases/{case}/", "en", 1200),
    ("nrm-screening.png", "demo-frontline-responder", "/nrm/cases/{case}/screenings/new/", "en", 1200),
    ("nrm-decide.png", "demo-investigator", "/nrm/cases/{decided_case}/decisions/new/", "en", 1200),
    ("nrm-consent.png", "demo-frontline-responder", "/nrm/cases/{case}/consent/add/", "en", 1200),
    ("nrm-inbox.png", "demo-case-worker", "/nrm/handovers/", "en", 1200),
    ("nrm-referral-answer.png", "demo-case-worker", "/nrm/handovers/{handover}/", "en", 1200),
    ("nrm-referral-create.png", "demo-frontline-responder", referral_being_created, "en", 1200),
    ("nrm-deadlines.png", "demo-frontline-responder", "/nrm/due/", "en", 1200),
    ("nrm-services.png", "demo-case-worker", "/nrm/services/", "en", 1200),
    ("nrm-assistance.png", "demo-case-worker", "/nrm/cases/{assisted_case}/assistance/", "en", 1200),
    ("nrm-summary.png", "demo-investigator", "/nrm/cases/{decided_case}/summary.pdf", "en", 1200),
    ("nrm-case-phone-pt.png", "demo-frontline-responder", "/nrm/cases/{case}/", "pt", 390),
    ("nrm-inbox-ru.png", "demo-case-worker", "/nrm/handovers/", "ru", 1200),
]
# fmt: on


def find_demo_records(env: dict[str, str]) -> Records:
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", FIND_DEMO_RECORDS],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
        check=True,
        capture_output=True,
        text=True,
    )
    records: Records = json.loads(result.stdout)
    return records


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def main() -> int:
    var_dir = Path(tempfile.mkdtemp(prefix="liaison-shots-"))
    env = {
        **os.environ,
        "LIAISON_VAR_DIR": str(var_dir),
        "LIAISON_OTP_POLICY": "off",
        "DJANGO_DEBUG": "true",
    }
    env.pop("DATABASE_URL", None)
    liaison = [sys.executable, "-m", "liaison.manage"]
    subprocess.run([*liaison, "migrate", "--no-input", "-v", "0"], env=env, check=True)  # noqa: S603
    subprocess.run([*liaison, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    password = (
        env.get("LIAISON_DEMO_PASSWORD")
        or subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from liaison.directory.demo import DEFAULT_PASSWORD; print(DEFAULT_PASSWORD)",
            ],
            env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    records = find_demo_records(env)
    port = free_port()
    server = subprocess.Popen([*liaison, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 - our own local server
                break
            except OSError:
                time.sleep(0.2)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for name, user, path, language, width in SHOTS:
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, locale=language
                )
                context.add_cookies([{"name": "django_language", "value": language, "url": base}])
                page = context.new_page()
                if user:
                    sign_in(page, base, user, password)
                if callable(path):
                    path(page, base, records)
                else:
                    page.goto(f"{base}{path.format(**records)}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / name), full_page=True)
                print(f"saved {OUT / name}")  # noqa: T201
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Take the user guide's screenshots from a running demo instance.

Usage: .venv/bin/python tools/screenshots.py   (needs Debian's chromium at /usr/bin/chromium)

It builds a throwaway demo database, starts the app on a free local port, signs in as demo
users through the real login form and saves PNGs under docs/user-guide/img/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
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

# (file name, demo user, path, language, viewport width)
SHOTS = [
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
]


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
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(OUT / name), full_page=True)
                print(f"saved {OUT / name}")  # noqa: T201
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``make run``: the web app and one task worker, side by side, until Ctrl-C.

Development only: production runs a WSGI server and ``liaison worker`` under a supervisor
(docs/operations.md).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys


def main() -> int:
    port = os.environ.get("PORT", "8000")
    liaison = [sys.executable, "-m", "liaison.manage"]
    worker = subprocess.Popen([*liaison, "worker"])  # noqa: S603 - our own command
    two_factor = os.environ.get("LIAISON_OTP_POLICY", "personal_data")
    print(  # noqa: T201
        f"\n  Liaison is running at http://127.0.0.1:{port}/  (Ctrl-C stops it)"
        f"\n  Two-factor authentication policy: {two_factor}\n",
        flush=True,
    )
    try:
        return subprocess.call([*liaison, "runserver", f"127.0.0.1:{port}", "--noreload"])  # noqa: S603
    except KeyboardInterrupt:
        return 0
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


if __name__ == "__main__":
    sys.exit(main())

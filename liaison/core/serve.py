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
    print(f"\n  Liaison is running at http://127.0.0.1:{port}/  (Ctrl-C stops it)\n", flush=True)  # noqa: T201
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

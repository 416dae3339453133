"""A progress bar for commands: services report ``progress(done, total)``, this draws it.

On a terminal the bar redraws one line in place; when stderr is a file or a pipe (cron, CI,
``| tee``) it writes a plain line now and then instead, so logs stay readable.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, TextIO


class ProgressBar:
    """A ``progress(done, total)`` callback that writes to ``stream`` (stderr by default)."""

    def __init__(
        self,
        label: str,
        *,
        stream: Any = None,
        width: int = 30,
        every_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # A command's self.stderr wraps the real stream and would end every write with a newline.
        target = stream if stream is not None else sys.stderr
        self.stream: TextIO = getattr(target, "_out", target)
        self.label = label
        self.width = width
        self.every_seconds = every_seconds
        self.clock = clock
        self.is_tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_line_at: float | None = None
        self._last_state: tuple[int, int] | None = None
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        state = (done, total)
        if state == self._last_state:
            return
        self._last_state = state
        if self.is_tty:
            self.stream.write("\r" + self.render(done, total))
            self._drawn = True
        else:
            now = self.clock()
            finished = total > 0 and done >= total
            due = self._last_line_at is None or now - self._last_line_at >= self.every_seconds
            if due or finished:
                self._last_line_at = now
                self.stream.write(self.render_line(done, total) + "\n")
        self.stream.flush()

    @staticmethod
    def percent(done: int, total: int) -> int:
        if total <= 0:
            return 100
        return max(0, min(100, done * 100 // total))

    def render(self, done: int, total: int) -> str:
        percent = self.percent(done, total)
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        return f"{self.label} [{bar}] {percent:3d}% {done}/{total}"

    def render_line(self, done: int, total: int) -> str:
        return f"{self.label}: {self.percent(done, total)}% ({done}/{total})"

    def close(self) -> None:
        """End the bar's line so the next output starts on a fresh one."""
        if self.is_tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

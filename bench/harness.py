"""Run comparisons, take medians, write the results.

A benchmark module (``bench/bench_<name>.py``) defines ``TITLE`` and ``comparisons(rows)``,
which prepares what it needs and returns a list of ``Comparison``. Each comparison times a
subject (Liaison's code) and a reference (the same work without the feature under test) in
alternating order, several times, in one process on one database; the ratio of the medians is
what to watch, because absolute times depend on the machine and on its neighbours.
"""

from __future__ import annotations

import datetime
import importlib
import json
import os
import pkgutil
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


@dataclass
class Comparison:
    name: str
    subject: str
    reference: str
    rows: int
    run_subject: Callable[[], object]
    run_reference: Callable[[], object]


@dataclass
class Outcome:
    name: str
    subject: str
    reference: str
    rows: int
    subject_runs_s: list[float] = field(default_factory=list)
    reference_runs_s: list[float] = field(default_factory=list)

    @property
    def subject_median_s(self) -> float:
        return statistics.median(self.subject_runs_s)

    @property
    def reference_median_s(self) -> float:
        return statistics.median(self.reference_runs_s)

    @property
    def ratio(self) -> float:
        return self.subject_median_s / self.reference_median_s

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            subject_median_s=self.subject_median_s,
            reference_median_s=self.reference_median_s,
            subject_per_row_us=1e6 * self.subject_median_s / self.rows,
            reference_per_row_us=1e6 * self.reference_median_s / self.rows,
            ratio=self.ratio,
        )
        return data


def discover(package: ModuleType, names: list[str] | None = None) -> dict[str, ModuleType]:
    found = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_"):
            continue
        name = info.name.removeprefix("bench_")
        if names and name not in names:
            continue
        found[name] = importlib.import_module(f"{package.__name__}.{info.name}")
    missing = set(names or []) - set(found)
    if missing:
        raise SystemExit(f"No benchmark named: {', '.join(sorted(missing))}")
    return found


def measure(comparison: Comparison, *, repeats: int) -> Outcome:
    outcome = Outcome(comparison.name, comparison.subject, comparison.reference, comparison.rows)
    comparison.run_subject()  # warm-up: imports, caches, prepared statements; not counted
    comparison.run_reference()
    for run in range(repeats):
        # Alternate who goes first, so drift on a shared machine favours neither side.
        pairs = [
            (comparison.run_subject, outcome.subject_runs_s),
            (comparison.run_reference, outcome.reference_runs_s),
        ]
        for work, times in pairs if run % 2 == 0 else reversed(pairs):
            started = time.perf_counter()
            work()
            times.append(time.perf_counter() - started)
    return outcome


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "sqlite": sqlite3.sqlite_version,
    }


def write_results(name: str, title: str, outcomes: list[Outcome], *, repeats: int) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{name}.json"
    document = {
        "benchmark": name,
        "title": title,
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "repeats": repeats,
        "machine": machine(),
        "comparisons": [outcome.as_dict() for outcome in outcomes],
    }
    path.write_text(json.dumps(document, indent=2) + "\n")
    return path


def report(name: str, title: str, outcomes: list[Outcome], *, repeats: int) -> str:
    lines = [f"{name}: {title} (median of {repeats} runs)"]
    header = f"  {'comparison':<22}{'subject':>24}{'reference':>24}{'ratio':>9}"
    lines.append(header)
    for outcome in outcomes:
        subject = _cell(outcome.subject_median_s, outcome.rows)
        reference = _cell(outcome.reference_median_s, outcome.rows)
        lines.append(f"  {outcome.name:<22}{subject:>24}{reference:>24}{outcome.ratio:>8.2f}x")
    for outcome in outcomes:
        lines.append(
            f"  {outcome.name}: {outcome.subject} / {outcome.reference}, {outcome.rows} items per run"
        )
    return "\n".join(lines)


def _cell(seconds: float, rows: int) -> str:
    return f"{seconds * 1000:.1f} ms ({1e6 * seconds / rows:.0f} us/item)"


def create_table(model: Any) -> None:
    """Create the table of a reference model that lives only in this process."""
    from django.db import connection

    with connection.schema_editor() as editor:
        editor.create_model(model)

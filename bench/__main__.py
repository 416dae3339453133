"""``python -m bench [name ...]``: run the benchmarks on a throwaway SQLite database.

The database, the development keys and the secrets file are created in a temporary directory
and removed afterwards, so a run never touches the instance's own data.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--rows", type=int, default=2000, help="rows per timed run (default 2000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per side (default 7)")
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary database and print its path"
    )
    args = parser.parse_args(argv)
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    return args


def prepare_django(workdir: str) -> None:
    # Set before Django reads its settings: the test settings only fill these in when absent.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["LIAISON_VAR_DIR"] = workdir
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    for name in (
        "DJANGO_SECRET_KEY",
        "LIAISON_FIELD_KEYS",
        "LIAISON_BLIND_INDEX_KEYS",
        "LIAISON_ENV",
    ):
        os.environ.pop(name, None)  # fresh development keys, never the instance's own

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="liaison-bench-")
    try:
        prepare_django(workdir)
        import bench
        from bench import harness

        for name, module in harness.discover(bench, args.names).items():
            outcomes = [
                harness.measure(c, repeats=args.repeat) for c in module.comparisons(args.rows)
            ]
            print(harness.report(name, module.TITLE, outcomes, repeats=args.repeat))
            path = harness.write_results(name, module.TITLE, outcomes, repeats=args.repeat)
            print(f"  written to {path}\n", flush=True)
    finally:
        if args.keep:
            print(f"database kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Benchmarks: each ``bench_<name>.py`` module compares a piece of Liaison with a reference
measured in the same run, and ``python -m bench`` (``make bench``) reports the ratios."""

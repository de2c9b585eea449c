"""Benchmarks: one directory each, run by its `run` script (see README.md)."""

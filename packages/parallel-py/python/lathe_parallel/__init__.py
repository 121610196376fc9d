"""Lathe's parallel job driver (Azure ML's parallel run step contract), run by `python -m lathe_parallel`."""

"""Benchmark scenarios; each module has ``run(database, work, quick) -> list[Row]``."""

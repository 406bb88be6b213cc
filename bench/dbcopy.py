"""A throwaway copy of a seeded database, so every repetition closes the same open round.

Seeding a million ballots takes far longer than copying them: SQLite copies the file,
PostgreSQL creates the copy with ``CREATE DATABASE … TEMPLATE`` (no one may be connected to the
original meanwhile; the bench's seed and workers are separate processes that have exited).
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from bench.servers import postgres_database


@contextmanager
def copy_of(database_url: str) -> Iterator[str]:
    """The URL of a copy of ``database_url``, dropped when the block ends."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        source = Path(url.database or "")
        target = source.with_name(f"{source.stem}-copy-{uuid.uuid4().hex[:6]}.db")
        for suffix in ("", "-wal"):
            if Path(f"{source}{suffix}").exists():
                shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
        try:
            yield url.set(database=str(target)).render_as_string(hide_password=False)
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
        return
    name = f"{url.database}_copy_{uuid.uuid4().hex[:6]}"
    server = url.set(database="postgres")  # nobody may be connected to the template
    with postgres_database(server, name, template=url.database or "") as copy:
        yield copy

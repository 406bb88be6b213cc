"""SQLite writers queue for a file lock before BEGIN IMMEDIATE (``app.writer_queue``): they take
turns, readers never queue, the lock goes with COMMIT, ROLLBACK, close and a killed process, and
nothing waits for itself or forever."""

from __future__ import annotations

import fcntl
import gc
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app import create_app, writer_queue
from app.db import read_only
from app.extensions import db
from tests.conftest import make_config


@pytest.fixture
def engine(tmp_path: Path):
    app = create_app(make_config(f"sqlite:///{tmp_path / 'queue.db'}", tmp_path))
    with app.app_context():
        yield db.engine
        db.engine.dispose()


def _lock_file(engine) -> str:
    return writer_queue.lock_path_for(engine.url.database)


def _free(path: str) -> bool:
    """Whether another handle could take the file lock now."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_file_databases_get_queued_connections_and_memory_ones_none(engine):
    with engine.connect() as conn:
        assert isinstance(conn.connection.dbapi_connection, writer_queue.QueuedConnection)
    assert _lock_file(engine).endswith("queue.db-writers.lock")
    assert writer_queue.lock_path_for(":memory:") is None
    assert writer_queue.lock_path_for(None) is None


def test_writers_take_turns_and_readers_do_not_queue(engine):
    order: list[str] = []
    first_in = threading.Event()

    def first() -> None:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (n INTEGER)"))
            first_in.set()
            time.sleep(0.3)
            order.append("first commits")

    def second() -> None:
        first_in.wait(5)
        with engine.begin() as conn:
            order.append("second begins")
            conn.execute(text("INSERT INTO t VALUES (2)"))

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_in.wait(5)
    with read_only(), engine.connect() as reader:  # a reader passes the writer at once
        started = time.monotonic()
        reader.execute(text("SELECT 1"))
        assert time.monotonic() - started < 0.2 and not order
        reader.rollback()
    for thread in threads:
        thread.join(10)
    assert order == ["first commits", "second begins"]
    assert _free(_lock_file(engine))


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_the_lock_goes_when_the_transaction_ends(engine, end):
    conn = engine.connect()
    conn.begin()
    conn.execute(text("SELECT 1"))
    assert not _free(_lock_file(engine))
    if end == "close":
        conn.close()
    else:
        getattr(conn, end)()
        assert _free(_lock_file(engine))
        conn.close()
    assert _free(_lock_file(engine))


def test_a_thread_never_waits_for_its_own_lock(engine):
    """A second writer in the same thread leaves the wait to SQLite (which refuses or waits
    for the busy timeout) instead of waiting on the file for ever."""
    with engine.connect() as holding:
        holding.begin()
        holding.execute(text("SELECT 1"))
        second = engine.raw_connection()
        try:
            started = time.monotonic()
            second.dbapi_connection.wait_turn()
            assert time.monotonic() - started < 0.1
            assert second.dbapi_connection._holder is None  # queued nowhere, holds nothing
        finally:
            second.close()
        holding.rollback()


def test_a_connection_dropped_without_close_frees_the_lock(engine):
    with engine.connect():
        pass
    path = _lock_file(engine)
    dropped = writer_queue.QueuedConnection(":memory:")
    dropped.join_queue(path)
    dropped.wait_turn()
    assert not _free(path)
    del dropped
    gc.collect()
    assert _free(path) and not writer_queue._HELD  # nor does this thread count as holding it


def test_a_killed_holder_frees_the_lock(engine):
    path = _lock_file(engine)
    with engine.connect():
        pass  # the lock file exists once a connection was made
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, os, sys, time\n"
         "fd = os.open(sys.argv[1], os.O_RDWR)\n"
         "fcntl.flock(fd, fcntl.LOCK_EX)\n"
         "print('held', flush=True)\n"
         "time.sleep(60)\n", path],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not _free(path)
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(10)
        with engine.begin() as conn:  # no wait: the kernel dropped the dead process's lock
            conn.execute(text("SELECT 1"))
    finally:
        holder.kill()
        holder.wait(10)


def test_a_stuck_holder_is_waited_for_only_so_long(engine, monkeypatch):
    monkeypatch.setattr(writer_queue, "WAIT_SECONDS", 0.3)
    path = _lock_file(engine)
    with engine.connect():
        pass  # the lock file exists once a connection was made
    stuck = os.open(path, os.O_RDWR)
    fcntl.flock(stuck, fcntl.LOCK_EX)
    try:
        started = time.monotonic()
        with engine.begin() as conn:  # SQLite itself is free: the write goes ahead
            conn.execute(text("SELECT 1"))
        assert 0.25 < time.monotonic() - started < 5
    finally:
        os.close(stuck)

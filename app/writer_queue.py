"""SQLite writers queue for a file lock in the kernel, not in SQLite's busy handler.

SQLite lets one writer in at a time. A writer that finds the write lock taken sleeps in SQLite's
busy handler, 1, 2, 5, 10, 15, 20, 25 … up to 100 ms between tries, and a newcomer may take the
lock meanwhile: with eight parallel check-ins of 2 ms each, the slowest 1 % waited 240 ms. Here a
write transaction first takes an exclusive ``flock`` on a file beside the database; a waiter
wakes the moment it is released, at COMMIT or ROLLBACK, or by the kernel when a process dies.
SQLite's own lock still decides who writes; the file only keeps the queue short.

A thread that already holds the file lock through another connection does not queue again
(it would wait for itself): its second writer meets SQLite's busy handler as before. A waiter
gives up on the file after ``WAIT_SECONDS`` and leaves the rest to SQLite's busy timeout.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
import weakref
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows: there SQLite's busy handler alone decides
    fcntl = None  # type: ignore[assignment]

#: How long to wait for the file before leaving the wait to SQLite (its busy_timeout is 30 s)
WAIT_SECONDS = 30.0
_HELD: set[tuple[str, int]] = set()  # (lock file, thread) pairs holding it in this process
_HELD_GUARD = threading.Lock()


class QueuedConnection(sqlite3.Connection):
    """A pysqlite connection that joins the writers' queue before a write transaction and
    leaves it when the transaction ends."""

    lock_path: str | None = None
    _fd: int | None = None
    _state: dict[str, Any] | None = None  # {"holder": (lock file, thread) or None}

    @property
    def _holder(self) -> tuple[str, int] | None:
        return self._state["holder"] if self._state else None

    @_holder.setter
    def _holder(self, value: tuple[str, int] | None) -> None:
        if self._state is not None:
            self._state["holder"] = value

    def join_queue(self, path: str) -> None:
        """Open this connection's own handle on the lock file (a flock conflicts between
        handles, so two connections of one process queue like two processes)."""
        if fcntl is None:
            return
        self.lock_path = path
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        self._state = {"holder": None}
        # a connection dropped without close() must not keep the lock until the process ends
        self._closer = weakref.finalize(self, _drop, self._fd, self._state)

    def wait_turn(self) -> None:
        """Block until this connection may begin a write transaction (see the module)."""
        if self._fd is None or self._holder is not None:
            return
        holder = (self.lock_path or "", threading.get_ident())
        with _HELD_GUARD:
            if holder in _HELD:
                return  # this thread writes through another connection: never wait for itself
        if not _flock(self._fd):
            return
        with _HELD_GUARD:
            _HELD.add(holder)
        self._holder = holder

    def leave_queue(self) -> None:
        if self._holder is None or self._fd is None:
            return
        with _HELD_GUARD:
            _HELD.discard(self._holder)
        self._holder = None
        fcntl.flock(self._fd, fcntl.LOCK_UN)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.leave_queue()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.leave_queue()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.leave_queue()
            if self._fd is not None:
                self._closer()
                self._fd = None


def _drop(fd: int, state: dict[str, Any]) -> None:
    """Close a dropped connection's lock handle (which frees the lock) and forget its turn."""
    with _HELD_GUARD:
        _HELD.discard(state["holder"])
    state["holder"] = None
    os.close(fd)


def _flock(fd: int) -> bool:
    """Take the file lock: at once if free, else blocking in the kernel's queue; False if it
    stayed taken for ``WAIT_SECONDS`` (checked in slices, so a stuck holder cannot hang us)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        pass
    deadline = time.monotonic() + WAIT_SECONDS
    pause = 0.0002
    while time.monotonic() < deadline:
        time.sleep(pause)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pause = min(pause * 2, 0.002)
    return False


def lock_path_for(database: str | None) -> str | None:
    """The lock file beside a database file; None for in-memory databases."""
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        return None
    return os.path.abspath(database) + "-writers.lock"


def use_queue(cparams: dict[str, Any]) -> None:
    """Make pysqlite create ``QueuedConnection`` objects (a ``do_connect`` hook)."""
    cparams.setdefault("factory", QueuedConnection)

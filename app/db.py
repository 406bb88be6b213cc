"""The declarative base, column types and engine tuning shared by every area."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from flask import has_request_context, request
from sqlalchemy import DateTime, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from app import writer_queue

#: Constraint names are the same on SQLite and PostgreSQL, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite has no time zones and SQLAlchemy drops tzinfo there; this keeps both engines alike.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; pass a timezone-aware value")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_READ_ONLY: ContextVar[bool] = ContextVar("teilhabe_read_only", default=False)


@contextmanager
def read_only() -> Iterator[None]:
    """Transactions begun inside only read: on SQLite they do not take the write lock.

    For slow work outside requests that reads first and writes later in a separate short
    transaction (building a mail with its PDF, say), so writers are not kept waiting.
    """
    token = _READ_ONLY.set(True)
    try:
        yield
    finally:
        _READ_ONLY.reset(token)


def _writes_expected() -> bool:
    """Requests that may write take SQLite's write lock at BEGIN; pure reads do not."""
    if _READ_ONLY.get():
        return False
    if has_request_context():
        return request.method not in {"GET", "HEAD", "OPTIONS"}
    return True


def tune_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, a busy timeout and explicit BEGIN for SQLite connections.

    pysqlite's own transaction handling breaks SAVEPOINT and lets two writers deadlock on the
    lock upgrade; SQLAlchemy's SQLite dialect docs give this workaround. Writing requests begin
    with BEGIN IMMEDIATE, so concurrent writers queue instead of failing: first for a file lock
    (``app.writer_queue``), then, rarely, behind ``busy_timeout``.
    """
    if engine.dialect.name != "sqlite":
        return

    lock_path = writer_queue.lock_path_for(engine.url.database)

    @event.listens_for(engine, "do_connect")
    def _on_do_connect(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> None:
        if lock_path:
            writer_queue.use_queue(cparams)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        if lock_path and isinstance(dbapi_connection, writer_queue.QueuedConnection):
            dbapi_connection.join_queue(lock_path)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if not _writes_expected():
            connection.exec_driver_sql("BEGIN")
            return
        dbapi_connection = connection.connection.dbapi_connection
        queued = isinstance(dbapi_connection, writer_queue.QueuedConnection)
        if queued:
            dbapi_connection.wait_turn()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            if queued:
                dbapi_connection.leave_queue()
            raise


def render_migration_type(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    """Write UTCDateTime into migrations as a plain ``sa.DateTime(timezone=True)``.

    Migrations then never import app code, which may change after they were written.
    """
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False

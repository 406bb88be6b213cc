"""Write many rows in one go: PostgreSQL ``COPY`` through psycopg, the driver's ``executemany``.

For the few places that rewrite a whole round (``elections.sealing``): row by row through the
ORM, or even Core ``executemany`` on PostgreSQL, a million rows take minutes, and SQLAlchemy's
per-row parameter handling costs more than SQLite's own work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import islice
from typing import Any

from sqlalchemy import JSON, Connection, Executable, Table

#: Rows per ``executemany`` on SQLite, so a generator of rows is never held whole
CHUNK = 50_000


def insert_rows(
    connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """Insert ``rows`` (values in ``columns`` order) into ``table``; returns how many.

    Values of JSON columns are their JSON text, written as it is: rows read back with
    ``CAST(… AS TEXT)`` are rewritten unchanged, with nothing decoded and encoded again.
    Runs on the connection's transaction. Every NOT NULL column without a server default must
    be among ``columns``: COPY applies no Python-side defaults.
    """
    if connection.dialect.name == "postgresql":
        return _copy(connection, table, columns, rows)
    dialect = connection.dialect
    convert = [
        None
        if _is_json(table, c)
        else table.c[c].type.dialect_impl(dialect).bind_processor(dialect)
        for c in columns
    ]
    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(columns))})'
    total = 0
    iterator = iter(rows)
    while chunk := list(islice(iterator, CHUNK)):
        if any(convert):
            chunk = [
                tuple(f(v) if f else v for f, v in zip(convert, row, strict=True)) for row in chunk
            ]
        connection.exec_driver_sql(sql, chunk)  # executemany, no per-row work in SQLAlchemy
        total += len(chunk)
    return total


def _copy(
    connection: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """``COPY table (columns) FROM STDIN`` (text format: a JSON column takes its text)."""
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    total = 0
    with cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
            total += 1
    return total


def _is_json(table: Table, column: str) -> bool:
    return isinstance(table.c[column].type, JSON)


def execute_many(
    connection: Connection, statement: Executable, rows: Sequence[Mapping[str, Any]]
) -> None:
    """Run ``statement`` once per mapping in ``rows`` with the driver's ``executemany``.

    The statement is compiled once and the values go to the driver as they are, so they must be
    plain values it takes (ints, strings), and the statement must bind nothing else.
    """
    compiled = statement.compile(dialect=connection.dialect)
    if compiled.positional:
        names = compiled.positiontup or []
        params: list[Any] = [tuple(row[name] for name in names) for row in rows]
    else:
        params = list(rows)
    if params:
        connection.exec_driver_sql(str(compiled), params)

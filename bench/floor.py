"""The floor: one lookup and one insert in one transaction, behind plain Flask + SQLAlchemy.

Run by gunicorn as ``bench.floor:create_floor()``; the database comes from ``FLOOR_DATABASE_URL``.
The floor's own tables are made with ``create_all`` (it is not the app and has no migrations).
"""

from __future__ import annotations

import os

from flask import Flask, jsonify, request
from sqlalchemy import ForeignKey, String, UniqueConstraint, create_engine, event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class FloorTicket(Base):
    __tablename__ = "floor_tickets"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class FloorScan(Base):
    __tablename__ = "floor_scans"
    __table_args__ = (UniqueConstraint("ticket_id", "checkpoint"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("floor_tickets.id"))
    checkpoint: Mapped[int] = mapped_column()


def engine_for(url: str):  # noqa: ANN201
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _connect(conn, _record):  # noqa: ANN001, ANN202
            conn.isolation_level = None
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA synchronous=NORMAL")

        @event.listens_for(engine, "begin")
        def _begin(conn):  # noqa: ANN001, ANN202
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def seed(url: str, count: int) -> list[str]:
    """Create the floor's tables with ``count`` tickets; returns their codes."""
    engine = engine_for(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    codes = [f"FLOOR{n:08d}" for n in range(count)]
    with Session(engine) as session, session.begin():
        session.add_all(FloorTicket(code=c, name=f"Person {i}") for i, c in enumerate(codes))
    engine.dispose()
    return codes


def create_floor() -> Flask:
    app = Flask(__name__)
    engine = engine_for(os.environ["FLOOR_DATABASE_URL"])

    @app.post("/scan")
    def scan():  # noqa: ANN202
        data = request.get_json(silent=True) or {}
        with Session(engine) as session, session.begin():
            ticket = session.scalar(
                select(FloorTicket).where(FloorTicket.code == data.get("ticket"))
            )
            if ticket is None:
                return jsonify({"status": "unknown"}), 404
            try:
                with session.begin_nested():
                    session.add(
                        FloorScan(ticket_id=ticket.id, checkpoint=int(data.get("checkpoint", 1)))
                    )
            except IntegrityError:
                return jsonify({"status": "already_checked_in", "name": ticket.name}), 200
            return jsonify({"status": "ok", "name": ticket.name}), 200

    @app.get("/healthz")
    def health():  # noqa: ANN202
        return jsonify({"status": "ok"})

    return app

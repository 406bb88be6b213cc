"""Shared fixtures: every database test runs on a real SQLite file and, when
``TEST_DATABASE_URL`` is set, on a real PostgreSQL database of its own.

The schema always comes from the migrations (never ``create_all``): a template database is
migrated once per run and per engine, then each test gets a copy (SQLite) or a truncated
database (PostgreSQL).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

from app import create_app
from app.auth.models import Role, User
from app.extensions import db

PG_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
TEST_SECRET = "test-secret-key-" + "x" * 32
PASSWORD = "correct horse battery"


def _psycopg_url(raw: str) -> URL:
    url = make_url(raw)
    return url.set(drivername="postgresql+psycopg")


def make_config(database_url: str, tmp_path: Path, **extra: Any) -> dict[str, Any]:
    """The configuration every test app starts from."""
    return {
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "MAIL_SERVER": "",
        "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"),
        "BASE_URL": "http://127.0.0.1",
        **extra,
    }


def _migrate(url: str, tmp_path: Path) -> None:
    from flask_migrate import upgrade

    app = create_app(make_config(url, tmp_path))
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.db"
    _migrate(f"sqlite:///{path}", folder)
    return path


@pytest.fixture(scope="session")
def _postgres_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of this run's own, so parallel runs on one server never collide."""
    admin_url = _psycopg_url(PG_URL)
    name = f"teilhabe_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    _migrate(url, tmp_path_factory.mktemp("pg"))
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        tables = [t for t in inspect(conn).get_table_names() if t != "alembic_version"]
        if tables:
            conn.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database on each engine under test."""
    if request.param == "sqlite":
        path = tmp_path / "teilhabe.db"
        shutil.copy(request.getfixturevalue("_sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("_postgres_database")
        yield url
        _truncate_all(url)


@pytest.fixture
def backend(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


@pytest.fixture
def app_config(database_url: str, tmp_path: Path) -> dict[str, Any]:
    """Override in a test module to change settings (e.g. enable CSRF)."""
    return make_config(database_url, tmp_path)


@pytest.fixture
def app(app_config: dict[str, Any]) -> Iterator[Flask]:
    app = create_app(app_config)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The app under test served on a free loopback port in a thread."""
    import threading

    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def ctx(app: Flask) -> Iterator[Flask]:
    """An application context for tests that call services directly."""
    with app.app_context():
        yield app
        db.session.rollback()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def create_user(app: Flask) -> Callable[..., int]:
    """Factory: make a committed staff account and return its id."""
    counter = iter(range(1, 10_000))

    def make(
        *roles: Role,
        email: str | None = None,
        name: str = "Test User",
        password: str = PASSWORD,
        active: bool = True,
    ) -> int:
        from app.auth import services

        with app.app_context():
            user = services.create_user(
                email or f"user{next(counter)}@example.org", name, password, set(roles)
            )
            user.is_active_account = active
            db.session.commit()
            return user.id

    return make


def log_in(client: FlaskClient, user_id: int) -> None:
    """Act as ``user_id`` in the next requests, as Flask-Login would after a login."""
    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True


@pytest.fixture
def login(client: FlaskClient, create_user: Callable[..., int]) -> Callable[..., int]:
    """Factory: log ``client`` in as a new account with ``roles``; returns the account id."""

    def as_roles(*roles: Role) -> int:
        user_id = create_user(*roles)
        log_in(client, user_id)
        return user_id

    return as_roles


def get_user(app: Flask, user_id: int) -> User:
    with app.app_context():
        return db.session.get(User, user_id)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the translation catalogs, as the install step does, so tests see real text."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, str(root / "scripts" / "i18n.py"), "compile"],
        check=True,
        cwd=root,
        capture_output=True,
    )

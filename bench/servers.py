"""Start the app or the floor under gunicorn on a free loopback port, with the same settings."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "--workers",
    "2",
    "--threads",
    "4",
    "--worker-class",
    "gthread",
    "--log-level",
    "warning",
    "--timeout",
    "120",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_environment(database_url: str, instance: Path) -> dict[str, str]:
    """The app as a deployment would run it, minus HTTPS (loopback) and rate limits (load)."""
    return {
        **os.environ,
        "TEILHABE_ENV": "development",
        "TEILHABE_INSTANCE": str(instance),
        "SECRET_KEY": "bench-" + "k" * 40,
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": "0",
        "MAIL_OUTBOX_DIR": str(instance / "outbox"),
    }


def migrate(database_url: str, instance: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
        cwd=ROOT,
        env=app_environment(database_url, instance),
        check=True,
        capture_output=True,
    )


@contextmanager
def serve(kind: str, database_url: str, instance: Path) -> Iterator[str]:
    """Run ``kind`` ("app" or "floor") until the block ends; yields its base URL."""
    port = free_port()
    if kind == "app":
        target, env = "wsgi:app", app_environment(database_url, instance)
    else:
        target, env = (
            "bench.floor:create_floor()",
            {**os.environ, "FLOOR_DATABASE_URL": database_url},
        )
    process = subprocess.Popen(
        [*GUNICORN, "--bind", f"127.0.0.1:{port}", target],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not come up")


@contextmanager
def database(engine: str, folder: Path, name: str) -> Iterator[str]:
    """A fresh database on ``engine`` ("sqlite" or "postgresql"), dropped afterwards."""
    if engine == "sqlite":
        path = folder / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    server = make_url(postgres_server_url()).set(drivername="postgresql+psycopg")
    with postgres_database(server, f"teilhabe_bench_{name}_{uuid.uuid4().hex[:6]}") as url:
        yield url


@contextmanager
def postgres_database(server: URL, name: str, template: str = "template0") -> Iterator[str]:
    """Database ``name`` on ``server``, created from ``template``, dropped when the block ends.

    The commands go through ``server``'s own database, which must not be ``template``.
    """
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(
                text(f"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\" ENCODING 'UTF8'")
            )
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


def postgres_server_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL") or os.environ.get("BENCH_DATABASE_URL")
    if url:
        return url
    return subprocess.run(
        [str(ROOT / "scripts" / "ensure_postgres.sh")], check=True, capture_output=True, text=True
    ).stdout.strip()


def demo_seed(database_url: str, instance: Path) -> dict:
    """Load the demo data; returns the demo logins and ids the scenarios need."""
    env = app_environment(database_url, instance)
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "demo", "seed"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    logins = {}
    for line in (instance / "demo-logins.txt").read_text().splitlines():
        email, password = line.split(" ", 1)
        logins[email.split("@")[0]] = (email, password)
    return {"logins": logins}


def login_cookies(base: str, seeded: dict, role: str) -> list[dict]:
    """Log in through the real form and return the session cookie for a browser context."""
    import http.cookiejar
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login").read().decode()
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    email, password = seeded["logins"][role]
    opener.open(
        base + "/login",
        urllib.parse.urlencode(
            {"email": email, "password": password, "csrf_token": token}
        ).encode(),
    )
    return [{"name": c.name, "value": c.value, "url": base} for c in jar]

"""Fault drills: the real app under gunicorn, a PostgreSQL cluster of the drill's own."""

from __future__ import annotations

import http.cookiejar
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench import servers as bench_servers
from bench.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Cluster:
    """A throwaway PostgreSQL cluster that a drill may stop and start at will."""

    version: str
    name: str
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, action: str) -> None:
        subprocess.run(
            [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                self.version,
                self.name,
                action,
                "--",
                "-m",
                "fast",
            ]
            if action == "stop"
            else ["pg_ctlcluster", "--skip-systemctl-redirect", self.version, self.name, action],
            check=True,
            capture_output=True,
        )


@pytest.fixture
def own_postgres() -> Iterator[Cluster]:
    if os.geteuid() != 0 or shutil.which("pg_createcluster") is None:
        pytest.fail("the database drill needs root and Debian's postgresql-common (CI has both)")
    version = sorted(os.listdir("/usr/lib/postgresql"), key=float)[-1]
    cluster = Cluster(version, f"drill_{uuid.uuid4().hex[:8]}", free_port())
    subprocess.run(
        [
            "pg_createcluster",
            version,
            cluster.name,
            "-p",
            str(cluster.port),
            "--start-conf=manual",
            "-o",
            "fsync=off",
            "--",
            "-A",
            "trust",
        ],
        check=True,
        capture_output=True,
    )
    cluster.ctl("start")
    try:
        yield cluster
    finally:
        subprocess.run(["pg_dropcluster", "--stop", version, cluster.name], capture_output=True)


@dataclass
class Server:
    """The app under gunicorn; ``request`` returns (status, body) and never raises."""

    base: str
    process: subprocess.Popen

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def csrf_token(self, path: str) -> str:
        """Open a form page (keeping its session cookie) and return the form's CSRF token."""
        status, body = self.request(path)
        assert status == 200, body[:300]
        return body.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]

    def request(self, path: str, data: bytes | None = None) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, data=data, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError as error:
            return 0, str(error)


@pytest.fixture
def gunicorn(tmp_path: Path):  # noqa: ANN201
    """Factory: migrate ``database_url`` and serve the app on it with 2 workers."""
    servers: list[Server] = []

    def start(database_url: str, workers: int = 2, env: dict[str, str] | None = None) -> Server:
        bench_servers.migrate(database_url, tmp_path)
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
                "wsgi:app",
            ],
            cwd=ROOT,
            env={**bench_servers.app_environment(database_url, tmp_path), **(env or {})},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        server = Server(f"http://127.0.0.1:{port}", process)
        servers.append(server)
        bench_servers.wait_until_up(server.base + "/healthz", process)
        return server

    yield start
    for server in servers:
        server.process.terminate()
        server.process.wait(10)


@pytest.fixture(params=["sqlite", "postgresql"])
def drill_database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database for a drill: an SQLite file, or the drill's own PostgreSQL cluster."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'drill.db'}"
    return request.getfixturevalue("own_postgres").url


@pytest.fixture
def seeded(tmp_path: Path):  # noqa: ANN201
    """Call a ``bench.seed`` function (in-process) and restore the environment it sets."""

    def call(function, database_url: str, *args):  # noqa: ANN001, ANN202
        saved = dict(os.environ)
        try:
            return function(database_url, tmp_path, *args)
        finally:
            os.environ.clear()
            os.environ.update(saved)

    return call


def worker_pids(master_pid: int) -> list[int]:
    """The gunicorn master's children (its workers), read from /proc."""
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            children.append(int(entry))
    return children

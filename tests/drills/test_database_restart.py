"""Drill: PostgreSQL restarts under the running app. While it is down the app answers 503
(never a stack trace); afterwards it recovers by itself, without restarting the app."""

from __future__ import annotations

import time
import urllib.parse


def login_attempt(server) -> tuple[int, str]:  # noqa: ANN001
    """A form post that needs the database (the account lookup)."""
    token = server.csrf_token("/login")
    data = {"email": "a@example.org", "password": "x", "csrf_token": token}
    return server.request("/login", urllib.parse.urlencode(data).encode())


def test_app_answers_503_while_database_is_down_and_recovers(own_postgres, gunicorn) -> None:
    server = gunicorn(own_postgres.url)
    assert server.request("/healthz")[0] == 200
    assert login_attempt(server)[0] == 200

    own_postgres.ctl("stop")
    for _ in range(3):  # every worker, every pooled connection: clear answers
        status, body = server.request("/healthz")
        assert status == 503
        status, body = login_attempt(server)
        assert status == 503, body[:500]
        assert "Traceback" not in body and "psycopg" not in body

    own_postgres.ctl("start")
    deadline = time.monotonic() + 20
    while server.request("/healthz")[0] != 200:
        assert time.monotonic() < deadline, "the app did not reconnect"
        time.sleep(0.3)
    for _ in range(4):
        assert login_attempt(server)[0] == 200

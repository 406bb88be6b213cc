"""Drill: the SMTP server goes away while people register.

A real SMTP server (aiosmtpd) on loopback; the app under gunicorn sends to it. The server
stops, registrations keep being accepted (201), their failed first attempts are recorded; the
server comes back on the same port, delivery runs (the cron command, and two deliverers at
once after the retry pause): every confirmation arrives exactly once.
"""

from __future__ import annotations

import email
import email.policy
import json
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import create_engine, text

from bench import seed as bench_seed
from bench.servers import app_environment, free_port
from tests.drills.conftest import ROOT
from tests.events.conftest import Collect

PEOPLE = 8


class Smtp:
    """An aiosmtpd server that can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = Collect()
        self.controller: Controller | None = None

    @property
    def inbox(self) -> list[email.message.EmailMessage]:
        return self.handler.messages

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp()
    server.start()
    yield server
    server.stop()


def register(base: str, event_id: int, i: int) -> int:
    body = {"name": f"Person {i}", "email": f"person{i}@example.org", "consent": True}
    request = urllib.request.Request(
        f"{base}/api/v1/events/{event_id}/registrations",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def outbox_rows(url: str) -> list[tuple]:
    if url.startswith("postgresql://"):
        url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return list(
                conn.execute(
                    text("SELECT recipient, status, attempts FROM outbox_messages ORDER BY id")
                )
            )
    finally:
        engine.dispose()


def wait_for(condition, seconds: float, what: str) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


DELIVER_LATER = """
from datetime import timedelta
from app import create_app
from app.db import utcnow
from app.mail import outbox
app = create_app()
with app.app_context():
    print(outbox.deliver_due(now=utcnow() + timedelta(minutes=2)))
"""


def test_registrations_survive_smtp_outage_and_mails_arrive_once(
    drill_database, gunicorn, seeded, smtp, tmp_path
) -> None:
    started = time.monotonic()
    url = drill_database
    mail_env = {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(smtp.port), "MAIL_USE_TLS": "0"}
    server = gunicorn(url, env=mail_env)
    event_id = seeded(bench_seed.registration_event, url, 100)

    # SMTP up: the confirmation goes out right after the request
    assert register(server.base, event_id, 0) == 201
    wait_for(lambda: len(smtp.inbox) == 1, 15, "the first confirmation did not arrive")

    # SMTP down: registrations still succeed, each first attempt fails and is recorded
    smtp.stop()
    for i in range(1, PEOPLE + 1):
        assert register(server.base, event_id, i) == 201
    wait_for(
        lambda: all(a >= 1 for _, _, a in outbox_rows(url)),
        20,
        "the after-commit delivery attempts did not run",
    )
    rows = outbox_rows(url)
    assert len(rows) == PEOPLE + 1
    assert sum(status == "pending" for _, status, _ in rows) == PEOPLE

    # SMTP back on the same port. The cron command respects the retry pause…
    smtp.start()
    env = {**app_environment(url, tmp_path), **mail_env}
    cron = [sys.executable, "-m", "flask", "--app", "wsgi", "mail", "deliver"]
    run = subprocess.run(cron, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "0 sent" in run.stdout, run.stdout + run.stderr[-2000:]
    # …and after it two deliverers run at once (cron overlapping a slow run), then cron again
    both = [
        subprocess.Popen(
            [sys.executable, "-c", DELIVER_LATER],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60) for p in both]
    assert all(p.returncode == 0 for p in both), [err[-2000:] for _, err in outputs]
    assert sum(int(out.split()[-1]) for out, _ in outputs) == PEOPLE, outputs
    run = subprocess.run(cron, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "0 sent" in run.stdout, run.stdout

    time.sleep(0.5)
    received = Counter(m["To"] for m in smtp.inbox)
    expected = {f"person{i}@example.org" for i in range(PEOPLE + 1)}
    assert set(received) == expected, f"lost: {expected - set(received)}"
    assert all(n == 1 for n in received.values()), f"sent twice: {received}"
    assert all(status == "sent" for _, status, _ in outbox_rows(url))
    print(
        f"\n{url.split(':')[0]}: {PEOPLE + 1} mails once each, {time.monotonic() - started:.1f} s"
    )




@pytest.fixture
def tarpit() -> Iterator[int]:
    """A 'mail server' that accepts connections and never says a word (a dead relay, a
    firewall that swallows packets after the handshake)."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(50)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
                held.append(conn)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    listener.close()


def test_registrations_stay_fast_while_smtp_hangs(
    drill_database, gunicorn, seeded, tarpit
) -> None:
    url = drill_database
    server = gunicorn(
        url, env={"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(tarpit), "MAIL_USE_TLS": "0"}
    )
    event_id = seeded(bench_seed.registration_event, url, 100)
    slowest = 0.0
    for i in range(3):
        begin = time.monotonic()
        assert register(server.base, event_id, i) == 201
        slowest = max(slowest, time.monotonic() - begin)
        time.sleep(0.5)  # the previous request's delivery thread is now waiting for SMTP
    assert slowest < 5, f"a registration took {slowest:.1f} s while SMTP hung"


class SlowCollect(Collect):
    """Accepts each mail after a pause, so a deliverer can be killed between two mails."""

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802
        import asyncio

        await asyncio.sleep(0.4)
        return await super().handle_DATA(server, session, envelope)


DELIVER_AFTER_LEASE = """
from app import create_app
from app.db import utcnow
from app.mail import outbox
app = create_app()
with app.app_context():
    print(outbox.deliver_due(now=utcnow() + outbox.LEASE + outbox.BACKOFF[0]))
"""


def test_killed_deliverer_sends_at_most_the_mail_in_flight_again(
    drill_database, seeded, tmp_path
) -> None:
    import os
    import signal

    from bench.servers import migrate

    url = drill_database
    migrate(url, tmp_path)
    event_id = seeded(bench_seed.registration_event, url, 100)
    people = 6
    queue_registrations(url, tmp_path, event_id, people)

    handler = SlowCollect()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = {
            **app_environment(url, tmp_path),
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(port),
            "MAIL_USE_TLS": "0",
        }
        cron = [sys.executable, "-m", "flask", "--app", "wsgi", "mail", "deliver"]
        first = subprocess.Popen(
            cron, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_for(lambda: len(handler.messages) >= 2, 30, "the first mails did not arrive")
        finally:
            os.kill(first.pid, signal.SIGKILL)
            first.wait(10)
        before = len(handler.messages)
        # cron right after the crash: everything but the mail in flight (it holds a lease)…
        run = subprocess.run(cron, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr[-2000:]
        # …and once the lease has run out, the one that was in flight goes too
        later = subprocess.run(
            [sys.executable, "-c", DELIVER_AFTER_LEASE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert later.returncode == 0, later.stderr[-2000:]
        time.sleep(0.6)
    finally:
        controller.stop()
    received = Counter(m["To"] for m in handler.messages)
    assert len(received) == people, f"lost: {people - len(received)}"
    twice = sorted(r for r, n in received.items() if n > 1)
    assert len(twice) <= 1, f"{len(twice)} mails sent twice after the kill at {before}: {twice}"
    assert {status for _, status, _ in outbox_rows(url)} == {"sent"}


def queue_registrations(url: str, instance, event_id: int, people: int) -> None:  # noqa: ANN001
    """Registrations made outside a request: their mails wait in the outbox, due now."""
    script = f"""
from app import create_app
from app.db import utcnow
from app.events import services
from app.extensions import db
app = create_app()
with app.app_context():
    for i in range({people}):
        data = services.RegistrationData(name=f"Person {{i}}", email=f"p{{i}}@example.org",
                                         consent=True)
        services.register({event_id}, data, now=utcnow())
    db.session.commit()
"""
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=app_environment(url, instance),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr[-2000:]

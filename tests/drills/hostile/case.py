"""One drilled form (``FormCase``) and the loop that sends it hypothesis-made input.

For every example: no 5xx; no internals on the page; the page (or the page a redirect leads to,
where the flashed message is shown) is in the asked-for language; a refusal leaves every table
as it was; and whatever was accepted is whole (``store.broken``).
"""

from __future__ import annotations

import os
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from itsdangerous import URLSafeTimedSerializer

from app.auth.models import Role
from app.extensions import db
from tests.conftest import log_in
from tests.drills.hostile import pages, store, wire
from tests.drills.hostile.fields import Field, Upload
from tests.drills.hostile.values import Pairs, payloads

World = dict[str, Any]
#: HOSTILE_COLLECT=1: list every problem of a case instead of stopping at the first
COLLECT = bool(os.environ.get("HOSTILE_COLLECT"))
#: HOSTILE_SCALE=n: n times the examples per case (a deeper search than the suite's run)
SCALE = int(os.environ.get("HOSTILE_SCALE", "1"))
#: Staff mostly read German; some ask for Arabic or Turkish
STAFF_LANGUAGES = ("de", "de", "de", "ar", "tr")
#: Attendees and voters use every offered language
PUBLIC_LANGUAGES = ("de", "de", "ar", "tr", "uk", "en")
#: Mostly the page's own CSRF token; sometimes none, a forged one, or two
CSRF_MODES = ("valid",) * 6 + ("missing", "forged", "twice")


@dataclass
class Seed:
    """What a world builder may use: the app and the suite's account factory."""

    app: Flask
    create_user: Callable[..., int]


@dataclass(frozen=True)
class FormCase:
    """A route with a form, the world in which the form is reachable, and its fields."""

    endpoint: str
    rule: str
    #: The URL, formatted with the world's values (after ``prepare``, so it may rotate)
    path: str
    world: Callable[[Seed], World]
    fields: Callable[[World], list[Field]]
    role: Role | None = None
    #: An attendee's or voter's page: translated into every offered language
    public: bool = False
    #: Tables a refusal may write on purpose (an audit trail of refused attempts)
    audit: frozenset[str] = frozenset()
    #: Runs before each example: hold a voting card, rotate to a fresh registration, …
    prepare: Callable[[Drill], None] | None = None
    examples: int = 10
    #: The CSRF field's request name (a form built with a prefix prefixes it too)
    csrf: str = "csrf_token"
    #: "GET": a search or filter form; its fields go into the query string, and it never writes
    method: str = "POST"

    @property
    def name(self) -> str:
        suffix = self.rule.rsplit("/", 1)[-1]
        return f"{self.endpoint}[{suffix}]"


def _local(location: str) -> str | None:
    parts = urlsplit(location)
    if parts.netloc not in ("", "localhost"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _sent_text(pairs: Pairs) -> str:
    """Everything the example sent as text, uploaded files included."""
    texts = [key for key, _ in pairs]
    for _, value in pairs:
        if isinstance(value, Upload):
            texts += [value.filename, value.content.decode("utf-8", "replace")]
        elif isinstance(value, str):
            texts.append(value)
    return " ".join(texts)


class Drill:
    """Runs one case in its freshly built world and counts the answers."""

    def __init__(self, case: FormCase, seed: Seed, client: FlaskClient) -> None:
        self.case, self.client = case, client
        self.world = case.world(seed)
        self.fields = case.fields(self.world)
        self.files = any(f.kind == "file" for f in self.fields)
        self.user = seed.create_user(case.role) if case.role else None
        with seed.app.app_context():
            self.engine = db.engine
        self.signer = URLSafeTimedSerializer(seed.app.secret_key, salt="wtf-csrf-token")
        self.tables = store.tables(self.engine)
        self.known = store.highest_organisation(self.engine)
        self.seen: Counter[str] = Counter()
        self.problems: list[str] = []
        self.sent: list[str] = []

    def csrf_pairs(self, mode: str) -> Pairs:
        """The CSRF field as the page would carry it (Flask-WTF's token for this session)."""
        with self.client.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        token = self.signer.dumps(raw)
        name = self.case.csrf
        return {
            "valid": [(name, token)],
            "missing": [],
            "forged": [(name, token[:-4] + "AAAA")],
            "twice": [(name, token), (name, self.signer.dumps("another"))],
        }[mode]

    def follow(self, response: Any, locale: str) -> list[tuple[int, str]]:
        """The answer and up to three redirects after it: (status, HTML text) each."""
        answers = []
        for _hop in range(4):
            location = response.headers.get("Location")
            moved = response.status_code in (301, 302, 303) and location
            is_page = response.mimetype == "text/html" and not moved
            text = response.get_data(as_text=True) if is_page else ""
            answers.append((response.status_code, text))
            if not moved:
                break
            target = _local(location)
            if target is None:
                break
            response = self.client.get(target, headers={"Accept-Language": locale})
        return answers

    def send(self, pairs: Pairs, locale: str) -> Any:
        """The request as a browser (or a hand-made client) would send it."""
        path = self.case.path.format(**self.world)
        headers = {"Accept-Language": locale}
        if self.case.method == "GET":
            return self.client.get(f"{path}?{wire.urlencoded(pairs).decode()}", headers=headers)
        body, content_type = wire.encode(pairs, files=self.files)
        return self.client.post(path, data=body, content_type=content_type, headers=headers)

    def example(self, pairs: Pairs, locale: str, csrf: str) -> None:
        case = self.case
        if self.user is not None:
            log_in(self.client, self.user)
        if case.prepare is not None:
            case.prepare(self)
        if case.method == "POST":
            pairs = self.csrf_pairs(csrf) + pairs
        before = store.digest(self.engine, self.tables)
        response = self.send(pairs, locale)
        after = store.digest(self.engine, self.tables)
        answers = self.follow(response, locale)
        refused = (
            case.method == "GET"  # a search never writes, whatever it answers
            or response.status_code >= 400
            or any(pages.is_refusal(p) for _, p in answers)
        )
        self.seen[f"{response.status_code}{' refused' if refused else ''}"] += 1
        if os.environ.get("HOSTILE_VERBOSE"):
            said = [pages.message_text(page)[:200] for _, page in answers]
            print(response.status_code, wire.shown(pairs)[:6], said)
        found = [f"{status} from a GET or POST" for status, _ in answers if status >= 500]
        self.sent.append(_sent_text(pairs))  # earlier input may be shown (stored, listed)
        sent = " ".join(self.sent)
        for _status, page in answers:
            if page:
                found += pages.problems(page, locale, public=case.public, sent=sent)
        if refused:
            written = {t: c for t, c in store.changed(before, after).items() if t not in case.audit}
            if written:
                found.append(f"refused, but written: {written}")
        found += store.broken(self.engine, organisations_known=self.known)
        message = (
            f"{case.name} answered {response.status_code} in {locale}: {found}\n"
            f"payload: {wire.shown(pairs)}"
        )
        if found and COLLECT:
            self.problems.append(message)
            return
        assert not found, message

    def run(self) -> Counter[str]:
        languages = PUBLIC_LANGUAGES if self.case.public else STAFF_LANGUAGES

        @settings(
            max_examples=self.case.examples * SCALE,
            derandomize=True,
            deadline=None,
            database=None,
            phases=(Phase.explicit, Phase.generate),  # the world keeps state: no shrinking
            suppress_health_check=list(HealthCheck),
        )
        @given(
            pairs=payloads(self.fields),
            locale=st.sampled_from(languages),
            csrf=st.sampled_from(CSRF_MODES),
        )
        def check(pairs: Pairs, locale: str, csrf: str) -> None:
            self.example(pairs, locale, csrf)

        check()
        assert not self.problems, "\n".join(self.problems)
        return self.seen

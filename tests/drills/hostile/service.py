"""Calling a service directly with hostile data: a domain error or success, never another
exception; a refusal leaves every table as it was after the rollback; success is whole."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from app.extensions import db
from tests.drills.hostile import store
from tests.drills.hostile.values import PEOPLE, STORABLE

#: What the services meet: the input guard has refused NUL and lone surrogates at the door
#: for every form and API route, and the CSV readers drop NUL; everything else comes through.
text = st.one_of(
    st.text(STORABLE, max_size=40),
    st.text(STORABLE, min_size=300, max_size=3000),
    st.sampled_from(
        ["", " ", "\t\n", "‮evil", "\u200b", "\ufeff", "a" * 20_000, "ß" * 300, "%00", *PEOPLE]
    ),
)


def fits(column: object) -> st.SearchStrategy[str]:
    """Text up to what ``column`` holds, as long as it exactly, and in letters that fold longer.

    For services whose every door (form, CSV reader) checks lengths against the columns:
    longer text is the doors' business (the forms drill sends it), anything within is theirs.
    """
    limit = getattr(getattr(column, "type", None), "length", None) or 20_000
    full = st.sampled_from(["a", "ß", "\ufdfa", "ض", "‮"]).map(lambda c: c * limit)
    return st.one_of(text.filter(lambda t: len(t) <= limit), full)


big_int = st.one_of(
    st.integers(-3, 30), st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**63) - 1])
)
#: A stable error code: snake_case, not a message and not an exception's text
CODE = re.compile(r"[a-z][a-z0-9_]*")
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.generate),  # the world keeps state: no shrinking
    suppress_health_check=list(HealthCheck),
)


class Attempts:
    """Runs service calls in one world; counts the outcomes by code."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        with app.app_context():
            self.engine = db.engine
        self.tables = store.tables(self.engine)
        self.known = store.highest_organisation(self.engine)
        self.seen: dict[str, int] = {}

    def __call__(self, call: Callable[[], Any], errors: tuple[type[Exception], ...]) -> str:
        """Run ``call`` in an app context; commit success, roll back a domain error."""
        with self.app.app_context():
            before = store.digest(self.engine, self.tables)
            try:
                call()
            except errors as error:
                db.session.rollback()
                code = str(getattr(error, "code", ""))
                name = type(error).__name__
                assert CODE.fullmatch(code), f"{name} without a stable code: {code!r}"
                written = store.changed(before, store.digest(self.engine, self.tables))
                assert not written, f"refused ({code}), but written: {written}"
            else:
                db.session.commit()
                code = "ok"
            finally:
                db.session.remove()
        broken = store.broken(self.engine, organisations_known=self.known)
        assert not broken, broken
        self.seen[code] = self.seen.get(code, 0) + 1
        return code

"""The calendar file folds long lines at 75 octets (RFC 5545 §3.1), never inside a character."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.events import links, services
from app.events.documents import fold_ics_line
from app.events.models import Event
from app.extensions import db
from tests.events.conftest import NOW, person

ARABIC_TITLE = "مؤتمر الاندماج في حي ميتي لعام ٢٠٢٦ مع مجموعات العمل حول التعليم والعمل والسكن"


def test_long_arabic_summary_is_folded_and_unfolds_to_the_title(
    app: Flask, client: FlaskClient, make_event
) -> None:
    event_id = make_event(
        translations={"ar": {"title": ARABIC_TITLE}},
        venue="Rathaus Tiergarten, Mathilde-Jacob-Platz 1, 10551 Berlin, Großer Saal im EG",
    )
    with app.app_context():
        event = db.session.get(Event, event_id)
        registration = services.register(event, person(1), now=NOW, locale="ar").registration
        db.session.commit()
        token = links.manage_token(registration)
    body = client.get(f"/r/{token}/event.ics").data
    lines = body.split(b"\r\n")
    assert lines[-1] == b""  # ends with CRLF
    assert all(len(line) <= 75 for line in lines), [len(line) for line in lines]
    for line in lines:
        line.decode("utf-8")  # no multi-byte character was cut in two
    assert any(line.startswith(b" ") for line in lines)  # something was folded
    unfolded = body.replace(b"\r\n ", b"").decode("utf-8")
    assert f"SUMMARY:{ARABIC_TITLE}\r\n" in unfolded
    assert (
        "LOCATION:Rathaus Tiergarten\\, Mathilde-Jacob-Platz 1\\, 10551 Berlin\\, Großer"
        in unfolded
    )


def test_short_lines_stay_as_they_are() -> None:
    assert fold_ics_line("SUMMARY:Kurz") == "SUMMARY:Kurz"
    exact = "X" * 75
    assert fold_ics_line(exact) == exact
    assert fold_ics_line("X" * 76) == "X" * 75 + "\r\n X"

"""The organisers' back office: events, capacity raise, filters, CSV, invitations, privacy."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.auth.models import Role
from app.events import services
from app.events.models import Event, Invitation, Registration
from app.extensions import db
from app.mail.models import OutboxMessage
from tests.events.conftest import DAY, NOW, person, session_ids


def _fill(app: Flask, event_id: int, count: int, **extra) -> None:
    with app.app_context():
        event = db.session.get(Event, event_id)
        for number in range(1, count + 1):
            services.register(event, person(number, **extra), now=NOW)
        db.session.commit()


def test_organiser_creates_an_event_with_days(client: FlaskClient, login, app: Flask) -> None:
    login(Role.ORGANISER)
    response = client.post(
        "/staff/events/new",
        data={
            "kind": "kickoff",
            "title": "Auftakt",
            "days": "2026-12-05 10:00-17:00\n2026-12-06 10:00-16:00",
            "capacity": "100",
            "retention_days": "180",
            "questions": ["childcare"],
            "is_published": "y",
        },
    )
    assert response.status_code == 302, response.text
    with app.app_context():
        event = db.session.scalar(select(Event))
        assert len(event.days) == 2 and event.days[0].starts_at == datetime(
            2026, 12, 5, 9, tzinfo=UTC
        )
        assert event.questions == ["childcare"]


def test_bad_days_are_a_field_error(client: FlaskClient, login) -> None:
    login(Role.ORGANISER)
    response = client.post(
        "/staff/events/new",
        data={
            "kind": "kickoff",
            "title": "Auftakt",
            "days": "morgen früh",
            "retention_days": "180",
        },
    )
    assert response.status_code == 200 and 'id="days-error"' in response.text


def test_raising_capacity_in_the_form_promotes(client: FlaskClient, login, app, make_event) -> None:
    event_id = make_event(capacity=1)
    _fill(app, event_id, 3)
    login(Role.ORGANISER)
    page = client.get(f"/staff/events/{event_id}/edit")
    assert page.status_code == 200
    response = client.post(
        f"/staff/events/{event_id}/edit",
        data={
            "kind": "conference",
            "title": "Konferenz",
            "days": "2026-12-05 10:00-17:00",
            "capacity": "3",
            "retention_days": "180",
            "is_published": "y",
        },
    )
    assert response.status_code == 302
    with app.app_context():
        assert (
            db.session.scalar(
                select(func.count(Registration.id)).where(Registration.status == "confirmed")
            )
            == 3
        )
        assert (
            db.session.scalar(
                select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "promoted")
            )
            == 2
        )


def test_filter_and_csv_export_for_excel(client: FlaskClient, login, app, make_event) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 10)])
    (bildung,) = session_ids(app, event_id)
    _fill(app, event_id, 3, session_ids=[bildung])
    with app.app_context():
        services.register(
            db.session.get(Event, event_id),
            person(9, name="=cmd|' /C calc'!A0", category_code="police"),
            now=NOW,
        )
        db.session.commit()
    login(Role.ORGANISER)
    page = client.get(f"/staff/events/{event_id}?category=police")
    assert "calc" in page.text and "Person 1" not in page.text
    page = client.get(f"/staff/events/{event_id}?session={bildung}&q=person 2")
    assert "Person 2" in page.text and "Person 1" not in page.text
    csv = client.get(f"/staff/events/{event_id}/registrations.csv")
    assert csv.data.startswith("\ufeff".encode()) and b";" in csv.data
    assert "'=cmd" in csv.data.decode("utf-8")
    attendees = client.get(f"/staff/events/{event_id}/sessions/{bildung}/attendees.csv")
    assert attendees.data.decode("utf-8-sig").count("Person") == 3
    stats = client.get(f"/staff/events/{event_id}/statistics")
    assert stats.status_code == 200 and "Bildung" in stats.text


def test_move_between_sessions_and_cancel_by_hand(client, login, app, make_event) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 10), ("Arbeit", 0, 10)])
    bildung, arbeit = session_ids(app, event_id)
    _fill(app, event_id, 1, session_ids=[bildung])
    login(Role.ORGANISER)
    with app.app_context():
        registration_id = db.session.scalar(select(Registration.id))
    response = client.post(
        f"/staff/events/registrations/{registration_id}",
        data={
            "name": "Person 1",
            "email": "person1@example.org",
            "category": "resident",
            "locale": "tr",
            "sessions": [str(arbeit)],
        },
    )
    assert response.status_code == 302
    with app.app_context():
        registration = db.session.get(Registration, registration_id)
        assert [s.title for s in registration.sessions] == [
            "Arbeit"
        ] and registration.locale == "tr"
    client.post(f"/staff/events/registrations/{registration_id}/cancel")
    with app.app_context():
        assert db.session.get(Registration, registration_id).status == "cancelled"
        assert db.session.get(Event, event_id).confirmed_count == 0


def test_add_by_hand_respects_capacity(client, login, app, make_event) -> None:
    event_id = make_event(capacity=0)
    login(Role.ORGANISER)
    response = client.post(
        f"/staff/events/{event_id}/registrations/new",
        data={"name": "Hatice Koç", "email": "hatice@example.org", "locale": "tr"},
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Registration.status)) == "waitlisted"


CSV_BAD = (
    "name;email;organisation;category;language\n"
    "Ayşe Yılmaz;ayse@example.org;Elternverein;migrant_organisation;tr\n"
    ";nobody@example.org;;;\n"
    "Olena;not-an-email;;;uk\n"
    "Omar;omar@example.org;;martians;ar\n"
    "Lina;lina@example.org;;ngo;xx\n"
    "Mehmet;mehmet@example.org;;migrant_organisation;de\n"
)


def test_csv_import_reports_rows_and_imports_only_after_confirmation(
    client, login, app, make_event
) -> None:
    event_id = make_event(is_invite_only=True)
    login(Role.ORGANISER)
    response = client.post(
        f"/staff/events/{event_id}/invitations/import",
        data={"file": (io.BytesIO(CSV_BAD.encode()), "contacts.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    for row in ("<td>3</td>", "<td>4</td>", "<td>5</td>", "<td>6</td>"):
        assert row in response.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Invitation.id))) == 0
    payload = response.text.split('name="payload" value="')[1].split('"')[0]
    client.post(f"/staff/events/{event_id}/invitations/import/confirm", data={"payload": payload})
    with app.app_context():
        emails = set(db.session.scalars(select(Invitation.email)))
        assert emails == {"ayse@example.org", "mehmet@example.org"}


def test_csv_import_with_a_nul_byte_or_a_huge_cell_is_answered(
    client, login, app, make_event
) -> None:
    """No database column holds NUL (PostgreSQL refused the insert with a 500), and a cell over
    the csv module's limit raised in the middle of the check (a 500 on both engines)."""
    event_id = make_event(is_invite_only=True)
    login(Role.ORGANISER)
    url = f"/staff/events/{event_id}/invitations/import"

    def upload(text: str):  # noqa: ANN202
        data = {"file": (io.BytesIO(text.encode()), "contacts.csv")}
        return client.post(url, data=data, content_type="multipart/form-data")

    huge = upload("name;email;organisation\nAyşe;ayse@example.org;" + "A" * 200_000 + "\n")
    assert huge.status_code == 422 and "nicht als CSV gelesen" in huge.text
    with app.app_context():
        assert db.session.scalar(select(func.count(Invitation.id))) == 0
    assert upload("name;email\nAy\x00şe;ayse@example.org\n").status_code == 302
    with app.app_context():
        assert db.session.scalar(select(Invitation.name)) == "Ayşe"


def test_send_remind_and_count_invitations(client, login, app, make_event) -> None:
    from app.events import links

    event_id = make_event(is_invite_only=True)
    clean = "\n".join(CSV_BAD.splitlines()[:2] + [CSV_BAD.splitlines()[-1]]) + "\n"
    login(Role.ORGANISER)
    client.post(
        f"/staff/events/{event_id}/invitations/import",
        data={"file": (io.BytesIO(clean.encode()), "c.csv")},
        content_type="multipart/form-data",
    )
    client.post(
        f"/staff/events/{event_id}/invitations/send", data={"category": "migrant_organisation"}
    )
    with app.app_context():
        invitations = db.session.scalars(select(Invitation).order_by(Invitation.id)).all()
        assert all(i.sent_at for i in invitations)
        turkish = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "invitation"))
        assert turkish.locale == "tr" and "/i/" in turkish.text_body
        token = links.invitation_token(invitations[0])
    # Ayşe registers through her link, Mehmet does nothing: only he is reminded
    client.post(
        f"/events/{event_id}/register?invitation={token}",
        data={
            "name": "Ayşe Yılmaz",
            "email": "ayse@example.org",
            "category": "migrant_organisation",
            "consent": "y",
        },
    )
    client.post(f"/staff/events/{event_id}/invitations/remind", data={})
    with app.app_context():
        reminded = db.session.scalars(
            select(OutboxMessage.recipient).where(OutboxMessage.kind == "reminder")
        ).all()
        assert reminded == ["mehmet@example.org"]
    page = client.get(f"/staff/events/{event_id}/invitations")
    assert "<td>2</td><td>1</td><td>0</td>" in page.text


def test_purge_anonymises_after_retention_and_keeps_counts(app, make_event, runner) -> None:
    event_id = make_event(sessions=[("Bildung", 0, 10)], retention_days=1)
    (bildung,) = session_ids(app, event_id)
    _fill(app, event_id, 2, session_ids=[bildung])
    from app.events import privacy

    with app.app_context():
        exported = privacy.export_person("person1@example.org")
        assert exported["registrations"][0]["sessions"] == ["Bildung"]
        assert privacy.purge(NOW)["registrations"] == 0  # the event has not even happened
    result = runner.invoke(args=["privacy", "purge"])  # today: nothing is due yet
    assert "0 registrations" in result.output
    with app.app_context():
        assert privacy.purge(DAY + timedelta(days=3))["registrations"] == 2
        db.session.commit()
    with app.app_context():
        rows = db.session.scalars(select(Registration)).all()
        assert {r.email for r in rows} == {None} and {r.name for r in rows} == {"—"}
        assert all(r.category is not None and r.sessions for r in rows)
        assert db.session.scalar(select(OutboxMessage.recipient).limit(1)) is None


def test_person_export_is_json(client, login, app, make_event) -> None:
    event_id = make_event()
    _fill(app, event_id, 1)
    login(Role.ORGANISER)
    with app.app_context():
        registration_id = db.session.scalar(select(Registration.id))
    data = client.get(f"/staff/events/registrations/{registration_id}/data.json")
    assert json.loads(data.data)["email"] == "person1@example.org"


def test_organiser_adds_a_category_offered_on_the_form(client, login, app, make_event) -> None:
    event_id = make_event()
    login(Role.ORGANISER)
    response = client.post(
        "/staff/events/categories",
        data={
            "code": "sports_club",
            "label_de": "Sportverein",
            "label_tr": "Spor kulübü",
            "is_active": "y",
        },
    )
    assert response.status_code == 302
    assert (
        client.post(
            "/staff/events/categories", data={"code": "Bad Code!", "label_de": "x"}
        ).status_code
        == 200
    )
    form = client.get(f"/events/{event_id}/register?lang=tr")
    assert "Spor kulübü" in form.text

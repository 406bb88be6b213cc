"""Mailing the personal links: a real SMTP server (aiosmtpd), the organisation's language,
text and HTML, a link that opens the organisation's page, re-sending, and the record."""

from __future__ import annotations

import email.message
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.elections.models import LinkMailing
from app.extensions import db
from app.mail.models import OutboxMessage
from app.organisations.link_mail import mail_locale
from tests.conftest import log_in
from tests.events import conftest as event_fixtures

# The loopback SMTP server and the settings that point the app at it (shared with events)
smtpd = event_fixtures.smtpd
app_config = event_fixtures.app_config

AVAILABLE = {"de", "en", "tr", "ar", "uk"}
LINK = re.compile(r"http://127\.0\.0\.1/o/[\w.-]+")


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        ("Türkisch, Deutsch", "tr"),
        ("turkish", "tr"),
        ("Kurdisch, Arabisch", "ar"),  # no Kurdish catalog: the next language we have
        ("Українська; Russisch", "uk"),
        ("Russisch", "de"),  # offered in the switch, but without a catalog
        ("", "de"),
        ("Englisch und Französisch", "en"),
    ],
)
def test_mail_language_is_the_first_one_we_have_a_catalog_for(languages, expected) -> None:
    assert mail_locale(languages, AVAILABLE) == expected


def parts(mail: email.message.EmailMessage) -> tuple[str, str]:
    text = mail.get_body(preferencelist=("plain",)).get_content()
    html = mail.get_body(preferencelist=("html",)).get_content()
    return text, html


@pytest.fixture
def roll(make_election, make_organisation, eligible) -> tuple[int, dict[str, int]]:
    """An election with four eligible MSOs; one has no e-mail address."""
    election_id = make_election(title="Wahl der MSO-Vertretung 2026")
    organisations = {
        "tr": make_organisation(
            "Türkischer Elternverein",
            email="tr@verein.example",
            languages="Türkisch, Deutsch",
            contact_person="Ayşe Yılmaz",
        ),
        "ar": make_organisation(
            "جمعية الأمل", email="ar@verein.example", languages="Kurdisch, Arabisch"
        ),
        "de": make_organisation(
            "Russischer Kulturkreis", email="ru@verein.example", languages="Russisch"
        ),
        "none": make_organisation("Verein ohne Adresse", languages="Deutsch"),
    }
    for organisation_id in organisations.values():
        eligible(election_id, organisation_id)
    return election_id, organisations


def test_links_arrive_by_smtp_in_each_language_and_open_the_organisation_page(
    app: Flask, client: FlaskClient, smtpd, staff, roll
) -> None:
    election_id, organisations = roll
    log_in(client, staff["organiser"])
    page = client.get(f"/elections/{election_id}/links").text
    assert page.count("not mailed yet") == 4
    response = client.post(f"/elections/{election_id}/links/send", follow_redirects=True)
    assert "Mails with the personal link queued for sending: 3." in response.text
    assert "Verein ohne Adresse" in response.text.split("Without an e-mail address")[1]
    mails = {mail["To"]: mail for mail in smtpd.inbox}
    assert sorted(mails) == ["ar@verein.example", "ru@verein.example", "tr@verein.example"]
    turkish, arabic, german = (mails[f"{k}@verein.example"] for k in ("tr", "ar", "ru"))
    assert turkish["Content-Language"] == "tr" and arabic["Content-Language"] == "ar"
    assert german["Content-Language"] == "de"
    assert turkish["Subject"] == "Kişisel bağlantınız: Wahl der MSO-Vertretung 2026"
    assert german["Subject"] == "Ihr persönlicher Link: Wahl der MSO-Vertretung 2026"
    text, html = parts(turkish)
    assert "Ayşe Yılmaz" in text and "Lütfen başkalarıyla paylaşmayın." in text
    arabic_text, arabic_html = parts(arabic)
    assert "رابطكم الشخصي" in arabic["Subject"] and 'dir="rtl"' in arabic_html
    assert "Liebe Mitglieder von Russischer Kulturkreis," in parts(german)[0]
    public = app.test_client()
    for mail, name in ((turkish, "Türkischer Elternverein"), (arabic, "جمعية الأمل")):
        text, html = parts(mail)
        (link,) = set(LINK.findall(text))
        assert f'href="{link}"' in html
        opened = public.get(link.removeprefix("http://127.0.0.1"))
        assert opened.status_code == 200 and name in opened.text
    page = client.get(f"/elections/{election_id}/links").text
    assert page.count("not mailed yet") == 1 and page.count("sent") >= 3
    assert "to tr@verein.example by Olga" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(LinkMailing.id))) == 3
        assert set(db.session.scalars(select(OutboxMessage.status))) == {"sent"}


def test_sending_again_to_one_organisation_is_a_new_mail_and_a_renewed_link_is_flagged(
    app: Flask, client: FlaskClient, smtpd, staff, roll
) -> None:
    election_id, organisations = roll
    log_in(client, staff["organiser"])
    client.post(f"/elections/{election_id}/links/send")
    one = {"organisation_id": organisations["tr"]}
    response = client.post(f"/elections/{election_id}/links/send", data=one, follow_redirects=True)
    assert "queued for sending: 1." in response.text
    to_turkish = [mail for mail in smtpd.inbox if mail["To"] == "tr@verein.example"]
    assert len(to_turkish) == 2
    first_link = LINK.findall(parts(to_turkish[0])[0])[0]
    assert LINK.findall(parts(to_turkish[1])[0])[0] == first_link  # the same link again
    assert "2 mails in all" in client.get(f"/elections/{election_id}/links").text
    client.post(f"/elections/{election_id}/roll/{organisations['tr']}/revoke-link")
    page = client.get(f"/elections/{election_id}/links").text
    assert "The link was renewed since; the mailed link no longer works." in page
    assert app.test_client().get(first_link.removeprefix("http://127.0.0.1")).status_code == 404


def test_an_organisation_not_on_the_roll_gets_nothing(
    app: Flask, client: FlaskClient, smtpd, staff, roll, make_organisation
) -> None:
    election_id, _ = roll
    outsider = make_organisation("Nicht wahlberechtigt e.V.", email="no@verein.example")
    log_in(client, staff["organiser"])
    response = client.post(
        f"/elections/{election_id}/links/send",
        data={"organisation_id": outsider},
        follow_redirects=True,
    )
    assert "The organisation is not eligible in this election." in response.text
    assert (
        client.post(
            f"/elections/{election_id}/links/send", data={"organisation_id": "x"}
        ).status_code
        == 400
    )
    assert smtpd.inbox == []
    with app.app_context():
        assert db.session.scalar(select(func.count(OutboxMessage.id))) == 0
        assert db.session.scalar(select(func.count(LinkMailing.id))) == 0

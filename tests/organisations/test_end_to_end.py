"""Issue 4's "done when", at full size: 300 organisations from CSV to the printed list."""

from __future__ import annotations

import email
import email.policy
import io
import re
import time
from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy import select

from app.elections.models import Nomination
from app.extensions import db
from app.organisations.models import Organisation
from tests.conftest import log_in
from tests.organisations.helpers import nomination_data

SIZE = 300
LINK = re.compile(r"http://127\.0\.0\.1/o/([\w.-]+)")


def test_import_mark_link_nominate_confirm_publish_print(
    client: FlaskClient, staff, make_election, backend
) -> None:
    timings: dict[str, float] = {}

    def timed(step: str, started: float) -> None:
        timings[step] = time.perf_counter() - started

    election_id = make_election()
    log_in(client, staff["organiser"])
    # 1. import 300 organisations
    rows = "".join(
        f"Verein der Vielfalt {i} e.V.;mso;Person {i};v{i}@example.org\n" for i in range(SIZE)
    )
    started = time.perf_counter()
    response = client.post(
        "/organisations/import",
        data={"file": (io.BytesIO(("name;kind;contact_person;email\n" + rows).encode()), "a.csv")},
        content_type="multipart/form-data",
    )
    timed("import", started)
    assert response.status_code == 302
    # 2. mark all eligible in one go
    with client.application.app_context():
        ids = db.session.scalars(select(Organisation.id)).all()
    started = time.perf_counter()
    response = client.post(
        f"/elections/{election_id}/roll", data={"organisation": [str(i) for i in ids]}
    )
    timed("mark eligible", started)
    assert response.status_code == 302
    # 3. each organisation gets its personal link by mail (the outbox folder: no SMTP here)
    started = time.perf_counter()
    assert client.post(f"/elections/{election_id}/links/send").status_code == 302
    # the request delivers the first 100 itself; the regular job sends the rest
    result = client.application.test_cli_runner().invoke(args=["mail", "deliver"])
    assert result.exit_code == 0 and f"{SIZE - 100} sent." in result.output
    timed("mail 300 links", started)
    started = time.perf_counter()
    page = client.get(f"/elections/{election_id}/links").text
    timed("links page", started)
    assert page.count('value="http://127.0.0.1/o/') == SIZE and "not mailed yet" not in page
    outbox = Path(client.application.config["MAIL_OUTBOX_DIR"])
    mails = [
        email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]
    assert sorted(mail["To"] for mail in mails) == sorted(f"v{i}@example.org" for i in range(SIZE))
    links = sorted(
        LINK.search(mail.get_body(preferencelist=("plain",)).get_content()).group(1)
        for mail in mails
    )
    assert len(set(links)) == SIZE
    # 4. each organisation nominates one candidate through its link
    public = client.application.test_client()
    started = time.perf_counter()
    for number, token in enumerate(links):
        response = public.post(
            f"/o/{token}/nomination", data=nomination_data(first_name=f"Kandidat {number}")
        )
        assert response.status_code == 302
    timed("300 nominations", started)
    # 5. the officials confirm each and publish
    log_in(client, staff["official"])
    with client.application.app_context():
        nomination_ids = db.session.scalars(select(Nomination.id)).all()
    started = time.perf_counter()
    for nomination_id in nomination_ids:
        client.post(
            f"/elections/{election_id}/nominations/{nomination_id}/decide",
            data={"decision": "confirm"},
        )
    assert client.post(f"/elections/{election_id}/publish").status_code == 302
    timed("confirm and publish", started)
    # 6. the list prints
    started = time.perf_counter()
    pdf = client.get(f"/elections/{election_id}/candidates.pdf")
    timed("candidate list PDF", started)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    assert client.get(f"/elections/{election_id}/candidates").text.count("Kandidat ") == SIZE
    print(
        f"\n[{backend}] "
        + ", ".join(f"{step}: {seconds:.2f} s" for step, seconds in timings.items())
    )

"""Issue 4's "done when", at full size: 300 organisations from CSV to the printed list."""

from __future__ import annotations

import io
import time

from flask.testing import FlaskClient
from sqlalchemy import select

from app.elections.models import Nomination
from app.extensions import db
from app.organisations.models import Organisation
from tests.conftest import log_in
from tests.organisations.helpers import nomination_data

SIZE = 300


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
    # 3. the personal links, one per organisation
    started = time.perf_counter()
    page = client.get(f"/elections/{election_id}/links").text
    timed("links page", started)
    links = sorted({part.split('"')[0] for part in page.split('value="http://127.0.0.1/o/')[1:]})
    assert len(links) == SIZE
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

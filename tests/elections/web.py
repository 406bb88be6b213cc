"""Drive the election through the web client as officials and voters do."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from flask.testing import FlaskClient

TOKEN = re.compile(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b")


def pdf_text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
                              check=True, capture_output=True, text=True).stdout


def print_cards(client: FlaskClient, election_id: int, count: int) -> list[str]:
    """Print a batch and read the tokens back from the PDF, as a voter reads their card."""
    response = client.post(f"/elections/{election_id}/cards", data={"count": count,
                                                                    "layout": "a4-4up"})
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    tokens = sorted(set(TOKEN.findall(pdf_text(response.data))))
    assert len(tokens) == count
    return [t.replace("-", "") for t in tokens]


def confirm(client: FlaskClient, url: str, **data: object) -> None:
    response = client.post(url, data={"confirm": "y", **data})
    assert response.status_code == 302, response.data[:500]


def vote(app, token: str, choice: str | None) -> str:
    """One voter on their own phone: scan, choose, confirm, read the tracking code."""
    voter = app.test_client()
    assert voter.get(f"/vote/c/{token}").status_code == 302
    page = voter.get("/vote/ballot")
    assert page.status_code == 200, page.data[:300]
    number = re.search(rb'name="round" value="(\d+)"', voter.post(
        "/vote/ballot", data={"choice": choice or ""}).data).group(1).decode()
    data = {"round": number, **({"choice": choice} if choice else {"abstain": "yes"})}
    cast = voter.post("/vote/cast", data=data)
    assert cast.status_code == 302, cast.data[:500]
    done = voter.get("/vote/done").get_data(as_text=True)
    return re.search(r'class="tracking-code"><bdi>([0-9A-Z-]+)</bdi>', done).group(1)

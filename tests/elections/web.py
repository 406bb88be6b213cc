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


def _number(section: str, label: str) -> int:
    found = re.search(rf"{label}\s+(\d+)\n", section)
    assert found, f"{label!r} not in the protocol"
    return int(found.group(1))


def check_protocol_against_recount(protocol: str, export: dict) -> None:
    """ELECTION.md R11.5: every round's counts and votes in the PDF equal the verifier's data."""
    from voting import verify_export

    assert all(c.status != "FAIL" for c in verify_export(export))
    flat = protocol.replace("\n", "").replace(" ", "")
    names = {c["id"]: (f"{c['given_name']} {c['surname']}", c["organisation"])
             for c in export["candidates"]}
    sections = re.split(r"\n\s*Wahlgang (\d+): ", protocol)
    by_round = {int(sections[i]): sections[i + 1] for i in range(1, len(sections) - 1, 2)}
    for r in export["rounds"]:
        section, counts = by_round[r["number"]], r["counts"]
        assert _number(section, "Abgegebene Stimmzettel") == counts["cast"]
        assert _number(section, "Ausgegebene Stimmkarten") == counts["cards_issued"]
        assert _number(section, "davon Enthaltungen") == counts["abstentions"]
        assert _number(section, "Gültige Stimmzettel") == counts["valid"] + counts["abstentions"]
        assert _number(section, "Ungültige Stimmzettel") == sum(counts["invalid"].values())
        for cid, votes in r["votes"].items():
            name, org = names[cid]
            line = re.search(rf"{re.escape(name)}\s+{re.escape(org)}\s+(\d+)", section)
            assert line and int(line.group(1)) == votes, (name, votes)
        assert r["commitment"] in flat

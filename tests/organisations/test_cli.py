"""``flask organisations import`` and ``flask organisations links``."""

from __future__ import annotations

from pathlib import Path

from app.extensions import db
from app.organisations.models import Organisation


def test_import_refuses_a_file_with_problems_unless_told(app, runner, tmp_path: Path) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text("name;email\nGut e.V.;gut@example.org\n;x\n", encoding="utf-8")
    refused = runner.invoke(args=["organisations", "import", str(path)])
    assert refused.exit_code == 1 and "row 3: empty_name" in refused.output
    done = runner.invoke(args=["organisations", "import", str(path), "--good-rows"])
    assert done.exit_code == 0 and "Imported 1 organisations" in done.output
    with app.app_context():
        assert [o.name for o in db.session.query(Organisation)] == ["Gut e.V."]


def test_links_prints_one_line_per_eligible_organisation(
    runner, make_election, make_organisation, eligible
) -> None:
    election_id = make_election()
    token = eligible(election_id, make_organisation("Ghana Union e.V.", email="g@example.org"))
    make_organisation("Nicht berechtigt e.V.")
    result = runner.invoke(args=["organisations", "links", str(election_id)])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[0] == "name;email;link"
    assert lines[1] == f"Ghana Union e.V.;g@example.org;http://127.0.0.1/o/{token}"
    assert len(lines) == 2
    assert runner.invoke(args=["organisations", "links", "999"]).exit_code == 1

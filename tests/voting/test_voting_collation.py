"""The ballot lists candidates in German alphabetical order (DIN 5007-1), as the published list
does (ELECTION.md R1.1), and the verifier holds an export to that order (R11.4)."""

from __future__ import annotations

import json

from tests.voting.voting_factories import AT, simulate, votes
from voting import build_export, verify_export
from voting.collation import din_5007_key, fold
from voting.model import Acceptance, Candidate, Config
from voting.rules import ballot_order

#: Surnames whose casefold order differs from the German one, with an Arabic one
SURNAMES = {"c1": "Zander", "c2": "Özdemir", "c3": "Çelik", "c4": "Şahin", "c5": "Weiß",
            "c6": "Yıldız", "c7": "حداد", "c8": "Oberg", "c9": "Ünal", "c10": "Weiss"}
GERMAN = ["c3", "c8", "c2", "c4", "c9", "c10", "c5", "c6", "c1", "c7"]  # Weiss, then Weiß


def _candidates() -> tuple[Candidate, ...]:
    return tuple(Candidate(cid, surname, "Vorname", f"Verein {cid}")
                 for cid, surname in SURNAMES.items())


def test_fold_treats_umlauts_accents_and_sharp_s_as_base_letters():
    assert fold("Ünal Çelik") == "unal celik"
    assert fold("Weiß") == "weiss" and fold("Yıldız") == "yildiz" and fold("Şahin") == "sahin"
    assert fold("İnce") == "ince"  # Turkish dotted capital I
    assert fold("حداد") == "حداد"  # Arabic letters have no case or accents to drop


def test_ballot_order_is_german_alphabetical_not_casefold():
    """R1.1: Çelik before Oberg, Özdemir before Şahin; casefold would put them after Zander."""
    order = ballot_order(Config(), _candidates())
    assert list(order) == GERMAN
    casefold = [c.id for c in sorted(_candidates(), key=lambda c: c.surname.casefold())]
    assert casefold != GERMAN


def test_equal_names_keep_the_frozen_list_order():
    """Full ties go by the frozen (published) list, not by the candidate id's spelling."""
    twins = (Candidate("10", "Öz", "Ali", "A"), Candidate("9", "Oz", "Ali", "B"),
             Candidate("11", "Öz", "Ali", "C"))
    assert ballot_order(Config(), twins) == ("9", "10", "11")
    assert din_5007_key("Öz", "Ali") > din_5007_key("Oz", "Ali")  # exact spelling breaks ties


def _export() -> dict:
    cands = _candidates()

    def round1(spec):
        return votes(1, dict(zip(spec.candidates, [6, 5, 4, 3, 2, 1, 1, 1, 0, 0], strict=True)))

    def runoff(spec):
        return votes(2, dict(zip(spec.candidates, [7, 5, 3, 1], strict=True)))

    election, log = simulate(Config(), cands, [round1, runoff],
                             acceptances=[Acceptance("c3", True, AT)])
    return json.loads(json.dumps(build_export(election, log, publish_ballots=True)))


def _failed(export: dict) -> list[str]:
    return [c.name for c in verify_export(export) if c.status == "FAIL"]


def test_verifier_passes_an_export_with_umlaut_turkish_and_arabic_surnames():
    export = _export()
    assert export["rounds"][0]["candidates"] == GERMAN
    assert _failed(export) == []


def test_verifier_fails_a_ballot_in_casefold_order():
    """The round-1 ballot rewritten in plain casefold order no longer matches R1.1."""
    export = _export()
    by_id = {c["id"]: c["surname"] for c in export["candidates"]}
    export["rounds"][0]["candidates"].sort(key=lambda cid: by_id[cid].casefold())
    assert "round 1 advancement and seats (R1–R3, R6, R8)" in _failed(export)


def test_verifier_fails_a_reordered_frozen_list():
    export = _export()
    export["candidates"].reverse()
    assert "fingerprint (R0.1)" in _failed(export)

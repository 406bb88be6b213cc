"""Voting cards (R10.1) and ballot papers (R10.8) survive printing and scanning."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

from app.documents import ballot_papers_pdf, voting_cards_pdf
from app.documents.data import BallotCandidate, BallotPaperData, VotingCardData
from app.documents.voting_cards import INSTRUCTIONS, group_token
from tests.documents.conftest import NAMES

FINGERPRINT = "3f2a9c1b77d012ef" + "ab" * 24
ELECTION = "Wahl der MSO-Vertretung in der Lenkungsgruppe Integration 2026"


def cards(count: int) -> list[VotingCardData]:
    tokens = [f"K{i:02d}Q7ZP2M4B8C6D3X" for i in range(count)]
    return [
        VotingCardData(
            t,
            f"https://teilhabe.example/v/{t}",
            ELECTION,
            FINGERPRINT,
            ("Erster Wahlgang", "Stichwahl"),
        )
        for t in tokens
    ]


@pytest.mark.parametrize(("layout", "count", "pages"), [("a4-4up", 6, 2), ("a6", 3, 3)])
def test_every_card_scans_and_shows_its_grouped_token(render, layout, count, pages):
    batch = cards(count)
    pdf = render(voting_cards_pdf(batch, layout=layout))
    assert len(pdf.pages) == pages
    per_page = 4 if layout == "a4-4up" else 1
    payloads = [c.qr_payload for c in batch]
    assert pdf.qr_codes() == [payloads[i : i + per_page] for i in range(0, count, per_page)]
    text = pdf.flat()
    for card in batch:
        assert group_token(card.token) in text
    assert text.count("Fingerprint: 3f2a 9c1b 77d0 12ef") == count
    assert text.count("Erster Wahlgang · Stichwahl") == count


def test_card_instructions_in_four_languages(render):
    text = render(voting_cards_pdf(cards(1), layout="a6")).flat()
    for instruction in INSTRUCTIONS[:3]:
        assert instruction in text
    # Arabic: each wrapped line comes back in logical order; compare word by word
    words = unicodedata.normalize("NFKC", INSTRUCTIONS[3]).replace(".", "").split()
    assert all(word in text for word in words)


def test_group_token():
    assert group_token("ABCDEFGHIJKL") == "ABCD-EFGH-IJKL"
    assert group_token("abcd-efgh ij") == "abcd-efgh-ij"


def ballot(**kw) -> BallotPaperData:
    fields = dict(
        election_name=ELECTION,
        round_number=2,
        round_name="Stichwahl",
        fingerprint=FINGERPRINT,
        votes_allowed=2,
        candidates=tuple(BallotCandidate(n, f"Verein {i}") for i, n in enumerate(NAMES)),
        config_lines=("Sitze: 2 · Stichwahlplätze: 4 · Stimmen: 1 / 2",),
    )
    return BallotPaperData(**{**fields, **kw})


def test_ballot_copies_are_identical_and_carry_no_code(render):
    pdf = render(ballot_papers_pdf(ballot(), copies=3))
    assert len(pdf.pages) == 3
    assert pdf.qr_codes() == [[], [], []]
    first = pdf.page_text(1)
    assert all(pdf.page_text(p) == first for p in (2, 3))  # no serial numbers (R10.8)
    text = " ".join(first.split())
    positions = [text.index(n) for n in NAMES]
    assert positions == sorted(positions)  # the published order
    for expected in (
        "Round 2: Stichwahl",
        "configuration 3f2a 9c1b 77d0 12ef",
        ELECTION,
        "Mark at most 2 candidates",
        "Abstain",
        "Sitze: 2 · Stichwahlplätze: 4",
    ):
        assert expected in text


def test_ballot_for_one_vote_and_yes_no_round(render):
    assert (
        "Mark at most 1 candidate with"
        in render(ballot_papers_pdf(ballot(votes_allowed=1), 1)).flat()
    )
    text = render(ballot_papers_pdf(ballot(yes_no=True), 1)).flat()
    assert "Mark yes, no or abstain for each candidate." in text
    assert all(label in text for label in ("Yes", "No", "Abstain"))


def test_too_many_candidates_refused():
    many = tuple(BallotCandidate(f"Kandidat {i}", "") for i in range(60))
    with pytest.raises(ValueError, match="do not fit"):
        ballot_papers_pdf(replace(ballot(), candidates=many), 1)
    with pytest.raises(ValueError, match="copies"):
        ballot_papers_pdf(ballot(), 0)

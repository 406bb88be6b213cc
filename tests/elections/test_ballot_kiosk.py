"""The ballot pages on a shared kiosk tablet and going back (R5.1, R6.1, R10.3): "Cancel /
start again" and an idle time forget the held card; "Back" keeps the choice, without JavaScript."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from app.elections import rounds
from app.elections.ballot_views import TOKEN_AT_KEY
from app.elections.voting_models import Ballot
from app.extensions import db
from tests.elections.helpers import at, with_cards


def _open(app, candidates: int = 4) -> tuple[list[str], list[str]]:
    with app.app_context():
        election, tokens = with_cards(organisations=5, candidates=candidates)
        rnd = rounds.start_round(election, actor_id=None, now=at(3))
        db.session.commit()
        return tokens, list(rnd.candidates)


def _kiosk(app, token: str):
    kiosk = app.test_client()
    kiosk.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert kiosk.get(f"/vote/c/{token}").status_code == 302
    return kiosk


def _ballots(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Ballot)) or 0


def test_cancel_on_ballot_and_confirm_forgets_the_card(app):
    tokens, ids = _open(app)
    kiosk = _kiosk(app, tokens[0])
    ballot = kiosk.get("/vote/ballot").get_data(as_text=True)
    confirm = kiosk.post("/vote/ballot", data={"choice": ids[0]}).get_data(as_text=True)
    for page in (ballot, confirm):
        assert 'action="/vote/cancel"' in page and "Cancel / start again" in page
    cancelled = kiosk.post("/vote/cancel")
    assert cancelled.status_code == 302 and cancelled.location.endswith("/vote/")
    assert "Nothing was cast; this device no longer holds a voting card" in kiosk.get(
        "/vote/").get_data(as_text=True)
    # the next person at the tablet cannot vote with the previous card, not even by resubmitting
    assert kiosk.get("/vote/ballot").location.endswith("/vote/")
    resubmit = kiosk.post("/vote/cast", data={"round": "1", "choice": ids[0]})
    assert resubmit.status_code == 302 and resubmit.location.endswith("/vote/")
    assert _ballots(app) == 0
    # the card itself is untouched: its holder can start again and vote
    again = _kiosk(app, tokens[0])
    assert again.post("/vote/cast", data={"round": "1", "choice": ids[0]}).status_code == 302
    assert _ballots(app) == 1


def test_an_abandoned_ballot_expires_after_the_idle_time(app):
    tokens, ids = _open(app)
    kiosk = _kiosk(app, tokens[0])
    assert kiosk.get("/vote/ballot").status_code == 200
    with kiosk.session_transaction() as session:  # each step renews the time: 9 minutes is fine
        session[TOKEN_AT_KEY] -= 9 * 60
    assert kiosk.post("/vote/ballot", data={"choice": ids[0]}).status_code == 200
    with kiosk.session_transaction() as session:
        session[TOKEN_AT_KEY] -= 10 * 60 + 1
    expired = kiosk.post("/vote/cast", data={"round": "1", "choice": ids[0]})
    assert expired.status_code == 302 and expired.location.endswith("/vote/")
    assert "this device forgot the voting card" in kiosk.get("/vote/").get_data(as_text=True)
    assert kiosk.get("/vote/ballot").location.endswith("/vote/")
    assert _ballots(app) == 0


def _checked(page: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)" name="[^"]+" value="[^"]*" checked', page))


def test_back_keeps_the_choice_and_a_yes_no_round_is_named(app):
    tokens, ids = _open(app)
    kiosk = _kiosk(app, tokens[0])
    assert "First round" not in kiosk.get("/vote/ballot").get_data(as_text=True)  # R1.2: runoff
    back = kiosk.post("/vote/ballot", data={"choice": ids[1], "back": "1"})
    assert back.status_code == 200 and _checked(back.get_data(as_text=True)) == {
        f"choice-{ids[1]}"}
    abstained = kiosk.post("/vote/ballot", data={"choice": "", "back": "1"})
    assert _checked(abstained.get_data(as_text=True)) == {"choice-abstain"}
    confirm = kiosk.post("/vote/ballot", data={"choice": ids[1]}).get_data(as_text=True)
    form = re.search(r'<form method="post" action="/vote/ballot" class="ballot-back">(.*?)</form>',
                     confirm, re.S)
    assert form and f'name="choice" value="{ids[1]}"' in form.group(1)


def test_yes_no_ballot_is_labelled_and_back_keeps_the_answers(app):
    tokens, ids = _open(app, candidates=2)  # ≤ S candidates: a yes/no round (R6.1)
    kiosk = _kiosk(app, tokens[0])
    page = kiosk.get("/vote/ballot").get_data(as_text=True)
    assert "Yes/no round (round 1)" in page and "First round" not in page
    confirm = kiosk.post("/vote/ballot", data={f"answer-{ids[0]}": "yes",
                                               f"answer-{ids[1]}": "no"}).get_data(as_text=True)
    assert f'name="answer-{ids[0]}" value="yes"' in confirm
    back = kiosk.post("/vote/ballot", data={f"answer-{ids[0]}": "yes", "back": "1"})
    assert _checked(back.get_data(as_text=True)) == {f"yes-{ids[0]}", f"abst-{ids[1]}"}

"""The public ballot pages (R10.3, R10.4, R10.7, R5.1): card → choose → confirm → tracking code.

Works without JavaScript. The token travels in the QR's URL once, then only in the session
cookie, never in another URL; nothing about the ballot is logged (R10.5). On a shared kiosk
tablet the next person must not vote with the previous card: "Cancel / start again" forgets the
card, and so does the device after ``BALLOT_IDLE_SECONDS`` (10 minutes) without a step.
"""

from __future__ import annotations

import time

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.elections import casting
from app.elections.ledger import ElectionError
from app.elections.models import Election, Nomination
from app.elections.public_forms import BALLOT_ERRORS, BALLOT_NOTICES, BallotForm, CardCodeForm
from app.elections.voting_models import FrozenElection
from app.extensions import db, limiter

bp = Blueprint("ballot", __name__, url_prefix="/vote")
TOKEN_KEY = "ballot_token"
DONE_KEY = "ballot_done"
VOTED_KEY = "ballot_voted"
#: When the held card was last used for a step (seconds), so an abandoned ballot expires
TOKEN_AT_KEY = "ballot_token_at"


def ballot_limit() -> str:
    return current_app.config.get("BALLOT_RATE_LIMIT", "10/minute")


def refused(response: Response) -> bool:
    """Only refused attempts count towards the limit: it stops guessing of card codes, while
    any number of delegates may vote from one address (venue Wi-Fi, carrier NAT)."""
    return response.status_code >= 400


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _page(template: str, status: int = 200, **context: object) -> Response:
    return _no_store(make_response(render_template(template, **context), status))


def _hold(token: str) -> None:
    session[TOKEN_KEY] = token
    session[TOKEN_AT_KEY] = int(time.time())
    session.pop(VOTED_KEY, None)


def _forget() -> None:
    """Forget the held card on this device (kiosk: the next person starts from scratch)."""
    for key in (TOKEN_KEY, TOKEN_AT_KEY, DONE_KEY, VOTED_KEY):
        session.pop(key, None)


def _held_token() -> str | None:
    """The card this device holds, unless it sat idle too long; each step renews the time."""
    token = session.get(TOKEN_KEY)
    if not token:
        return None
    idle = current_app.config.get("BALLOT_IDLE_SECONDS", 600)
    if time.time() - float(session.get(TOKEN_AT_KEY) or 0) > idle:
        _forget()
        flash(BALLOT_NOTICES["expired"], "error")
        return None
    session[TOKEN_AT_KEY] = int(time.time())
    return str(token)


def _error(code: str, status: int = 409) -> Response:
    return _page("elections/public/message.html", status, message=BALLOT_ERRORS[code],
                 code=code)


@bp.get("/c/<token>")
@limiter.limit(ballot_limit, deduct_when=refused)
def open_card(token: str) -> Response:
    """The card's QR lands here: keep the token in the session and drop it from the URL."""
    _hold(casting.normalise_token(token))
    return _no_store(redirect(url_for(".ballot")))


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(ballot_limit, methods=["POST"], deduct_when=refused)
def enter_code() -> Response:
    """Type the code of the voting card instead of scanning it."""
    form = CardCodeForm()
    if form.validate_on_submit():
        token = casting.normalise_token(form.token.data or "")
        if casting.card_for(token) is None:  # say so at once; a refused try counts to the limit
            form.token.errors.append(str(BALLOT_ERRORS["unknown_token"]))
            return _page("elections/public/enter_code.html", 409, form=form)
        _hold(token)
        return _no_store(redirect(url_for(".ballot")))
    return _page("elections/public/enter_code.html", 400 if form.errors else 200, form=form)


def _candidates(election_id: int, ids: list[str]) -> list[dict[str, object]]:
    snapshot = db.session.get(FrozenElection, election_id)
    known = {c["id"]: c for c in (snapshot.candidates if snapshot else [])}
    photos = set(db.session.scalars(select(Nomination.id).where(
        Nomination.election_id == election_id, Nomination.has_photo.is_(True))))
    return [{**known[c], "photo": int(c) in photos} for c in ids if c in known]


def _current() -> tuple[object, object] | Response:
    token = _held_token()
    if not token:
        return redirect(url_for(".enter_code"))
    try:
        return casting.ballot_round(token)
    except ElectionError as error:
        return _error(error.code)


def _choices(rnd: object) -> list[str]:
    allowed = set(rnd.candidates)  # type: ignore[attr-defined]
    return [c for c in request.form.getlist("choice")[:50] if c in allowed]


def _answers(rnd: object) -> list[tuple[str, str]]:
    """R6.1: yes or no per candidate; a candidate left out is abstained on."""
    return [(c, request.form.get(f"answer-{c}", "")) for c in rnd.candidates  # type: ignore[attr-defined]
            if request.form.get(f"answer-{c}") in ("yes", "no")]


@bp.route("/ballot", methods=["GET", "POST"])
@limiter.limit(ballot_limit, deduct_when=refused)
def ballot() -> Response:
    """Step 1: the ballot. Step 2 (POST): confirm the choice on a second screen."""
    found = _current()
    if isinstance(found, Response):
        return found
    card, rnd = found
    election = db.session.get(Election, rnd.election_id)  # type: ignore[attr-defined]
    candidates = _candidates(rnd.election_id, rnd.candidates)  # type: ignore[attr-defined]
    form = BallotForm()
    if request.method == "POST" and form.validate_on_submit() and request.form.get("back"):
        return _page("elections/public/ballot.html", election=election, rnd=rnd,
                     candidates=candidates, form=form, chosen=_choices(rnd),
                     answers=dict(_answers(rnd)), returning=True, message=None)
    if request.method == "POST" and form.validate_on_submit():
        if rnd.kind == "yes_no":  # type: ignore[attr-defined]
            answers = dict(_answers(rnd))
            return _page("elections/public/confirm.html", election=election, rnd=rnd,
                         form=form, chosen=[], answers=[
                             (c, answers[c["id"]]) for c in candidates if c["id"] in answers])
        chosen = _choices(rnd)
        if len(chosen) > rnd.votes_per_ballot:  # type: ignore[attr-defined]
            return _page("elections/public/ballot.html", 400, election=election, rnd=rnd,
                         candidates=candidates, form=form, chosen=chosen, answers={},
                         message=BALLOT_ERRORS["bad_ballot"])
        return _page("elections/public/confirm.html", election=election, rnd=rnd, form=form,
                     chosen=[c for c in candidates if c["id"] in chosen], answers=[])
    return _page("elections/public/ballot.html", election=election, rnd=rnd,
                 candidates=candidates, form=form, chosen=[], answers={}, message=None)


@bp.post("/cancel")
def cancel() -> Response:
    """"Cancel / start again": forget the card on this device; nothing was cast."""
    if BallotForm().validate_on_submit():
        _forget()
        flash(BALLOT_NOTICES["cancelled"], "success")
    return _no_store(redirect(url_for(".enter_code")))


@bp.post("/cast")
@limiter.limit(ballot_limit, deduct_when=refused)
def cast() -> Response:
    """Step 3: cast. Exactly one ballot per card and round, whatever is clicked twice."""
    if session.get(TOKEN_KEY) is None and (session.get(VOTED_KEY) or session.get(DONE_KEY)):
        return _error("token_used")
    token = _held_token()
    form = BallotForm()
    if not token:
        return redirect(url_for(".enter_code"))
    if not form.validate_on_submit():
        return redirect(url_for(".ballot"))
    chosen = request.form.getlist("choice")[:50]
    answers = [(c[len("answer-"):], v) for c, v in request.form.items()
               if c.startswith("answer-") and v in ("yes", "no")][:50]
    if not chosen and not answers and request.form.get("abstain") != "yes":
        return _error("confirm_empty", 400)
    try:
        round_number = int(request.form.get("round", ""))
    except ValueError:
        return _error("round_closed")
    try:
        code = casting.cast_ballot(token, round_number, chosen, answers)
    except ElectionError as error:
        db.session.rollback()
        return _error(error.code if error.code in BALLOT_ERRORS else "bad_ballot")
    db.session.commit()
    session[DONE_KEY] = code
    return _no_store(redirect(url_for(".done")))


@bp.get("/done")
def done() -> Response:
    """The tracking code (R10.7); the card stays with the voter for the next round."""
    code = session.pop(DONE_KEY, None)
    if code is None:
        return redirect(url_for(".ballot"))
    session.pop(TOKEN_KEY, None)
    session.pop(TOKEN_AT_KEY, None)
    session[VOTED_KEY] = True
    return _page("elections/public/done.html", code=code)


@bp.get("/photo/<int:nomination_id>")
def photo(nomination_id: int) -> Response:
    """A frozen candidate's photo (published with consent at nomination)."""
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or not nomination.has_photo or nomination.photo is None:
        abort(404)
    if db.session.get(FrozenElection, nomination.election_id) is None:
        abort(404)
    response = make_response(nomination.photo)
    response.headers["Content-Type"] = "image/jpeg"
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response

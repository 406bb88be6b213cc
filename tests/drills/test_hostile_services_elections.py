"""Drill: the election services that take people's text, called directly with hostile data:
nominations and delegates (the personal link's forms), paper and device ballots, remarks, the
desk's "delegate present", and the candidate photo. See test_hostile_services for the rules;
where a service's only doors are forms, numbers stay in the forms' ranges and text within the
columns (longer is the forms' drill's business).
"""

from __future__ import annotations

import io

from flask import Flask
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from app.db import utcnow
from app.elections import cards, casting, nominations, roll, rounds
from app.elections.ledger import ElectionError as LedgerError
from app.elections.models import Delegate, Election, Nomination
from app.elections.services import ElectionError
from app.extensions import db
from app.organisations.links import resolve
from app.organisations.models import Organisation
from app.organisations.photos import PhotoError, reencode
from tests.drills.hostile.case import Seed
from tests.drills.hostile.election_worlds import nomination_world
from tests.drills.hostile.service import SETTINGS, Attempts, big_int, fits, text
from tests.drills.hostile.voting_worlds import frozen_world, open_world

translations = st.dictionaries(st.sampled_from(["de", "en", "tr", "ar", "uk", "xx"]),
                               text.filter(lambda t: len(t) <= 1500), max_size=3)
#: Nominations and delegates come through forms that check lengths (the public link's and the
#: staff's paper form); within the columns, anything goes
candidates = st.builds(
    nominations.Candidate,
    first_name=st.one_of(st.sampled_from(["Ayşe", "Олена"]), fits(Nomination.first_name)),
    surname=st.one_of(st.sampled_from(["Yılmaz", "حداد"]), fits(Nomination.surname)),
    description=st.one_of(st.just(""), text.filter(lambda t: len(t) <= 1500)),
    translations=translations,
    consent_to_stand=st.sampled_from([True, True, False]),
    consent_to_publish=st.sampled_from([True, True, False]),
    womens_place=st.booleans(),
)
delegates = st.tuples(
    st.one_of(st.just(""), fits(Delegate.name)),
    st.one_of(st.just(""), st.emails().filter(lambda e: len(e) <= 254), fits(Delegate.email)),
    fits(Delegate.phone),
    st.booleans(),
)


def test_nominate_and_name_delegates(app: Flask, create_user) -> None:
    world = nomination_world(Seed(app, create_user))
    attempt = Attempts(app)

    @SETTINGS
    @given(token=st.sampled_from(world["tokens"]), candidate=candidates,
           delegate=delegates,
           action=st.sampled_from(["nominate", "delegate", "withdraw"]))
    def check(token: str, candidate: nominations.Candidate, delegate: tuple,
              action: str) -> None:
        def call() -> None:
            entry = resolve(token)
            if action == "nominate":
                nominations.nominate(entry, candidate, actor=None, now=utcnow())
            elif action == "withdraw":
                nominations.withdraw(entry, actor=None, now=utcnow())
            else:
                name, email, phone, deputy = delegate
                roll.name_delegate(entry, name=name, email=email, phone=phone,
                                   is_deputy=deputy, actor=None, now=utcnow())

        attempt(call, (ElectionError,))

    check()
    print(f"\nnominations and delegates: {attempt.seen}")


def test_paper_and_device_ballots(app: Flask, create_user) -> None:
    world = open_world(Seed(app, create_user))
    ids = world["round_candidates"]
    attempt = Attempts(app)
    marks = st.lists(st.one_of(st.sampled_from(ids), text), max_size=4)
    answers = st.lists(st.tuples(st.one_of(st.sampled_from(ids), text),
                                 st.sampled_from(["yes", "no", "", "YES"])), max_size=3)
    reasons = st.one_of(st.none(), st.none(), st.sampled_from(["unclear_will", "too_many_marks"]),
                        text)
    tokens = st.one_of(st.sampled_from(world["tokens"]), st.sampled_from(world["tokens"]), text)

    @SETTINGS
    @given(paper=st.booleans(), token=tokens, chosen=marks, answered=answers, reason=reasons,
           number=st.one_of(st.none(), st.integers(1, 10_000)),  # what the count form takes
           doubtful=st.one_of(st.none(), text),
           round_number=st.one_of(st.none(), st.just(world["round"]), big_int))
    def check(paper: bool, token: str, chosen: list, answered: list, reason: str | None,
              number: int | None, doubtful: str | None, round_number: int | None) -> None:
        def call() -> None:
            election = db.session.get(Election, world["election"])
            if paper:
                casting.enter_paper_ballot(
                    election, rounds.open_round(election), marks=chosen, answers=answered,
                    reason=reason, doubtful_no=number, doubtful_reason=doubtful)
            else:
                casting.cast_ballot(token, round_number, chosen, answered)

        attempt(call, (LedgerError,))

    check()
    print(f"\nballots: {attempt.seen}")


def test_remarks_and_presence(app: Flask, create_user) -> None:
    world = frozen_world(Seed(app, create_user))
    attempt = Attempts(app)

    @SETTINGS
    @given(kind=st.one_of(st.sampled_from(["correction", "objection", "incident", "substitute"]),
                          text),
           words=text, round_number=st.one_of(st.none(), st.integers(1, 20)),  # the form's
           by=st.sampled_from(["Walter Wahlleiter", "ß" * 200]),
           organisation=st.sampled_from(world["organisations"]), presence=st.booleans())
    def check(kind: str, words: str, round_number: int | None, by: str, organisation: int,
              presence: bool) -> None:
        def call() -> None:
            election = db.session.get(Election, world["election"])
            if presence:
                cards.confirm_presence(election, db.session.get(Organisation, organisation),
                                       reason=words, actor_id=None, now=utcnow())
            else:
                rounds.add_remark(election, kind, words, round_number=round_number, by=by,
                                  actor_id=None, now=utcnow())

        attempt(call, (LedgerError,))

    check()
    print(f"\nremarks and presence: {attempt.seen}")


@st.composite
def images(draw: st.DrawFn) -> bytes:
    """A real image of any mode and format, or its bytes cut short or spoiled."""
    mode = draw(st.sampled_from(["RGB", "RGBA", "L", "LA", "P", "1", "I", "F", "CMYK", "I;16"]))
    fmt = draw(st.sampled_from(["PNG", "JPEG", "WEBP", "GIF", "BMP", "TIFF"]))
    size = draw(st.tuples(st.integers(1, 40), st.integers(1, 40)))
    out = io.BytesIO()
    try:
        Image.new(mode, size).save(out, format=fmt)
    except (OSError, ValueError, KeyError):
        Image.new("RGB", size).save(out, format="PNG")
    data = out.getvalue()
    cut = draw(st.sampled_from(["whole", "whole", "short", "spoiled"]))
    if cut == "short":
        return data[: draw(st.integers(0, len(data)))]
    if cut == "spoiled":
        at = draw(st.integers(0, max(0, len(data) - 1)))
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at + 1 :]
    return data


@SETTINGS
@given(data=st.one_of(images(), st.binary(max_size=200)))
def test_photo_is_a_photo_or_refused(data: bytes) -> None:
    try:
        jpeg = reencode(data)
    except PhotoError as error:
        assert error.code in ("too_large", "not_an_image", "format")
    else:
        assert jpeg.startswith(b"\xff\xd8")

"""The check-in service: the only place that decides who is admitted where.

Services get the actor and the time passed in, flush or use a SAVEPOINT, and never commit;
the HTML views, the API and the CLI commit once. A denial is recorded as well as returned.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import Executable, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import joinedload, make_transient_to_detached

from app.auth.models import User
from app.auth.tokens import Actor, ApiToken
from app.checkin import people
from app.checkin.models import CheckIn, CheckInAttempt, Checkpoint, CheckpointKind
from app.events import tickets
from app.events.models import Event, Registration, RegistrationSession, Ticket
from app.events.services import RegistrationData
from app.extensions import db

#: Denial codes the scanner and the API know (plus "already_checked_in")
TICKET_CODES = ("unknown", "invalid")


class CheckInDenied(Exception):
    """Carries a stable code that the scanner page and the API both map to a message."""

    def __init__(
        self, code: str, *, ticket: Ticket | None = None, first: FirstCheckIn | None = None
    ):
        super().__init__(code)
        self.code = code  # "unknown" | "invalid" | "cancelled" | "already_checked_in" | …
        self.ticket = ticket
        #: For "already_checked_in": the check-in that came first
        self.first = first


def actor_columns(actor: Actor, prefix: str) -> dict[str, int | None]:
    """The two actor foreign keys of a row, e.g. ``admitted_by_user_id``."""
    return {
        f"{prefix}_user_id": actor.user.id if actor.user is not None else None,
        f"{prefix}_token_id": actor.token.id if actor.token is not None else None,
    }


def actor_key(actor: Actor) -> str:
    return f"user:{actor.user.id}" if actor.user is not None else f"token:{actor.token.id}"  # type: ignore[union-attr]


#: What the door shows comes in the ticket's one query: registration, category, sessions
DOOR_LOAD = (
    joinedload(Ticket.registration).joinedload(Registration.category),
    joinedload(Ticket.registration)
    .joinedload(Registration.session_choices)
    .joinedload(RegistrationSession.session),
)


def resolve(code: str) -> Ticket:
    """The ticket a scanned code names; a forged or unknown code is denied."""
    try:
        return tickets.resolve(code.strip(), options=DOOR_LOAD)
    except tickets.TicketError as error:
        raise CheckInDenied(error.code if error.code in TICKET_CODES else "invalid") from None


def check_in(ticket: Ticket, checkpoint: Checkpoint, *, actor: Actor, now: datetime) -> CheckIn:
    """Admit a ticket once per checkpoint; the partial unique index settles races."""
    # 1. The registration must be valid for this event (and session, at a session door)
    registration = ticket.registration
    problem = people.admission_problem(registration, checkpoint)
    if problem is not None:
        raise CheckInDenied(problem, ticket=ticket)
    # 2. Insert unless an active check-in exists; a parallel or earlier scan wins the
    #    partial unique index and we answer with it. One statement, no SAVEPOINT.
    values = {
        "ticket_id": ticket.id,
        "checkpoint_id": checkpoint.id,
        "at": now,
        **actor_columns(actor, "admitted_by"),
    }
    connection = db.session.connection()
    new_id = connection.execute(_insert_once(connection.dialect.name), values).scalar()
    if new_id is None:
        raise CheckInDenied(
            "already_checked_in", ticket=ticket, first=active_check_in(ticket, checkpoint)
        )
    entry = CheckIn(
        id=new_id, undone_at=None, undone_by_user_id=None, undone_by_token_id=None, **values
    )
    make_transient_to_detached(entry)  # the row exists: attach it without reading it back
    db.session.add(entry)
    return entry


@cache
def _insert_once(dialect: str) -> Executable:
    """``INSERT … ON CONFLICT DO NOTHING RETURNING id`` on the active check-in index.

    Built once per dialect: composing a statement costs more Python than running it.
    """
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = CheckIn.__table__  # Core, not the ORM's bulk-insert path
    return (
        insert(table)
        .values({name: bindparam(name) for name in INSERT_COLUMNS})
        .on_conflict_do_nothing(
            index_elements=["ticket_id", "checkpoint_id"],
            index_where=table.c.undone_at.is_(None),
        )
        .returning(table.c.id)
    )


INSERT_COLUMNS = (
    "ticket_id",
    "checkpoint_id",
    "at",
    "admitted_by_user_id",
    "admitted_by_token_id",
)


class FirstCheckIn(NamedTuple):
    """The check-in that came first, as the door shows it ("first checked in … by …")."""

    id: int
    at: datetime
    checkpoint: str
    by: str


@cache
def _active_query() -> Executable:
    """Built once, Core columns only: a repeated scan should not load four ORM objects."""
    user, token = User.__table__, ApiToken.__table__
    table, checkpoint = CheckIn.__table__, Checkpoint.__table__
    return (
        select(
            table.c.id,
            table.c.at,
            checkpoint.c.name,
            func.coalesce(user.c.name, token.c.name, ""),
        )
        .join(checkpoint, checkpoint.c.id == table.c.checkpoint_id)
        .outerjoin(user, user.c.id == table.c.admitted_by_user_id)
        .outerjoin(token, token.c.id == table.c.admitted_by_token_id)
        .where(
            table.c.ticket_id == bindparam("ticket_id"),
            table.c.checkpoint_id == bindparam("checkpoint_id"),
            table.c.undone_at.is_(None),
        )
    )


def active_check_in(ticket: Ticket, checkpoint: Checkpoint) -> FirstCheckIn | None:
    """The check-in that counts for this ticket at this checkpoint, if any."""
    row = (
        db.session.connection()
        .execute(_active_query(), {"ticket_id": ticket.id, "checkpoint_id": checkpoint.id})
        .first()
    )
    if row is None:
        return None
    return FirstCheckIn(*row)


def record_denial(
    code: str, checkpoint: Checkpoint, *, ticket: Ticket | None, actor: Actor, now: datetime
) -> None:
    """Log a refused scan: what, where, when and by whom; never the scanned text."""
    db.session.connection().execute(
        _denial_insert(),
        {
            "checkpoint_id": checkpoint.id,
            "ticket_id": ticket.id if ticket is not None else None,
            "code": code,
            "at": now,
            **actor_columns(actor, "actor"),
        },
    )


@cache
def _denial_insert() -> Executable:
    table = CheckInAttempt.__table__
    names = ("checkpoint_id", "ticket_id", "code", "at", "actor_user_id", "actor_token_id")
    return insert(table).values({name: bindparam(name) for name in names})


def undo(entry: CheckIn, *, actor: Actor, now: datetime) -> CheckIn:
    """Take back a mistaken check-in; an atomic UPDATE, so two undos cannot both count."""
    columns = actor_columns(actor, "undone_by")
    result = db.session.execute(
        update(CheckIn)
        .where(CheckIn.id == entry.id, CheckIn.undone_at.is_(None))
        .values(undone_at=now, **columns)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise CheckInDenied("nothing_to_undo")
    db.session.refresh(entry)
    return entry


def undo_last(checkpoint: Checkpoint, *, actor: Actor, now: datetime) -> CheckIn:
    """Take back the actor's latest check-in at this checkpoint."""
    column = CheckIn.admitted_by_user_id if actor.user is not None else CheckIn.admitted_by_token_id
    owner = actor.user.id if actor.user is not None else actor.token.id  # type: ignore[union-attr]
    entry = db.session.scalar(
        select(CheckIn)
        .where(CheckIn.checkpoint_id == checkpoint.id, CheckIn.undone_at.is_(None), column == owner)
        .order_by(CheckIn.at.desc(), CheckIn.id.desc())
        .limit(1)
    )
    if entry is None:
        raise CheckInDenied("nothing_to_undo")
    return undo(entry, actor=actor, now=now)


def search(checkpoint: Checkpoint, query: str, *, limit: int = 20) -> list[tuple[Ticket, bool]]:
    """Tickets of the checkpoint's event by name or e-mail, each with "already checked in here"."""
    found = people.search_tickets(checkpoint.event_id, query, limit)
    if not found:
        return []
    arrived = set(
        db.session.scalars(
            select(CheckIn.ticket_id).where(
                CheckIn.checkpoint_id == checkpoint.id,
                CheckIn.undone_at.is_(None),
                CheckIn.ticket_id.in_([t.id for t in found]),
            )
        )
    )
    return [(ticket, ticket.id in arrived) for ticket in found]


def checkpoints_for(event_id: int) -> list[Checkpoint]:
    """The event's checkpoints: the entrance first, then sessions by name."""
    return list(
        db.session.scalars(
            select(Checkpoint)
            .where(Checkpoint.event_id == event_id)
            .order_by(Checkpoint.kind != CheckpointKind.ENTRANCE.value, Checkpoint.name)
        )
    )


def ensure_checkpoints(event: Event, *, entrance_name: str) -> int:
    """Create the entrance and one checkpoint per session where missing; returns how many."""
    existing = checkpoints_for(event.id)
    have_entrance = any(c.kind == CheckpointKind.ENTRANCE for c in existing)
    covered = {c.session_id for c in existing if c.session_id is not None}
    created = 0
    if not have_entrance:
        db.session.add(Checkpoint(event_id=event.id, name=entrance_name, kind="entrance"))
        created += 1
    for session in people.sessions(event):
        if session.id not in covered:
            name = f"{session.title} ({session.room})" if session.room else session.title
            db.session.add(
                Checkpoint(event_id=event.id, name=name[:120], kind="session", session=session)
            )
            created += 1
    db.session.flush()
    return created


def walk_in(
    checkpoint: Checkpoint, data: RegistrationData, *, actor: Actor, now: datetime
) -> tuple[Registration, CheckIn]:
    """Register somebody at the door (if the event allows it) and check them in at once.

    A person already registered with that e-mail is checked in with their registration.
    """
    from app.events import services as registrations

    event = checkpoint.event
    if not people.walk_in_allowed(event):
        raise CheckInDenied("walk_in_closed")
    try:
        with db.session.begin_nested():  # a full event leaves no waiting-list row behind
            result = registrations.register(event, data, now=now, by_organiser=True)
            if result.registration.status != people.CONFIRMED:
                raise CheckInDenied("full")
    except registrations.RegistrationError as error:
        raise CheckInDenied(error.code) from None
    registration = result.registration
    entry = check_in(registration.ticket, checkpoint, actor=actor, now=now)
    return registration, entry

"""The organisers' back office: events with days and sessions, registrations, exports."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from werkzeug.wrappers import Response as WerkzeugResponse

from app.auth.decorators import role_required
from app.auth.models import Role
from app.db import utcnow
from app.events import categories, forms, services
from app.events.models import (
    Event,
    EventDay,
    ParticipantCategory,
    Registration,
    RegistrationSession,
    Session,
)
from app.events.public_texts import KIND_LABELS, error_message
from app.extensions import db
from app.ids import MAX_ID, parse_id

bp = Blueprint("events_admin", __name__, url_prefix="/staff/events")
organiser_required = role_required(Role.ORGANISER)


def get_event(event_id: int) -> Event:
    event = db.session.get(Event, event_id) if 0 < event_id <= MAX_ID else None
    if event is None:
        abort(404)
    return event


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=forms.local_zone()) if value else None


@bp.get("/")
@organiser_required
def list_events() -> str:
    """All events, newest first, with confirmed and waiting counts."""
    events = db.session.scalars(select(Event).order_by(Event.id.desc())).all()
    waiting = dict(
        db.session.execute(
            select(Registration.event_id, func.count(Registration.id))
            .where(Registration.status == "waitlisted")
            .group_by(Registration.event_id)
        ).all()
    )
    return render_template(
        "events/list.html",
        events=events,
        waiting=waiting,
        kinds=KIND_LABELS,
        purge_form=forms.ActionForm(),
    )


def _save_event(event: Event, form: forms.EventForm) -> None:
    """Copy the form onto the event; capacity goes through the service (promotion)."""
    event.kind = form.kind.data
    event.title = form.title.data.strip()
    event.description = form.description.data or ""
    event.translations = form.translations()
    event.venue = form.venue.data or ""
    event.accessibility = form.accessibility.data or ""
    event.registration_opens_at = _utc(form.registration_opens_at.data)
    event.registration_closes_at = _utc(form.registration_closes_at.data)
    event.is_invite_only = bool(form.is_invite_only.data)
    event.allows_walk_ins = bool(form.allows_walk_ins.data)
    event.is_published = bool(form.is_published.data)
    event.questions = list(form.questions.data or [])
    event.category_codes = list(form.category_codes.data or [])
    event.retention_days = form.retention_days.data
    event.days = [EventDay(starts_at=s, ends_at=e) for s, e in forms.parse_days(form.days.data)]


@bp.route("/new", methods=["GET", "POST"])
@organiser_required
def create_event() -> WerkzeugResponse | str:
    """A new event."""
    form = forms.EventForm(categories=categories.active())
    if form.validate_on_submit():
        event = Event(capacity=form.capacity.data, confirmed_count=0)
        _save_event(event, form)
        db.session.add(event)
        db.session.commit()
        flash(_("The event was created."), "success")
        return redirect(url_for("events_admin.show_event", event_id=event.id))
    return render_template("events/event_form.html", form=form, event=None)


def _capacity_message(error: services.RegistrationError, event: Event) -> str:
    if error.code == "capacity_below_confirmed":
        return _("%(n)s people already hold a place.", n=event.confirmed_count)
    return error_message(error.code)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_event(event_id: int) -> WerkzeugResponse | str:
    """Change an event; raising the capacity promotes people from the waiting list."""
    event = get_event(event_id)
    form = forms.EventForm(obj=event, categories=categories.active())
    if request.method == "GET":
        form.days.data = forms.format_days(event.days)
        form.show_translations(event.translations)
        for name in ("registration_opens_at", "registration_closes_at"):
            value = getattr(event, name)
            form[name].data = (
                value.astimezone(forms.local_zone()).replace(tzinfo=None) if value else None
            )
    if form.validate_on_submit():
        _save_event(event, form)
        try:
            promoted = services.set_capacity(event, form.capacity.data, now=utcnow())
        except services.RegistrationError as error:
            db.session.rollback()  # nothing of the form is kept
            form.capacity.errors = [_capacity_message(error, event)]
            return render_template("events/event_form.html", form=form, event=event), 400
        db.session.commit()
        flash(_("The event was saved."), "success")
        if promoted:
            flash(_("%(n)s people were moved up from the waiting list.", n=len(promoted)), "info")
        return redirect(url_for("events_admin.show_event", event_id=event.id))
    return render_template("events/event_form.html", form=form, event=event)


@bp.route("/<int:event_id>/sessions/new", methods=["GET", "POST"])
@bp.route("/<int:event_id>/sessions/<int:session_id>", methods=["GET", "POST"])
@organiser_required
def edit_session(event_id: int, session_id: int | None = None) -> WerkzeugResponse | str:
    """Add or change a session (working group) of an event."""
    event = get_event(event_id)
    session = None
    if session_id is not None:
        session = db.session.get(Session, session_id) if session_id <= MAX_ID else None
        if session is None or session.event_id != event.id:
            abort(404)
    form = forms.SessionForm(obj=session)
    if request.method == "GET" and session is not None:
        form.show_translations(session.translations)
        zone = forms.local_zone()
        form.starts_at.data = session.starts_at.astimezone(zone).replace(tzinfo=None)
        form.ends_at.data = session.ends_at.astimezone(zone).replace(tzinfo=None)
    if form.validate_on_submit():
        capacity = form.capacity.data
        if session is not None and capacity is not None and capacity < session.confirmed_count:
            form.capacity.errors = [
                _("%(n)s people already hold a place.", n=session.confirmed_count)
            ]
        else:
            if session is None:
                session = Session(event=event, confirmed_count=0)
                db.session.add(session)
            session.title = form.title.data.strip()
            session.description = form.description.data or ""
            session.translations = form.translations()
            session.room = form.room.data or ""
            session.starts_at = _utc(form.starts_at.data)
            session.ends_at = _utc(form.ends_at.data)
            session.capacity = capacity
            db.session.commit()
            flash(_("The session was saved."), "success")
            return redirect(url_for("events_admin.show_event", event_id=event.id))
    return render_template("events/session_form.html", form=form, event=event, session=session)


def _filtered(event: Event, form: forms.RegistrationFilterForm):  # noqa: ANN202
    query = select(Registration).where(Registration.event_id == event.id)
    if form.q.data:
        needle = f"%{form.q.data.strip().lower()}%"
        query = query.where(
            or_(
                func.lower(Registration.name).like(needle),
                Registration.email.like(needle),
                func.lower(Registration.organisation_name).like(needle),
            )
        )
    if form.status.data:
        query = query.where(Registration.status == form.status.data)
    if form.category.data:
        query = query.join(ParticipantCategory).where(
            ParticipantCategory.code == form.category.data
        )
    if (session_id := parse_id(form.session.data)) is not None:
        query = query.where(
            Registration.session_choices.any(
                (RegistrationSession.session_id == session_id)
                & (RegistrationSession.status != "cancelled")
            )
        )
    return query.order_by(Registration.id)


@bp.get("/<int:event_id>")
@organiser_required
def show_event(event_id: int) -> str:
    """An event's registrations: search and filter by category, session and status."""
    event = get_event(event_id)
    form = forms.RegistrationFilterForm(request.args, event=event, categories=categories.active())
    form.validate()
    registrations = db.session.scalars(_filtered(event, form).limit(1000)).all()
    return render_template(
        "events/event.html",
        event=event,
        form=form,
        registrations=registrations,
        kinds=KIND_LABELS,
        action_form=forms.ActionForm(),
    )


def get_registration(registration_id: int) -> Registration:
    registration = (
        db.session.get(Registration, registration_id) if registration_id <= MAX_ID else None
    )
    if registration is None:
        abort(404)
    return registration


def _organisation_id(form: forms.StaffRegistrationForm) -> int | None:
    """The chosen registry organisation; anything but a number is an unknown organisation."""
    value = form.organisation_id.data
    if value is not None and not isinstance(value, int):
        raise services.RegistrationError("unknown_organisation", "organisation_id")
    return value


def _data_from(form: forms.StaffRegistrationForm) -> services.RegistrationData:
    return services.RegistrationData(
        name=form.name.data,
        email=form.email.data,
        organisation_name=form.organisation_name.data or "",
        organisation_id=_organisation_id(form),
        category_code=form.category.data or None,
        session_ids=list(form.sessions.data or []),
        door_notes=form.door_notes.data or "",
    )


@bp.route("/<int:event_id>/registrations/new", methods=["GET", "POST"])
@organiser_required
def add_registration(event_id: int) -> WerkzeugResponse | str:
    """Register someone by hand (phone, paper form); capacity rules apply as always."""
    event = get_event(event_id)
    form = forms.StaffRegistrationForm(event=event, categories=categories.active())
    if form.validate_on_submit():
        try:
            data = _data_from(form)
            result = services.register(
                event, data, now=utcnow(), locale=form.locale.data, by_organiser=True
            )
        except services.RegistrationError as error:
            db.session.rollback()
            flash(error_message(error.code), "error")
        else:
            db.session.commit()
            message = (
                _("This e-mail address is already registered.")
                if result.is_duplicate
                else _("The registration was added (%(status)s).", status=result.status)
            )
            flash(message, "success")
            return redirect(url_for("events_admin.show_event", event_id=event.id))
    return render_template(
        "events/registration_form.html", form=form, event=event, registration=None
    )


@bp.route("/registrations/<int:registration_id>", methods=["GET", "POST"])
@organiser_required
def edit_registration(registration_id: int) -> WerkzeugResponse | str:
    """Correct a registration or move it between sessions."""
    registration = get_registration(registration_id)
    event = registration.event
    form = forms.StaffRegistrationForm(
        obj=registration, event=event, categories=categories.active()
    )
    if request.method == "GET":
        form.category.data = registration.category.code if registration.category else ""
        form.sessions.data = [
            c.session_id for c in registration.session_choices if c.status != "cancelled"
        ]
    if registration.status != "cancelled" and form.validate_on_submit():
        try:
            _update_registration(registration, form)
        except services.RegistrationError as error:
            db.session.rollback()
            flash(error_message(error.code), "error")
            return redirect(
                url_for("events_admin.edit_registration", registration_id=registration_id)
            )
        db.session.commit()
        flash(_("The registration was saved."), "success")
        return redirect(url_for("events_admin.show_event", event_id=event.id))
    return render_template(
        "events/registration_form.html",
        form=form,
        event=event,
        registration=registration,
        action_form=forms.ActionForm(),
    )


def _update_registration(registration: Registration, form: forms.StaffRegistrationForm) -> None:
    email = services.normalise_email(form.email.data)
    other = services.find_active(registration.event_id, email)
    if other is not None and other.id != registration.id:
        raise services.RegistrationError("duplicate", "email")
    category = categories.by_code(form.category.data) if form.category.data else None
    organisation_id = _organisation_id(form)
    registry_name = services.check_organisation(organisation_id)
    registration.name = form.name.data.strip()
    registration.email = email
    registration.organisation_name = (form.organisation_name.data or "").strip() or registry_name
    registration.organisation_id = organisation_id
    registration.category_id = category.id if category else None
    registration.locale = form.locale.data
    registration.door_notes = form.door_notes.data or ""
    wanted = list(form.sessions.data or [])
    held = {c.session_id for c in registration.session_choices if c.status != "cancelled"}
    # Only a change of sessions is news for the attendee; names and door notes are not.
    services.change(registration, session_ids=wanted, now=utcnow(), notify=set(wanted) != held)


@bp.post("/registrations/<int:registration_id>/cancel")
@organiser_required
def cancel_registration(registration_id: int) -> WerkzeugResponse:
    """Cancel on someone's behalf; the next person on the waiting list moves up."""
    registration = get_registration(registration_id)
    if forms.ActionForm().validate_on_submit():
        services.cancel(registration, now=utcnow())
        db.session.commit()
        flash(_("The registration was cancelled."), "success")
    return redirect(url_for("events_admin.show_event", event_id=registration.event_id))

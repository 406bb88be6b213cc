"""Pages attendees see: upcoming events, one event, the registration form, the private link."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.svg
from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from werkzeug.wrappers import Response

from app.db import utcnow
from app.events import (
    categories,
    documents,
    links,
    organisation_choice,
    public_forms,
    services,
    tickets,
)
from app.events.checks import window_state
from app.events.models import Event, EventDay, Registration
from app.events.public_texts import error_message
from app.extensions import db, limiter
from app.ids import MAX_ID

bp = Blueprint("events_public", __name__)
#: The category a delegate's form starts with (ELECTION.md R0.3: MSO delegates)
DELEGATE_CATEGORY = "migrant_organisation"


def _locale() -> str:
    return str(get_locale())


def _published_event(event_id: int) -> Event:
    event = db.session.get(Event, event_id) if 0 < event_id <= MAX_ID else None
    if event is None or not event.is_published:
        abort(404)
    return event


def upcoming_events() -> list[Event]:
    """Published events that have not ended, soonest first."""
    now = utcnow()
    events = db.session.scalars(
        select(Event)
        .where(Event.is_published.is_(True))
        .where(Event.days.any(EventDay.ends_at >= now))
        .order_by(Event.id)
    ).all()
    return sorted(events, key=lambda e: e.starts_at or now)


@bp.get("/events")
def list_events() -> str:
    """Upcoming public events."""
    return render_template("events/public/list.html", events=upcoming_events())


@bp.get("/events/<int:event_id>")
def show_event(event_id: int) -> str:
    """One event with its sessions and the places left."""
    event = _published_event(event_id)
    return render_template(
        "events/public/event.html",
        event=event,
        slots=public_forms.time_slots(event),
        window=window_state(event, utcnow()),
    )


def _attach_error(form, error: services.RegistrationError, session_ids: list[int]) -> None:  # noqa: ANN001
    """Show a service error at the field it concerns, or above the form."""
    message = error_message(error.code)
    name = error.field
    if name == "sessions":
        name = next((n for i in session_ids if (n := public_forms.slot_field_for(form, i))), None)
    elif name and f"q_{name}" in form:
        name = f"q_{name}"
    if name and name in form:
        form[name].errors = [*form[name].errors, message]
    else:
        flash(message, "error")


def _prefill(invitation, delegate) -> dict[str, str]:  # noqa: ANN001
    """Form values from an invitation, or from the delegate an organisation named."""
    if invitation is not None:
        return {
            "name": invitation.name,
            "email": invitation.email,
            "organisation_name": invitation.organisation_name,
            "category": invitation.category.code if invitation.category else "",
        }
    if delegate is not None:
        from app.elections import roll

        named = roll.current_delegates(delegate).get(False)
        return {
            "name": named.name if named else "",
            "email": named.email if named else "",
            "category": DELEGATE_CATEGORY,
        }
    return {}


def _organisation_for(form, delegate):  # noqa: ANN001, ANN202
    """A delegate link binds its organisation; otherwise a typed name may match the registry."""
    if delegate is not None:
        return delegate.organisation
    return organisation_choice.by_name(form.organisation_name.data)


@bp.route("/events/<int:event_id>/register", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def register(event_id: int) -> Response | str:
    """The registration form in the attendee's language.

    ``?invitation=`` is a personal invitation link; ``?delegate=`` an organisation's signed
    delegate link for the election assembly, which binds the registration to the organisation.
    """
    event = _published_event(event_id)
    window = window_state(event, utcnow())
    if window != "open":  # no form to fill in for nothing; a direct POST stores nothing
        status = 409 if request.method == "POST" else 200
        return render_template(
            "events/public/register_unavailable.html", event=event, window=window
        ), status
    invitation = links.invitation_for(request.args.get("invitation"))
    if invitation is not None and invitation.event_id != event.id:
        invitation = None
    delegate = links.delegate_entry_for(event.id, request.args.get("delegate"))
    if request.args.get("delegate") and delegate is None and request.method == "GET":
        flash(error_message("delegate_link_invalid"), "error")
    if event.is_invite_only and invitation is None and delegate is None:
        return render_template("events/public/invite_only.html", event=event), 403
    locale = _locale()
    prefill = _prefill(invitation, delegate) if request.method == "GET" else {}
    form = public_forms.registration_form(event, categories.active(), locale, **prefill)
    if form.validate_on_submit():
        organisation = _organisation_for(form, delegate)
        typed = form.organisation_name.data or ""
        data = services.RegistrationData(
            name=form.name.data,
            email=form.email.data,
            organisation_name=organisation.name[:200] if delegate else typed,
            organisation_id=organisation.id if organisation else None,
            category_code=form.category.data or None,
            session_ids=public_forms.chosen_sessions(form),
            answers=public_forms.answers(form, event),
            consent=bool(form.consent.data),
            photo_consent=bool(form.photo_consent.data),
        )
        try:
            result = services.register(
                event,
                data,
                now=utcnow(),
                locale=locale,
                invitation=invitation,
                delegate_link=delegate is not None,
            )
        except services.RegistrationError as error:
            db.session.rollback()
            _attach_error(form, error, data.session_ids)
        else:
            db.session.commit()
            if result.is_duplicate:  # never hand someone else's private link to the browser
                return redirect(url_for("events_public.already_registered", event_id=event.id))
            return redirect(
                url_for("events_public.registered", token=links.manage_token(result.registration))
            )
    status = 400 if request.method == "POST" else 200
    return render_template(
        "events/public/register.html",
        event=event,
        form=form,
        organisation_names=organisation_choice.names(),
        delegate_of=delegate.organisation if delegate else None,
        window=window,
    ), status


@bp.get("/events/registered/<token>")
def registered(token: str) -> str:
    """Thank-you page after registering, with the way to the private link."""
    registration = _registration_or_404(token)
    return render_template(
        "events/public/registered.html",
        registration=registration,
        event=registration.event,
        token=token,
    )


@bp.get("/events/<int:event_id>/already-registered")
def already_registered(event_id: int) -> str:
    """The friendly answer to a second registration: the ticket went out again by e-mail.

    The page shows nothing about the registration: whoever typed the address may not be
    the person it belongs to.
    """
    event = _published_event(event_id)
    return render_template("events/public/already_registered.html", event=event)


def _registration_or_404(token: str) -> Registration:
    registration = links.registration_for(token)
    if registration is None or registration.anonymised_at is not None:
        abort(404)
    return registration


def qr_svg(payload: str) -> Markup:
    """The ticket QR code as inline SVG (no image request, no inline style)."""
    image = qrcode.make(
        payload,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    svg = image.to_string(encoding="unicode")
    label = _("QR code of your ticket")
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="qr" ', 1)
    return Markup(svg)  # noqa: S704 - generated by qrcode from a token of [0-9A-Z-]


@bp.route("/r/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute", methods=["POST"])
def manage(token: str) -> Response | str:
    """The private page: the ticket with its QR code, changing sessions and answers."""
    registration = _registration_or_404(token)
    event = registration.event
    locale = registration.locale
    active = registration.status != services.CANCELLED
    form = public_forms.change_form(event, locale, data=_current_choices(registration))
    if active and form.validate_on_submit():
        session_ids = public_forms.chosen_sessions(form)
        try:
            services.change(
                registration,
                session_ids=session_ids,
                answers=public_forms.answers(form, event),
                photo_consent=bool(form.photo_consent.data),
                now=utcnow(),
            )
        except services.RegistrationError as error:
            db.session.rollback()
            registration = _registration_or_404(token)
            _attach_error(form, error, session_ids)
        else:
            db.session.commit()
            flash(_("Your changes were saved. We sent you a confirmation."), "success")
            return redirect(url_for("events_public.manage", token=token))
    qr = None
    if registration.status == services.CONFIRMED:
        ticket = registration.ticket or tickets.issue(registration)
        qr = qr_svg(tickets.token_for(ticket))
        db.session.commit()
    status = 400 if request.method == "POST" else 200
    return (
        render_template(
            "events/public/manage.html",
            registration=registration,
            event=event,
            form=form,
            qr=qr,
            token=token,
            active=active,
        ),
        status,
    )


def _current_choices(registration: Registration) -> dict[str, object]:
    form = public_forms.change_form(registration.event, registration.locale)
    held = {c.session_id for c in registration.session_choices if c.status != "cancelled"}
    data: dict[str, object] = {"photo_consent": registration.photo_consent}
    for name in form.slot_names:
        data[name] = next((v for v, _ in form[name].choices if v and int(v) in held), "")
    for code, value in (registration.answers or {}).items():
        data[f"q_{code}"] = value
    return data


@bp.get("/r/<token>/ticket.pdf")
def ticket_pdf(token: str) -> Response:
    """The ticket as PDF (confirmed registrations only)."""
    registration = _registration_or_404(token)
    if registration.status != services.CONFIRMED:
        abort(404)
    content = documents.ticket_pdf_for(registration)
    db.session.commit()
    return send_file(io.BytesIO(content), mimetype="application/pdf", download_name="ticket.pdf")


@bp.get("/r/<token>/event.ics")
def calendar(token: str) -> Response:
    """The event (days and booked sessions) as an iCalendar file."""
    registration = _registration_or_404(token)
    if registration.status == services.CANCELLED:
        abort(404)
    return send_file(
        io.BytesIO(documents.ics_for(registration)),
        mimetype="text/calendar",
        download_name="event.ics",
    )


@bp.route("/r/<token>/cancel", methods=["GET", "POST"])
def cancel(token: str) -> Response | str:
    """Cancel one's own registration, after confirming."""
    registration = _registration_or_404(token)
    if registration.status == services.CANCELLED:
        return redirect(url_for("events_public.manage", token=token))
    form = public_forms.CancelForm()
    if form.validate_on_submit():
        services.cancel(registration, now=utcnow())
        db.session.commit()
        flash(_("Your registration is cancelled. We sent you a confirmation."), "success")
        return redirect(url_for("events_public.manage", token=token))
    status = 400 if request.method == "POST" else 200
    return (
        render_template(
            "events/public/cancel.html", registration=registration, form=form, token=token
        ),
        status,
    )


@bp.get("/i/<token>")
def invitation(token: str) -> Response | str:
    """A personal invitation link: on to the form, or decline."""
    invitation = links.invitation_for(token)
    if invitation is None or invitation.email is None:
        abort(404)
    return render_template(
        "events/public/invitation.html",
        invitation=invitation,
        event=invitation.event,
        token=token,
        form=public_forms.DeclineForm(),
    )


@bp.post("/i/<token>/decline")
def decline_invitation(token: str) -> Response:
    """Say no to an invitation (counted as declined; no reminders follow)."""
    invitation = links.invitation_for(token)
    if invitation is None or invitation.email is None:
        abort(404)
    if public_forms.DeclineForm().validate_on_submit():
        invitation.declined_at = invitation.declined_at or utcnow()
        db.session.commit()
        flash(_("Thank you for letting us know."), "success")
    return redirect(url_for("events_public.invitation", token=token))

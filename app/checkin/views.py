"""The door's pages: checkpoint picker, scanner, and no-script fallbacks (scan, search, undo)."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.auth.forms import ConfirmForm
from app.auth.models import Role
from app.auth.tokens import Actor
from app.checkin import people, services
from app.checkin import scan as scanning
from app.checkin.blueprint import bp
from app.checkin.forms import ScanForm
from app.checkin.models import Checkpoint
from app.db import utcnow
from app.extensions import db

DOOR = (Role.DOOR, Role.ORGANISER)


def _actor() -> Actor:
    return Actor(user=current_user._get_current_object())


@bp.get("/")
@role_required(*DOOR)
def index() -> str:
    """Pick the checkpoint once; the page jumps to the remembered one unless asked to pick."""
    events = [(event, services.checkpoints_for(event.id)) for event in people.open_events(utcnow())]
    return render_template(
        "checkin/index.html",
        events=events,
        picking=bool(request.args.get("pick")),
        confirm=ConfirmForm(),
    )


@bp.post("/events/<int:event_id>/checkpoints")
@role_required(*DOOR)
def set_up_checkpoints(event_id: int) -> Response:
    """Create the entrance and one checkpoint per session, where missing."""
    event = people.get_event_or_404(event_id)
    if ConfirmForm().validate_on_submit():
        created = services.ensure_checkpoints(event, entrance_name=_("Entrance"))
        db.session.commit()
        flash(_("%(count)s checkpoints created.", count=created), "success")
    return redirect(url_for("checkin.index", pick=1))


def _config(checkpoint: Checkpoint) -> dict[str, Any]:
    """Settings and texts for the scanner script (a JSON island: the CSP runs no inline code)."""
    return {
        "checkpoint": checkpoint.id,
        "csrf": generate_csrf(),
        "api": {
            "checkin": url_for("checkin_api.redeem"),
            "undo": url_for("checkin_api.undo"),
            "search": url_for("checkin_api.search"),
        },
        "qrScanner": url_for("static", filename="vendor/qr-scanner.min.js"),
        "repeatMs": 4000,
        "okMs": 2500,
        "otherMs": 4500,
        "texts": {
            "network": _("No connection. Please scan again."),
            "noCamera": _("The camera could not be started. Use the hand scanner or the search."),
            "noMatch": _("Nobody found."),
            "checkIn": _("Check in"),
            "checkedIn": _("checked in"),
        },
    }


@bp.get("/scan/<int:checkpoint_id>")
@role_required(*DOOR)
def scanner(checkpoint_id: int) -> str:
    """The scanner page: camera, hand scanner, search, undo; answers fill the screen."""
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    return render_template(
        "checkin/scanner.html",
        checkpoint=checkpoint,
        scanner_config=_config(checkpoint),
        walk_in_allowed=people.walk_in_allowed(checkpoint.event),
    )


@bp.post("/scan/<int:checkpoint_id>")
@role_required(*DOOR)
def scan(checkpoint_id: int) -> tuple[str, int]:
    """Check one code in without script (hand scanner or search result); answers green or red."""
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    form = ScanForm()
    if not form.validate_on_submit():
        return render_template("checkin/result.html", checkpoint=checkpoint, result=None), 400
    result = scanning.redeem(form.code.data or "", checkpoint, actor=_actor(), now=utcnow())
    db.session.commit()
    status = 200 if result["status"] == "ok" else 409
    return render_template(
        "checkin/result.html", checkpoint=checkpoint, result=result, confirm=ConfirmForm()
    ), status


@bp.get("/scan/<int:checkpoint_id>/search")
@role_required(*DOOR)
def search(checkpoint_id: int) -> str:
    """Search by name or e-mail; each hit has a check-in button (no script needed)."""
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    query = request.args.get("q", "")[:100]
    hits = [
        (people.details(ticket.registration), people.token(ticket), arrived)
        for ticket, arrived in services.search(checkpoint, query)
    ]
    return render_template(
        "checkin/search.html", checkpoint=checkpoint, query=query, hits=hits, form=ScanForm()
    )


@bp.post("/scan/<int:checkpoint_id>/undo")
@role_required(*DOOR)
def undo(checkpoint_id: int) -> Response:
    """Take back this account's last check-in here (a mistaken scan); it stays on record."""
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    if ConfirmForm().validate_on_submit():
        try:
            entry = services.undo_last(checkpoint, actor=_actor(), now=utcnow())
        except services.CheckInDenied as denied:
            flash(scanning.message(denied.code), "warning")
        else:
            db.session.commit()
            name = people.details(entry.ticket.registration)["name"]
            flash(scanning.message("undone", name), "success")
    return redirect(url_for("checkin.scanner", checkpoint_id=checkpoint.id))

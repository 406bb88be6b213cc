"""Walk-ins: register somebody at the door, check them in, and offer their badge."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.auth.models import Role
from app.checkin import people, services
from app.checkin.blueprint import bp
from app.checkin.forms import WalkInForm
from app.checkin.models import Checkpoint
from app.checkin.scan import message
from app.checkin.views import _actor
from app.db import utcnow
from app.extensions import db

WALK_IN_ERRORS = {
    "walk_in_closed": lambda: _("This event does not take registrations at the door."),
    "full": lambda: _("The event is full."),
    "invalid_name": lambda: _("Please enter the name."),
    "invalid_email": lambda: _("Please enter a valid e-mail address."),
    "unknown_category": lambda: _("Please choose a category."),
}


@bp.route("/scan/<int:checkpoint_id>/walk-in", methods=["GET", "POST"])
@role_required(Role.DOOR, Role.ORGANISER)
def walk_in(checkpoint_id: int) -> Response | str:
    """Register a person at the door (when the event allows it) and check them in."""
    checkpoint = db.get_or_404(Checkpoint, checkpoint_id)
    if not people.walk_in_allowed(checkpoint.event):
        flash(WALK_IN_ERRORS["walk_in_closed"](), "error")
        return redirect(url_for("checkin.scanner", checkpoint_id=checkpoint.id))
    form = WalkInForm()
    form.category.choices = [("", "—")] + [
        (str(category_id), label) for category_id, label in people.categories(checkpoint.event)
    ]
    if form.validate_on_submit():
        try:
            registration, _entry = services.walk_in(
                checkpoint, people.walk_in_data(form), actor=_actor(), now=utcnow()
            )
        except services.CheckInDenied as denied:
            code = denied.code
            known = WALK_IN_ERRORS.get(code)
            form.name.errors = [known() if known else message(code)]
        else:
            db.session.commit()
            flash(_("%(name)s is registered and checked in.", name=registration.name), "success")
            return render_template(
                "checkin/walk_in_done.html", checkpoint=checkpoint, registration=registration
            )
    return render_template("checkin/walk_in.html", checkpoint=checkpoint, form=form)

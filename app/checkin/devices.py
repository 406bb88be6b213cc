"""Organisers create and revoke the API tokens of scanner devices."""

from __future__ import annotations

from flask import flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from app.auth import tokens
from app.auth.decorators import role_required
from app.auth.forms import ConfirmForm
from app.auth.models import Role
from app.checkin.blueprint import bp
from app.checkin.forms import TokenForm
from app.db import utcnow
from app.extensions import db


@bp.route("/devices", methods=["GET", "POST"])
@role_required(Role.ORGANISER)
def devices() -> Response | str:
    """List scanner tokens and create one; a new token is shown once on the answer page."""
    form = TokenForm()
    created = None
    if form.validate_on_submit():
        token, plain = tokens.create_token(
            form.name.data or "", actor=current_user._get_current_object(), now=utcnow()
        )
        db.session.commit()
        created = (token, plain)
        form = TokenForm(formdata=None)
    page = render_template(
        "checkin/devices.html",
        form=form,
        confirm=ConfirmForm(),
        created=created,
        devices=tokens.list_tokens(),
    )
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/devices/<int:token_id>/revoke")
@role_required(Role.ORGANISER)
def revoke_device(token_id: int) -> Response:
    """Refuse a scanner token from now on."""
    token = db.get_or_404(tokens.ApiToken, token_id)
    if ConfirmForm().validate_on_submit():
        tokens.revoke_token(token, now=utcnow())
        db.session.commit()
        flash(_("The token of “%(name)s” was revoked.", name=token.name), "success")
    return redirect(url_for("checkin.devices"))

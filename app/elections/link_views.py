"""The personal links page: copy, print or mail each eligible organisation its own link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager
from werkzeug.wrappers import Response

from app.db import utcnow
from app.elections.blueprint import bp, error_message, organiser_required
from app.elections.forms import SendLinksForm
from app.elections.models import Election, RollEntry
from app.elections.services import ElectionError
from app.extensions import db
from app.organisations import link_mail
from app.organisations.links import link_for
from app.organisations.models import Organisation


@bp.get("/<int:election_id>/links")
@organiser_required
def personal_links(election_id: int) -> str:
    """Each eligible organisation's personal link, and when it was last mailed to whom."""
    election = db.get_or_404(Election, election_id)
    entries = db.session.scalars(
        select(RollEntry)
        .join(RollEntry.organisation)
        .options(contains_eager(RollEntry.organisation))
        .where(RollEntry.election_id == election.id, RollEntry.is_eligible.is_(True))
        .order_by(Organisation.normalised_name)
    ).all()
    return render_template(
        "elections/links.html",
        election=election,
        rows=[(entry, link_for(entry)) for entry in entries],
        mailings=link_mail.last_mailings(election),
        form=SendLinksForm(),
    )


@bp.post("/<int:election_id>/links/send")
@organiser_required
def send_links(election_id: int) -> Response:
    """Queue the link mails (all eligible organisations with an address, or one) and commit."""
    election = db.get_or_404(Election, election_id)
    form = SendLinksForm()
    back = redirect(url_for("elections.personal_links", election_id=election.id))
    if not form.validate_on_submit():
        abort(400)
    one = form.organisation_id.data  # None: every eligible organisation
    try:
        report = link_mail.send_links(
            election, actor=current_user, now=utcnow(), organisation_id=one
        )
    except ElectionError as error:
        db.session.rollback()
        flash(error_message(error.code), "error")
        return back
    db.session.commit()
    flash(
        _("Mails with the personal link queued for sending: %(count)d.", count=report.queued),
        "success" if report.queued else "error",
    )
    if report.without_email:
        flash(
            _(
                "Without an e-mail address (please send their links another way): %(names)s",
                names=", ".join(report.without_email),
            ),
            "error",
        )
    return back

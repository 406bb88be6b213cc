"""The organisers' view of the outbox: what was sent, what failed, what waits; resend."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from app.auth.decorators import role_required
from app.auth.models import Role
from app.extensions import db
from app.forms import Form
from app.ids import parse_id
from app.mail import outbox
from app.mail.models import MailStatus, OutboxMessage

bp = Blueprint("mail", __name__, url_prefix="/staff/mail")
PAGE_SIZE = 100
STATUS_LABELS = {
    MailStatus.PENDING: _l("pending"),
    MailStatus.SENT: _l("sent"),
    MailStatus.FAILED: _l("failed"),
}


class ResendForm(Form):
    """A button carrying only the CSRF token."""


@bp.get("/")
@role_required(Role.ORGANISER)
def list_messages() -> str:
    """Mails by status, newest first, optionally for one event."""
    status = request.args.get("status", "")
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(PAGE_SIZE)
    if status in set(MailStatus):
        query = query.where(OutboxMessage.status == status)
    event_id = parse_id(request.args.get("event"))
    if event_id:
        query = query.where(OutboxMessage.event_id == event_id)
    counts = dict(
        db.session.execute(
            select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(
                OutboxMessage.status
            )
        ).all()
    )
    return render_template(
        "mail/list.html",
        messages=db.session.scalars(query).all(),
        counts=counts,
        status=status,
        labels=STATUS_LABELS,
        form=ResendForm(),
    )


@bp.post("/<int:message_id>/resend")
@role_required(Role.ORGANISER)
def resend(message_id: int) -> Response:
    """Queue a sent or failed mail again and try to deliver it now."""
    message = db.get_or_404(OutboxMessage, message_id)
    if ResendForm().validate_on_submit() and message.recipient:
        outbox.resend(message)
        db.session.commit()
        outbox.deliver_due(ids=[message.id])
        flash(_("The mail was queued again."), "success")
    return redirect(url_for("mail.list_messages", status=request.args.get("status", "")))

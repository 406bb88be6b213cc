"""The printable consent form for one organisation's candidate, as a PDF download.

Served from the organisation's personal page and to staff who enter paper nominations; the
form itself (German, the text the candidate signs) is ``app.documents.consent_form_pdf``.
"""

from __future__ import annotations

from flask import Response
from flask_babel import force_locale

from app.documents import consent_form_pdf
from app.documents.i18n import local
from app.elections.models import RollEntry


def consent_pdf_response(entry: RollEntry) -> Response:
    """The form prefilled with election, committee, organisation and deadline, as a download."""
    election = entry.election
    closes = election.nomination_closes_at
    with force_locale("de"):  # the signed text is German, so are its date and page footer
        pdf = consent_form_pdf(
            election.title,
            election.committee_name or "",
            organisation=entry.organisation.name,
            deadline=local(closes).date() if closes else None,
            parity=election.parity,
        )
    filename = f"consent-{election.id}-{entry.organisation_id}.pdf"
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )

"""Printing layer: pure functions from plain data (``data.py``) to PDF bytes.

Nothing here touches the database, the request or the file system, so views, CLI commands
and tests call the same functions. Labels go through flask_babel's ``gettext``; render
inside ``flask_babel.force_locale(...)`` to choose the language.
"""

from app.documents.attendance import attendance_list_pdf
from app.documents.badges import BADGE_LAYOUTS, badges_pdf
from app.documents.ballot_papers import ballot_papers_pdf
from app.documents.candidate_list import candidate_list_pdf
from app.documents.consent_form import consent_form_pdf
from app.documents.protocol import protocol_pdf
from app.documents.tickets import ticket_pdf
from app.documents.voting_cards import VOTING_CARD_LAYOUTS, voting_cards_pdf

__all__ = [
    "BADGE_LAYOUTS",
    "VOTING_CARD_LAYOUTS",
    "attendance_list_pdf",
    "badges_pdf",
    "ballot_papers_pdf",
    "candidate_list_pdf",
    "consent_form_pdf",
    "protocol_pdf",
    "ticket_pdf",
    "voting_cards_pdf",
]

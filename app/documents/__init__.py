"""Printing layer: pure functions from plain data (``data.py``) to PDF bytes.

Nothing here touches the database, the request or the file system, so views, CLI commands
and tests call the same functions. Labels go through flask_babel's ``gettext``; render
inside ``flask_babel.force_locale(...)`` to choose the language.
"""

from app.documents.attendance import attendance_list_pdf
from app.documents.badges import BADGE_LAYOUTS, badges_pdf
from app.documents.tickets import ticket_pdf

__all__ = ["BADGE_LAYOUTS", "attendance_list_pdf", "badges_pdf", "ticket_pdf"]

"""The published candidate list (issue 4): photo, name, organisation and self-description."""

from __future__ import annotations

import io
from collections.abc import Sequence

from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from app.documents.data import CandidateListEntry
from app.documents.pdf import build, para

PHOTO = (30 * mm, 40 * mm)  # passport-like box; photos keep their aspect ratio inside it
TEXT_W = 180 * mm - PHOTO[0] - 6 * mm


def candidate_list_pdf(
    election_name: str, entries: Sequence[CandidateListEntry], order_note: str
) -> bytes:
    """Render the candidates in the given (published) order with a running number."""
    story: list[Flowable] = [
        para(_("Candidates"), "title"),
        para(election_name, "h2", 180 * mm),
        para(order_note, "small", 180 * mm),
        Spacer(1, 6 * mm),
    ]
    for number, entry in enumerate(entries, start=1):
        story += [KeepTogether(_candidate(number, entry)), Spacer(1, 4 * mm)]
    if not entries:
        story.append(para(_("No candidates have been admitted.")))
    return build(
        story, title=_("Candidates: %(election)s", election=election_name), footer=election_name
    )


def _photo(data: bytes | None) -> Flowable:
    """The photo scaled into the box, or an empty box of the same size."""
    if data is None:
        return Spacer(*PHOTO)
    width, height = ImageReader(io.BytesIO(data)).getSize()
    scale = min(PHOTO[0] / width, PHOTO[1] / height)
    return Image(io.BytesIO(data), width * scale, height * scale)


def _candidate(number: int, entry: CandidateListEntry) -> Table:
    """Photo on the left; number, name, organisation, description and its translations."""
    text = [
        para(f"{number}. {entry.name}", "h3", TEXT_W),
        para(entry.organisation, "body", TEXT_W),
        Spacer(1, 2 * mm),
        para(entry.description, "body", TEXT_W),
    ]
    for language, translation in entry.translations:
        text += [
            Spacer(1, 1.5 * mm),
            para(language, "small", TEXT_W),
            para(translation, "body", TEXT_W),
        ]
    table = Table([[_photo(entry.photo), text]], colWidths=(PHOTO[0] + 6 * mm, TEXT_W))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    return table

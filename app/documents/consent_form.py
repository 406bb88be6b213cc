"""Printable consent of a candidate to stand and to publication (issue 4), in German.

A fixed German text, not gettext: it is a declaration the candidate signs, and the
officials keep the signed paper with the nomination.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.documents.i18n import fmt_short_date
from app.documents.pdf import build, para

BOX = "☐"


def consent_form_pdf(election_name: str, committee: str, *, organisation: str = "",
                     candidate_name: str = "", deadline: date | None = None,
                     parity: bool = False) -> bytes:
    """Render the form; given names are filled in, the rest is left as lines to write on."""
    until = fmt_short_date(deadline) if deadline else "zum Ende der Vorschlagsfrist"
    story: list[Flowable] = [
        para("Zustimmungserklärung der Kandidatin / des Kandidaten", "title"),
        para(f"Wahl: {election_name}", "h3", 180 * mm),
        para(f"Gremium: {committee}", "body", 180 * mm),
        Spacer(1, 5 * mm),
        _fields([("Name, Vorname", candidate_name),
                  ("Vorschlagende Organisation", organisation),
                  ("Anschrift", ""), ("E-Mail", ""), ("Telefon", "")]),
        Spacer(1, 6 * mm),
        para("Erklärungen (bitte ankreuzen)", "h2"),
    ]
    declarations = [
        "Ich stimme zu, für die oben genannte Wahl als Kandidat*in der genannten "
        "Organisation aufgestellt zu werden. Ich bin für keine andere Organisation vorgeschlagen.",
        "Ich bin damit einverstanden, dass mein Name, meine Organisation und meine "
        "Selbstbeschreibung veröffentlicht werden: in der Kandidat*innenliste (Aushang und "
        "Internetseite), auf den Stimmzetteln und in der Wahlniederschrift.",
        "Freiwillig: Ich bin damit einverstanden, dass mein Foto in der Kandidat*innenliste "
        "veröffentlicht wird.",
    ]
    if parity:
        declarations.append(
            "Freiwillig: Ich kandidiere für den Frauenplatz (Selbstauskunft). Diese Angabe "
            "sieht nur die Wahlleitung, es sei denn, ich stimme hier ihrer Veröffentlichung "
            "zu: " + BOX + " ja")
    story += [para(f"{BOX}  {text}", "body") for text in declarations]
    story += [
        Spacer(1, 5 * mm),
        para("Selbstbeschreibung (höchstens 600 Zeichen)", "h3"),
        _lines(6),
        Spacer(1, 5 * mm),
        para(f"Die Zustimmung kann bis {until} schriftlich gegenüber der Wahlleitung "
             "widerrufen werden. Die Angaben werden nur zur Durchführung der Wahl verwendet und "
             "nach Ablauf der Aufbewahrungsfrist gelöscht; veröffentlichte Angaben bleiben Teil "
             "der Wahlniederschrift.", "small"),
        Spacer(1, 14 * mm),
        _signature(),
    ]
    return build(story, title="Zustimmungserklärung", footer=election_name)


def _fields(rows: list[tuple[str, str]]) -> Table:
    """Label and a line to write on, prefilled where the value is known."""
    table = Table([[para(label, "body"), para(value, "body", 120 * mm)] for label, value in rows],
                  colWidths=(55 * mm, 125 * mm), rowHeights=9 * mm)
    table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    return table


def _lines(count: int) -> Table:
    """Empty ruled lines for handwriting."""
    table = Table([[""]] * count, colWidths=(180 * mm,), rowHeights=8 * mm)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey)]))
    return table


def _signature() -> Table:
    """Place and date, signature."""
    table = Table([["", "", ""], [para("Ort, Datum", "small"), "",
                                  para("Unterschrift der Kandidatin / des Kandidaten", "small")]],
                  colWidths=(75 * mm, 20 * mm, 85 * mm))
    table.setStyle(TableStyle([("LINEABOVE", (0, 1), (0, 1), 0.5, colors.black),
                               ("LINEABOVE", (2, 1), (2, 1), 0.5, colors.black)]))
    return table

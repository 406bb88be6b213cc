"""The Wahlniederschrift (ELECTION.md R11.5): every item, in order, ready to sign."""

from __future__ import annotations

from collections.abc import Sequence

from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.documents.data import (
    Acceptance,
    CandidateResult,
    LotRecord,
    Outcome,
    ProtocolData,
    Remark,
    RoundProtocol,
    SeatType,
)
from app.documents.fonts import FONT, FONT_MONO
from app.documents.i18n import fmt_date, fmt_datetime, fmt_time
from app.documents.pdf import LIGHT, build, para, styles
from app.documents.voting_cards import short_fingerprint

WIDTH = 180 * mm
KEY_W = 60 * mm


def protocol_pdf(data: ProtocolData) -> bytes:
    """Render the protocol: general part, one section per round, aftermath, signatures."""
    story: list[Flowable] = [para(_("Election protocol"), "title"),
                             para(data.election_name, "h2", WIDTH), *_general(data)]
    for rnd in data.rounds:
        story += _round(rnd)
    story += _aftermath(data)
    story += _signatures(data)
    footer = f"{data.election_name} · {short_fingerprint(data.config_fingerprint)}"
    return build(story, title=_("Election protocol: %(election)s", election=data.election_name),
                 footer=footer)


# --- building blocks ----------------------------------------------------------------------


def _mono(text: str) -> Paragraph:
    """Hashes in a fixed-width font so they can be compared digit by digit."""
    return Paragraph(text, styles()["cell"].clone("mono", fontName=FONT_MONO, fontSize=8))


def _key_values(rows: Sequence[tuple[str, str | Flowable]]) -> Table:
    """Two columns: label, value (user text shaped, hashes monospaced)."""
    cells = [[para(k, "th"), v if isinstance(v, Flowable) else para(v, "cell", WIDTH - KEY_W)]
             for k, v in rows]
    table = Table(cells, colWidths=(KEY_W, WIDTH - KEY_W))
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey)]))
    return table


def _grid(head: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
          numeric: Sequence[int] = ()) -> Table:
    """A ruled table with a header row that repeats across pages."""
    def cell(col: int, text: str, style: str) -> Paragraph:
        return para(text, "cell_r" if col in numeric and style == "cell" else style, widths[col])

    data = [[cell(i, h, "th") for i, h in enumerate(head)]]
    data += [[cell(i, str(v), "cell") for i, v in enumerate(row)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                               ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _remarks(items: Sequence[Remark]) -> list[Flowable]:
    """Dated entries as a list, or "None." so an empty heading is never ambiguous."""
    if not items:
        return [para(_("None."))]
    out: list[Flowable] = []
    for i, item in enumerate(items, start=1):
        meta = " · ".join(p for p in (fmt_datetime(item.at) if item.at else "", item.by) if p)
        out.append(para(f"{i}. {item.text}" + (f" ({meta})" if meta else ""), "body", WIDTH))
    return out


def _outcome(result: CandidateResult) -> str:
    """Outcome and, under parity, the seat or place type (R8)."""
    labels = {Outcome.NONE: "", Outcome.ADVANCED: _("advances to the runoff"),
              Outcome.ELECTED: _("elected"), Outcome.NOT_ELECTED: _("not elected"),
              Outcome.WITHDRAWN: _("withdrawn")}
    seat = {SeatType.NONE: "", SeatType.WOMEN: _("women's seat"),
            SeatType.OPEN: _("open seat")}[result.seat_type]
    return f"{labels[result.outcome]} ({seat})" if seat else labels[result.outcome]


# --- sections -----------------------------------------------------------------------------


def _general(data: ProtocolData) -> list[Flowable]:
    """Event, date, place, rules, fingerprint, software, officials, configuration."""
    rows: list[tuple[str, str | Flowable]] = [
        (_("Committee"), data.committee),
        (_("Event"), data.event_title),
        (_("Date"), fmt_date(data.event_date)),
        (_("Place"), data.place),
        (_("Rules version"), data.rules_version),
        (_("Configuration fingerprint"), _mono(data.config_fingerprint)),
        (_("Software version"), data.software_version),
        (_("Seats"), str(data.seats)),
        (_("Returning officer"), data.returning_officer),
        (_("Assessors"), ", ".join(data.assessors)),
        (_("Recorder"), data.recorder),
    ]
    if data.by_election_of:
        rows.append((_("By-election for the vacant seats of"), data.by_election_of))
    if data.event_log_head:
        rows.append((_("Event log (last entry)"), _mono(data.event_log_head)))
    if data.generated_at:
        rows.append((_("Protocol printed"), fmt_datetime(data.generated_at)))
    out: list[Flowable] = [Spacer(1, 3 * mm), _key_values(rows)]
    if data.config_lines:
        out += [para(_("Frozen configuration"), "h3"),
                *[para(line, "body", WIDTH) for line in data.config_lines]]
    if data.order_lot is not None:
        out += [para(_("Order of names on the ballot: drawing of lots"), "h3"),
                KeepTogether(_lot(data.order_lot))]
    if data.substitutes:
        out += [para(_("Substitute delegates approved by the officials"), "h3"),
                *_remarks(data.substitutes)]
    if data.presence_overrides:
        out += [para(_("Delegates recorded present by the officials without a check-in"), "h3"),
                *_remarks(data.presence_overrides)]
    return out


def _round(rnd: RoundProtocol) -> list[Flowable]:
    """Times, counts, results, lots, withdrawals, reconciliation and commitment of a round."""
    out: list[Flowable] = [
        para(_("Round %(number)s: %(name)s", number=rnd.number, name=rnd.name), "h2"),
        _key_values([(_("Opened"), fmt_datetime(rnd.opened_at)),
                     (_("Closed"), fmt_datetime(rnd.closed_at)),
                     (_("Votes per ballot"), str(rnd.votes_allowed))]),
        para(_("Counts"), "h3"),
        _counts(rnd),
        para(_("Votes per candidate in rank order"), "h3"),
        _results(rnd),
    ]
    if rnd.vacant_seats:
        out.append(para(_("Seats left vacant: %(n)s", n=rnd.vacant_seats), "body"))
    out += [para(note, "body", WIDTH) for note in rnd.notes]
    out += [para(_("Drawing of lots"), "h3")]
    out += [KeepTogether(_lot(lot)) for lot in rnd.lots] or [para(_("None."))]
    out += [para(_("Withdrawals"), "h3")]
    out += _remarks([Remark(f"{w.name} ({w.organisation})" + (f": {w.note}" if w.note else ""),
                            w.at) for w in rnd.withdrawals])
    out += [para(_("Reconciliation"), "h3"), *_reconciliation(rnd)]
    if rnd.doubtful:
        out += [para(_("Doubtful ballots decided by the officials"), "h3"),
                *_remarks(rnd.doubtful)]
    if rnd.corrections:
        out += [para(_("Corrections"), "h3"), *_remarks(rnd.corrections)]
    out += [para(_("Commitment (SHA-256 over the sorted ballots and tracking codes)"), "h3"),
            _mono(rnd.commitment or "–")]
    return out


def _counts(rnd: RoundProtocol) -> Table:
    """Entitled, cards, cast by source, valid, abstentions, invalid by reason."""
    rows = [
        (_("Entitled to vote (on the roll)"), rnd.entitled),
        (_("Voting cards issued"), rnd.cards_issued),
        (_("Ballots cast"), rnd.cast),
        (_("of which on devices"), rnd.cast_device),
        (_("of which on paper"), rnd.cast_paper),
        (_("Valid ballots"), rnd.valid),
        (_("of which abstentions"), rnd.abstentions),
        (_("Invalid ballots"), rnd.invalid),
        *[(_("invalid: %(reason)s", reason=reason), n) for reason, n in rnd.invalid_by_reason],
    ]
    return _grid([_("Count"), _("Number")], [(k, str(v)) for k, v in rows],
                 (WIDTH - 30 * mm, 30 * mm), numeric=(1,))


def _results(rnd: RoundProtocol) -> Table:
    """Rank, candidate, organisation, votes (yes / no in an R6 round), outcome."""
    if rnd.yes_no:
        head = [_("Rank"), _("Candidate"), _("Organisation"), _("Yes"), _("No"), _("Result")]
        rows = [(r.rank, r.name, r.organisation, r.votes, r.no_votes or 0, _outcome(r))
                for r in rnd.results]
        widths = (14 * mm, 49 * mm, 47 * mm, 15 * mm, 15 * mm, 40 * mm)
        return _grid(head, rows, widths, numeric=(0, 3, 4))
    head = [_("Rank"), _("Candidate"), _("Organisation"), _("Votes"), _("Result")]
    rows = [(r.rank, r.name, r.organisation, r.votes, _outcome(r)) for r in rnd.results]
    return _grid(head, rows, (14 * mm, 54 * mm, 54 * mm, 18 * mm, 40 * mm), numeric=(0, 3))


def _lot(lot: LotRecord) -> list[Flowable]:
    """R4.2: reason, the tied and their votes, who drew, witnesses, time, order drawn, seed."""
    tied = "; ".join(_("%(name)s: %(votes)s votes", name=n, votes=v) for n, v in lot.tied)
    order = "; ".join(f"{i}. {name}" for i, name in enumerate(lot.outcome, start=1))
    rows: list[tuple[str, str | Flowable]] = [
        (_("Reason"), lot.reason),
        *([(_("Tied candidates"), tied)] if lot.tied else []),
        (_("Method"), _("digital (seed from a public act)") if lot.seed else _("physical")),
        (_("Drawn by"), lot.drawn_by),
        (_("Witnesses"), ", ".join(lot.witnesses)),
        (_("Time"), fmt_time(lot.drawn_at)),
        (_("Outcome in draw order"), order),
    ]
    if lot.seed:
        rows += [(_("Seed"), _mono(lot.seed)), (_("Algorithm"), lot.algorithm)]
    return [_key_values(rows), Spacer(1, 2 * mm)]


def _reconciliation(rnd: RoundProtocol) -> list[Flowable]:
    """Ballots cast ≤ cards issued, the difference explained, each source reconciled (R10.8:
    devices + paper = cast; tracking codes = device ballots); a failed check is printed bold."""
    holds = rnd.cast <= rnd.cards_issued
    check = _("Ballots cast ≤ voting cards issued: %(cast)s ≤ %(issued)s, %(verdict)s",
              cast=rnd.cast, issued=rnd.cards_issued,
              verdict=_("fulfilled") if holds else _("NOT FULFILLED"))
    out: list[Flowable] = [para(check, "th" if not holds else "body"), para(_(
        "Ballots cast: %(device)s on devices + %(paper)s on paper = %(cast)s (R10.8)",
        device=rnd.cast_device, paper=rnd.cast_paper, cast=rnd.cast))]
    if rnd.cards_issued != rnd.cast:
        out.append(para(_("Difference: %(n)s voting cards issued but not used in this round.",
                          n=rnd.cards_issued - rnd.cast) if holds else
                        _("Difference: %(n)s more ballots than voting cards.",
                          n=rnd.cast - rnd.cards_issued)))
        out.append(para(_("Explanation: %(note)s", note=rnd.reconciliation_note or "–"),
                        "body", WIDTH))
    if rnd.cast != rnd.valid + rnd.invalid:
        out.append(para(_("Ballots cast ≠ valid + invalid: %(cast)s ≠ %(valid)s + %(invalid)s",
                          cast=rnd.cast, valid=rnd.valid, invalid=rnd.invalid), "th"))
    if rnd.cast != rnd.cast_device + rnd.cast_paper:
        out.append(para(_("Ballots cast ≠ on devices + on paper: %(cast)s ≠ %(device)s + "
                          "%(paper)s", cast=rnd.cast, device=rnd.cast_device,
                          paper=rnd.cast_paper), "th"))
    if rnd.tracking_codes is not None:
        out.append(para(_("Tracking codes published: %(codes)s (ballots on devices: "
                          "%(device)s)", codes=rnd.tracking_codes, device=rnd.cast_device)))
        if rnd.tracking_codes != rnd.cast_device:
            out.append(para(_("Tracking codes and ballots on devices differ: NOT FULFILLED"),
                            "th"))
    return out


def _aftermath(data: ProtocolData) -> list[Flowable]:
    """Acceptance (R7.1), successors (R7.2), vacant seats (R6.2), objections and incidents."""
    out: list[Flowable] = [para(_("Acceptance of the election"), "h2")]
    if data.acceptances:
        out.append(_grid([_("Elected"), _("Organisation"), _("Seat"), _("Declaration"),
                          _("Declared")], [_acceptance(a) for a in data.acceptances],
                         (45 * mm, 45 * mm, 30 * mm, 30 * mm, 30 * mm)))
    else:
        out.append(para(_("None.")))
    out.append(para(_("Successors in runoff rank order"), "h3"))
    if data.successors:
        rows = [(s.position, s.name, s.organisation, s.votes, s.replaces or "–")
                for s in data.successors]
        out.append(_grid([_("Position"), _("Name"), _("Organisation"), _("Votes"),
                          _("Took the seat of")], rows,
                         (18 * mm, 50 * mm, 50 * mm, 17 * mm, 45 * mm), numeric=(0, 3)))
    else:
        out.append(para(_("None.")))
    if data.vacancy_note:
        out += [para(_("Vacant seats"), "h3"), para(data.vacancy_note, "body", WIDTH)]
    out += [para(_("Objections"), "h2"), *_remarks(data.objections)]
    out += [para(_("Incidents"), "h2"), *_remarks(data.incidents)]
    return out


def _acceptance(a: Acceptance) -> tuple[str, str, str, str, str]:
    """One row of the acceptance table."""
    decisions = {"accepted": _("accepted"), "declined": _("declined"),
                 "deadline_missed": _("no declaration by the deadline: counts as declined"),
                 "pending": _("pending")}
    seat = {SeatType.NONE: "–", SeatType.WOMEN: _("women's seat"),
            SeatType.OPEN: _("open seat")}[a.seat_type]
    when = fmt_datetime(a.declared_at) if a.declared_at else "–"
    return a.name, a.organisation, seat, decisions.get(a.decision, a.decision), when


def _signatures(data: ProtocolData) -> list[Flowable]:
    """Signature lines for the returning officer, each assessor and the recorder."""
    people = [(_("Returning officer"), data.returning_officer),
              *[(_("Assessor"), name) for name in data.assessors],
              (_("Recorder"), data.recorder)]
    rows: list[list] = []
    for role, name in people:
        rows += [["", "", ""], [para(f"{role}: {name}", "small", 90 * mm), "",
                                para(_("Place, date"), "small")]]
    lines = [("LINEABOVE", (col, i), (col, i), 0.5, colors.black)
             for i in range(1, len(rows), 2) for col in (0, 2)]
    table = Table(rows, colWidths=(95 * mm, 10 * mm, 75 * mm),
                  rowHeights=[14 * mm, None] * len(people))
    table.setStyle(TableStyle([*lines, ("FONT", (0, 0), (-1, -1), FONT, 8)]))
    return [KeepTogether([para(_("Signatures"), "h2"),
                          para(_("We confirm that this protocol is correct and complete.")),
                          table])]

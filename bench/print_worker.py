"""One printing run in a fresh process (its own peak memory):
``python -m bench.print_worker {badges|attendance} N {app|floor}`` prints JSON seconds and MB.

The floor is a bare reportlab script doing the same drawing work with the least code: the same
QR encoder drawn as one path per code, and the same number of text lines, no layout logic.
"""

from __future__ import annotations

import io
import json
import resource
import sys
import time
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

NAMES = ["Jürgen Müller", "Ayşe Yılmaz", "Олена Шевченко", "فاطمة الزهراء", "Nguyễn Văn An"]


def people(count: int) -> list[tuple[str, str, str]]:
    return [
        (f"{NAMES[i % 5]} {i}", f"Verein {i % 40} e.V.", f"T1-{i:06d}-ABCDEFGHJK-MNPQRSTVWX")
        for i in range(count)
    ]


def app_badges(count: int) -> bytes:
    from app.documents import badges_pdf
    from app.documents.data import BadgeData

    return badges_pdf(
        [
            BadgeData(n, o, "Migrant*innenorganisation", "#0B5394", t, "Konferenz")
            for n, o, t in people(count)
        ],
        layout="a6",
    )


def app_attendance(count: int) -> bytes:
    from app.documents import attendance_list_pdf
    from app.documents.data import AttendanceRow, EventDay, EventInfo

    day = EventDay(datetime(2026, 3, 14, 9), datetime(2026, 3, 14, 17))
    event = EventInfo("Integrationskonferenz", "Konferenz", (day,), "Rathaus", "Saal 1")
    rows = [
        AttendanceRow(n, o, "Verwaltung", datetime(2026, 3, 14, 9, 5)) for n, o, _ in people(count)
    ]
    return attendance_list_pdf(event, None, rows, datetime(2026, 3, 14, 8))


def _font() -> None:
    pdfmetrics.registerFont(TTFont("FloorSans", "DejaVuSans.ttf"))


def floor_badges(count: int) -> bytes:
    from app.documents.qr import qr_modules

    _font()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    w, h = A4[0] / 2, A4[1] / 2
    for i, (name, organisation, token) in enumerate(people(count)):
        x, y = (i % 2) * w, ((i // 2) % 2) * h
        c.setFont("FloorSans", 20)
        c.drawString(x + 10 * mm, y + h - 20 * mm, name)
        c.setFont("FloorSans", 11)
        c.drawString(x + 10 * mm, y + h - 30 * mm, organisation)
        c.drawString(x + 10 * mm, y + 12 * mm, "Migrant*innenorganisation")
        box = 40 * mm / 41
        path = c.beginPath()
        for r, row in enumerate(qr_modules(token, choose_mask=False)):
            for col, dark in enumerate(row):
                if dark:
                    path.rect(x + 50 * mm + col * box, y + 20 * mm + r * box, box, box)
        c.drawPath(path, stroke=0, fill=1)
        if i % 4 == 3:
            c.showPage()
    c.save()
    return buf.getvalue()


def floor_attendance(count: int) -> bytes:
    _font()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    y = A4[1] - 20 * mm
    for i, (name, organisation, _) in enumerate(people(count)):
        c.setFont("FloorSans", 9)
        for x, text in (
            (15, str(i + 1)),
            (25, name),
            (80, organisation),
            (125, "Verwaltung"),
            (155, "09:05"),
        ):
            c.drawString(x * mm, y, text)
        c.line(15 * mm, y - 2 * mm, 195 * mm, y - 2 * mm)
        y -= 6 * mm
        if y < 20 * mm:
            c.showPage()
            y = A4[1] - 20 * mm
    c.save()
    return buf.getvalue()


JOBS = {
    ("badges", "app"): app_badges,
    ("badges", "floor"): floor_badges,
    ("attendance", "app"): app_attendance,
    ("attendance", "floor"): floor_attendance,
}

if __name__ == "__main__":
    what, count, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    import app.documents  # noqa: F401 - imports (flask, babel) are not part of the figure

    started = time.perf_counter()
    pdf = JOBS[(what, kind)](count)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "pdf_kb": len(pdf) / 1024}))

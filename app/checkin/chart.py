"""Arrivals per 10 minutes as plain numbers for a server-rendered SVG bar chart.

The template draws the bars with SVG attributes and CSS classes only (the CSP forbids
``style=`` attributes), so the chart needs no script and prints as it looks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

BUCKET = timedelta(minutes=10)
WIDTH, HEIGHT, AXIS = 600, 180, 20
MAX_BARS = 72  # 12 hours; older arrivals are summed into the first bar


@dataclass(frozen=True)
class Bar:
    """One 10-minute bucket, already in SVG coordinates."""

    start: datetime
    count: int
    x: float
    y: float
    width: float
    height: float


def bucket_start(at: datetime) -> datetime:
    return at.replace(minute=at.minute - at.minute % 10, second=0, microsecond=0)


def arrival_bars(times: Iterable[datetime], *, until: datetime | None = None) -> list[Bar]:
    """Bars from the first arrival's bucket to ``until`` (or the last arrival)."""
    counts = Counter(bucket_start(t) for t in times)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    if until is not None:
        last = max(last, bucket_start(until))
    if (last - first) / BUCKET >= MAX_BARS:
        cut = last - BUCKET * (MAX_BARS - 1)
        early = sum(n for start, n in counts.items() if start < cut)
        counts = Counter({s: n for s, n in counts.items() if s >= cut})
        counts[cut] += early
        first = cut
    slots = int((last - first) / BUCKET) + 1
    peak = max(counts.values())
    slot_w = WIDTH / slots
    bars = []
    for index in range(slots):
        start = first + index * BUCKET
        count = counts.get(start, 0)
        height = (HEIGHT - AXIS) * count / peak
        bars.append(
            Bar(
                start=start,
                count=count,
                x=round(index * slot_w + slot_w * 0.1, 2),
                y=round(HEIGHT - AXIS - height, 2),
                width=round(slot_w * 0.8, 2),
                height=round(height, 2),
            )
        )
    return bars

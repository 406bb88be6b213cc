"""The app's side of the printing scenario: the real routes, called through Flask's test client.

The test client runs the whole request as a server would — login check, the route's data
gathering from the database, the ``app.documents`` function, the response — without a socket,
whose cost would only add noise to a figure of seconds. The organiser or official is logged in
the way the test suite does it (a session cookie naming the account), before the clock starts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

#: job → the route's path for the seeded object
ROUTES: dict[str, Callable[[int], str]] = {
    "badges": lambda event_id: f"/checkin/events/{event_id}/badges.pdf?layout=a6",
    "attendance": lambda event_id: f"/checkin/events/{event_id}/attendance.pdf",
    "protocol": lambda election_id: f"/elections/{election_id}/protocol.pdf?lang=de",
    "candidates": lambda election_id: f"/elections/{election_id}/candidates.pdf",
}


def prepare(job: str, database_url: str, instance: Path, target: int,
            user_id: int | None) -> Callable[[], bytes]:
    """Everything a running server has done before the request; returns the request."""
    from app.documents.fonts import register_fonts
    from bench.seed import app_for

    app = app_for(database_url, instance)
    client = app.test_client()
    if user_id is not None:
        with client.session_transaction() as session:
            session["_user_id"] = str(user_id)
            session["_fresh"] = True
    register_fonts()  # once per process in a server, long before anyone prints
    path = ROUTES[job](target)

    def request() -> bytes:
        response = client.get(path, headers={"Accept-Language": "de"})
        if response.status_code != 200 or response.mimetype != "application/pdf":
            raise RuntimeError(f"GET {path}: {response.status_code} {response.mimetype}")
        return response.data

    return request

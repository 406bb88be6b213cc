"""The check-in area's blueprint; the view modules attach their routes to it."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("checkin", __name__, url_prefix="/checkin")

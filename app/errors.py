"""Friendly error pages in the user's language, JSON under /api/; never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable
from werkzeug.wrappers import Response

from app.extensions import db

log = logging.getLogger(__name__)

MESSAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    401: (_l("Please log in"), _l("This page needs a login.")),
    403: (_l("Access denied"), _l("Your account may not open this page.")),
    404: (_l("Page not found"), _l("There is no page at this address.")),
    405: (_l("Not allowed"), _l("This action is not possible here.")),
    409: (_l("Conflict"), _l("This could not be done because something changed in the meantime.")),
    413: (_l("Too large"), _l("The upload is too large.")),
    422: (_l("Check your input"), _l("Some of the input is not valid.")),
    429: (_l("Too many attempts"), _l("Please wait a moment and try again.")),
    500: (_l("Something went wrong"), _l("We could not finish this. Please try again later.")),
    503: (
        _l("Temporarily unavailable"),
        _l("The service is briefly unavailable. Please try again in a minute."),
    ),
}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(code: int, detail: str | None = None) -> tuple[Response | str, int]:
    """Render an error as JSON for the API and as a page for everybody else."""
    title, text = MESSAGES.get(code, MESSAGES[500])
    if wants_json():
        return jsonify({"status": "error", "code": code, "message": str(detail or text)}), code
    return render_template("errors/error.html", code=code, title=title, text=detail or text), code


def _http_error(error: HTTPException) -> tuple[Response | str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    if error.code == 422 and wants_json() and getattr(error, "data", None):
        # field errors from flask-smorest/webargs: its own JSON with the "errors" per field
        return current_app.extensions["teilhabe_api"].handle_http_exception(error)
    return error_response(error.code, getattr(error, "user_message", None))


def _csrf_error(error: CSRFError) -> tuple[Response | str, int]:
    return error_response(
        400, str(_l("The form has expired. Please reload the page and send it again."))
    )


def _database_error(error: DBAPIError) -> tuple[Response | str, int]:
    """A lost or refused connection is a 503 the client may retry; anything else is a 500."""
    db.session.rollback()
    if isinstance(error, OperationalError) or error.connection_invalidated:
        log.warning("database unavailable: %s", type(error.orig).__name__)
        return error_response(503)
    log.exception("database error on %s %s", request.method, request.path)
    return error_response(500)


def _unexpected(error: Exception) -> tuple[Response | str, int]:
    if isinstance(error, HTTPException):
        return _http_error(error)  # type: ignore[return-value]
    log.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return error_response(500)


def register(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(DBAPIError, _database_error)
    app.register_error_handler(ServiceUnavailable, _http_error)
    app.register_error_handler(InternalServerError, _unexpected)
    app.register_error_handler(Exception, _unexpected)

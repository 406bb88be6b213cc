"""The JSON API under /api/v1, documented by flask-smorest at /api/v1/openapi.json.

Areas add their blueprints with :func:`register`. API routes are exempt from the form CSRF
check because they authenticate by token; a request that relies on the session cookie must
still send the CSRF token in the ``X-CSRFToken`` header (see :func:`app.api.auth`).
"""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api, Blueprint

from app.extensions import csrf

meta = Blueprint("api_meta", __name__, url_prefix="/api/v1", description="About this API")


@meta.get("/version")
@meta.response(200, description="Application and API version")
def version() -> dict[str, str]:
    """Which version of teilhabe and of the API answers here."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as package_version

    try:
        app_version = package_version("teilhabe")
    except PackageNotFoundError:
        app_version = "unknown"
    return {"app": app_version, "api": "v1"}


def register(app: Flask, blueprint: Blueprint) -> None:
    """Add an area's API blueprint to the OpenAPI document, without form CSRF."""
    csrf.exempt(blueprint)
    app.extensions["teilhabe_api"].register_blueprint(blueprint)


def init_app(app: Flask) -> None:
    """One Api per application, so test apps never share an OpenAPI document."""
    app.extensions["teilhabe_api"] = Api(app)
    register(app, meta)

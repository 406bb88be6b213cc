"""Security headers (Flask-Talisman) and the content security policy.

No inline scripts or styles anywhere: every script and stylesheet is a file under
``app/static/``, so the policy can stay strict.
"""

from __future__ import annotations

from flask import Flask

from app.extensions import talisman

CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "connect-src": "'self'",
    "worker-src": ["'self'", "blob:"],
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}

#: The scanner page needs the camera; nothing needs anything else.
PERMISSIONS_POLICY = {
    "camera": "(self)",
    "microphone": "()",
    "geolocation": "()",
    "payment": "()",
}


def init_app(app: Flask) -> None:
    talisman.init_app(
        app,
        force_https=app.config["FORCE_HTTPS"],
        strict_transport_security=app.config["FORCE_HTTPS"],
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True,
        content_security_policy=CONTENT_SECURITY_POLICY,
        permissions_policy=PERMISSIONS_POLICY,
        referrer_policy="same-origin",
        frame_options="DENY",
        x_content_type_options=True,
    )

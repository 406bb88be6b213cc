"""Configuration from environment variables.

Development and testing get safe local defaults (SQLite in ``instance/``, mail written to
``instance/outbox/``). Production (``TEILHABE_ENV=production``) has no usable default for any
secret: :func:`check_production` refuses to start without them and says why.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("TEILHABE_INSTANCE", BASE_DIR / "instance"))

#: Locales offered in the language switch and for mails. German first: it is the default.
#: Each needs a catalog in app/translations (tests/test_i18n.py checks).
LANGUAGES = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
}
RTL_LANGUAGES = frozenset({"ar", "fa", "he"})
#: Values that must never be accepted as SECRET_KEY in production.
KNOWN_WEAK_SECRETS = frozenset({"", "dev", "secret", "changeme", "change-me", "development"})


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _dev_secret_key() -> str:
    """A random key kept in instance/ so development sessions survive a restart."""
    path = INSTANCE_DIR / "dev-secret-key"
    if path.exists():
        return path.read_text().strip()
    INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def database_url() -> str:
    """``DATABASE_URL`` or an SQLite file in instance/; postgres:// is normalised to psycopg 3."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'teilhabe.db'}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load() -> dict[str, Any]:
    """Read the whole configuration from the environment."""
    env = os.environ.get("TEILHABE_ENV", "development").strip().lower()
    production = env == "production"
    secret = os.environ.get("SECRET_KEY")
    if secret is None and not production:
        secret = _dev_secret_key()
    return {
        "ENV_NAME": env,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": database_url(),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "INSTANCE_DIR": str(INSTANCE_DIR),
        "BASE_URL": os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        # Sessions and cookies
        "SESSION_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", production),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": _bool("SESSION_COOKIE_SECURE", production),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "FORCE_HTTPS": _bool("FORCE_HTTPS", production),
        "PROXY_FIX": _bool("PROXY_FIX", False),
        # Forms
        "WTF_CSRF_TIME_LIMIT": 8 * 3600,  # a volunteer's shift at the door
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        # Languages
        "LANGUAGES": LANGUAGES,
        "BABEL_DEFAULT_LOCALE": "de",
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIMEZONE", "Europe/Berlin"),
        # Rate limits
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "LOGIN_RATE_LIMIT": os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour"),
        #: refused voting-card codes per address (valid ballots never count)
        "BALLOT_RATE_LIMIT": os.environ.get("BALLOT_RATE_LIMIT", "10 per minute"),
        #: a voting card held by a device (kiosk tablet) is forgotten after this idle time
        "BALLOT_IDLE_SECONDS": int(os.environ.get("BALLOT_IDLE_SECONDS", "600")),
        # Mail: an outbox folder unless MAIL_SERVER is set
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", ""),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "587")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool("MAIL_USE_TLS", True),
        "MAIL_USE_SSL": _bool("MAIL_USE_SSL", False),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "teilhabe@localhost"),
        "MAIL_OUTBOX_DIR": os.environ.get("MAIL_OUTBOX_DIR", str(INSTANCE_DIR / "outbox")),
        "MAIL_TIMEOUT": int(os.environ.get("MAIL_TIMEOUT", "15")),
        #: send a request's mails in the request itself (tests) instead of a thread after it
        "MAIL_DELIVER_IN_REQUEST": _bool("MAIL_DELIVER_IN_REQUEST", False),
        # API documentation (flask-smorest)
        "API_TITLE": "teilhabe API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }


class ConfigurationError(RuntimeError):
    """Raised at start-up when production settings are missing or unsafe."""


def check_production(config: dict[str, Any]) -> None:
    """Refuse to run in production with a missing or weak secret, saying exactly why."""
    if config.get("ENV_NAME") != "production":
        return
    secret = config.get("SECRET_KEY") or ""
    if secret.strip().lower() in KNOWN_WEAK_SECRETS:
        raise ConfigurationError(
            "SECRET_KEY is missing or a known default. Set SECRET_KEY to a random value of at "
            "least 32 characters, e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))'"
        )
    if len(secret) < 32:
        raise ConfigurationError(
            "SECRET_KEY is shorter than 32 characters; use a longer random value."
        )
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") and not _bool(
        "ALLOW_SQLITE_IN_PRODUCTION", False
    ):
        raise ConfigurationError(
            "DATABASE_URL is not set: production needs PostgreSQL "
            "(or set ALLOW_SQLITE_IN_PRODUCTION=1 for a single-process installation)."
        )

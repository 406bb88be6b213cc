"""Production refuses to start without real secrets; development has safe defaults."""

from __future__ import annotations

import pytest

import config
from app import create_app


def production(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    monkeypatch.setenv("TEILHABE_ENV", "production")
    monkeypatch.setenv("DATABASE_URL", "postgresql://u@127.0.0.1/db")
    for name in ("SECRET_KEY",):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


@pytest.mark.parametrize("secret", [None, "", "changeme", "short-but-not-default"])
def test_production_refuses_missing_or_weak_secret(monkeypatch, secret) -> None:
    production(monkeypatch, **({"SECRET_KEY": secret} if secret is not None else {}))
    with pytest.raises(config.ConfigurationError, match="SECRET_KEY"):
        create_app()


def test_production_refuses_sqlite_without_opt_in(monkeypatch) -> None:
    production(monkeypatch, SECRET_KEY="k" * 40)
    monkeypatch.delenv("DATABASE_URL")
    with pytest.raises(config.ConfigurationError, match="DATABASE_URL"):
        create_app()


def test_production_with_real_secret_starts_with_secure_cookies(monkeypatch) -> None:
    production(monkeypatch, SECRET_KEY="k" * 40)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["FORCE_HTTPS"] is True


def test_development_key_is_random_and_kept(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("TEILHABE_ENV", raising=False)
    first = config.load()["SECRET_KEY"]
    assert len(first) >= 40 and first == config.load()["SECRET_KEY"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("postgres://u:p@h/db", "postgresql+psycopg://u:p@h/db"),
        ("postgresql://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_database_url_uses_psycopg3(monkeypatch, raw, expected) -> None:
    monkeypatch.setenv("DATABASE_URL", raw)
    assert config.database_url() == expected

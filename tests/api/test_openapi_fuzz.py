"""Schemathesis (CLI, all its phases incl. boundary values) against the generated OpenAPI
document of a live app: no 5xx on any input, and every documented response conforms to its
schema. New API routes are covered as soon as they are in the document."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from flask import Flask

from app.auth.models import Role
from tests.conftest import log_in

ST = str(Path(sys.executable).with_name("st"))
CHECKS = "not_a_server_error,response_schema_conformance"


def staff_cookie(app: Flask, create_user) -> str:  # noqa: ANN001
    client = app.test_client()
    log_in(client, create_user(Role.ADMIN))
    client.get("/staff")
    return f"session={client.get_cookie('session').value}"


def schemathesis_run(base: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run in a scratch folder: schemathesis keeps replay data in its working directory."""
    with tempfile.TemporaryDirectory() as scratch:
        return _run(base, scratch, *extra)


def _run(base: str, cwd: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            ST,
            "run",
            f"{base}/api/v1/openapi.json",
            "--checks",
            CHECKS,
            "--max-examples",
            "30",
            "--generation-deterministic",
            "--no-color",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=cwd,
    )


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_api_never_fails_and_matches_its_schema(
    app: Flask, live_server: str, create_user, who: str
) -> None:
    extra = ["-H", f"Cookie: {staff_cookie(app, create_user)}"] if who == "staff" else []
    result = schemathesis_run(live_server, *extra)
    assert result.returncode == 0, result.stdout[-6000:]


def test_openapi_document_describes_v1(client) -> None:  # noqa: ANN001
    document = client.get("/api/v1/openapi.json").json
    assert document["info"]["title"] == "teilhabe API"
    assert any(path.startswith("/api/v1/") for path in document["paths"])

"""The README's commands on a fresh machine: `make test` never silently skips PostgreSQL, and
`scripts/system-deps.sh` fails only for what the tests need (issue 2)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Prerequisites of `make test` that would install things; the recipe itself is under test
SKIP_INSTALL = ["-o", "system-deps", "-o", "install-dev", "-o", "assets"]
make = shutil.which("make")
#: Where Debian puts what apt installs (not a developer's pyenv or venv)
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def _make_test(ensure_postgres: str) -> subprocess.CompletedProcess[str]:
    command = [make, "-s", *SKIP_INSTALL, "test", f"ENSURE_POSTGRES={ensure_postgres}"]
    return subprocess.run(
        [*command, "PYTEST_ARGS=--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "TEST_DATABASE_URL"},
        timeout=120,
    )


@pytest.mark.skipif(make is None, reason="make is not installed")
def test_make_test_fails_when_no_postgres_can_be_found() -> None:
    result = _make_test("false")
    assert result.returncode != 0
    assert "no PostgreSQL for the tests" in result.stderr
    assert "pytest" not in result.stdout  # the suite did not run on SQLite alone


@pytest.mark.skipif(make is None, reason="make is not installed")
def test_make_test_hands_the_postgres_url_to_pytest() -> None:
    result = _make_test("echo postgresql://postgres@127.0.0.1:5432/test")
    assert result.returncode == 0, result.stderr
    assert "Testing on SQLite and postgresql://postgres@127.0.0.1:5432/test" in result.stderr


def _system_deps_without(*missing: str) -> subprocess.CompletedProcess[str]:
    """Run system-deps.sh as a non-root user whose PATH lacks ``missing`` commands."""
    wanted = [
        "bash",
        "id",
        "python3",
        "make",
        "npm",
        "chromium",
        "pdftotext",
        "pdftoppm",
        "zbarimg",
        "psql",
        "pg_ctlcluster",
        "wrk",
    ]
    available = {
        name: shutil.which(name, path=SYSTEM_PATH) for name in wanted if name not in missing
    }
    if not all(available.values()):
        pytest.skip("this machine lacks a command the check needs")
    bin_dir = Path(tempfile.mkdtemp(prefix="teilhabe-path-"))
    try:
        bin_dir.chmod(0o755)
        for name, target in available.items():
            (bin_dir / name).symlink_to(target)
        script = (ROOT / "scripts" / "system-deps.sh").read_text()
        command = [str(bin_dir / "bash"), "-c", script]
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("setpriv is needed to run the check as a non-root user")
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
        return subprocess.run(
            command, capture_output=True, text=True, env={"PATH": str(bin_dir)}, timeout=60
        )
    finally:
        shutil.rmtree(bin_dir)


def test_system_deps_does_not_fail_the_tests_for_wrk_alone() -> None:
    result = _system_deps_without("wrk")
    assert result.returncode == 0, result.stderr
    assert "wrk" in result.stderr and "make bench" in result.stderr


def test_system_deps_fails_without_root_when_the_tests_need_a_package() -> None:
    result = _system_deps_without("zbarimg", "make")
    assert result.returncode == 1
    assert "zbar-tools" in result.stderr and "make" in result.stderr

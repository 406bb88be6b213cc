"""The boundary of voting/ (STYLE.md, ARCHITECTURE.md): standard library only, no clock, no chance.

Helios shows how quietly this boundary leaks; the test reads the source with `ast`, so an import
hidden in a function or a call to the clock fails here before review.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "voting"
SOURCES = sorted(PACKAGE.glob("*.py"))
#: Modules whose mere import means a clock or randomness inside voting/
FORBIDDEN_MODULES = {"time", "random", "secrets", "uuid"}
#: Attribute calls that read the clock or draw randomness, whatever they were imported as
FORBIDDEN_CALLS = {
    "now",
    "utcnow",
    "today",
    "time",
    "uuid1",
    "uuid4",
    "urandom",
    "token_hex",
    "token_bytes",
    "randbits",
    "getrandbits",
    "monotonic",
    "perf_counter",
}


def imported_modules(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append(("." if node.level else node.module or "", node.lineno))
    return found


def test_voting_has_modules_to_check():
    assert {p.name for p in SOURCES} >= {"rules.py", "lots.py", "ledger.py", "audit.py"}


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_voting_imports_only_the_standard_library(path):
    for name, line in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
        top = name.split(".")[0]
        allowed = top in ("", "voting") or top in sys.stdlib_module_names
        assert allowed, f"{path.name}:{line} imports {name}, not standard library"
        assert top not in FORBIDDEN_MODULES, f"{path.name}:{line} imports {name}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_voting_never_reads_the_clock_or_draws_randomness(path):
    """The caller passes times, lot outcomes and random ids in (ELECTION.md R4.1, R10.4)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert name not in FORBIDDEN_CALLS, f"{path.name}:{node.lineno} calls {name}()"
        if isinstance(node, ast.ImportFrom) and node.module == "datetime":
            names = {a.name for a in node.names}
            assert not names & {"datetime", "date"}, f"{path.name}:{node.lineno} imports dates"


def test_boundary_check_catches_a_leak(tmp_path):
    """The checks above would fail on the typical leaks."""
    tree = ast.parse("import flask\nfrom sqlalchemy import select\nimport uuid\nuuid.uuid4()\n")
    tops = [n.split(".")[0] for n, _ in imported_modules(tree)]
    assert [t for t in tops if t not in sys.stdlib_module_names] == ["flask", "sqlalchemy"]
    calls = [n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert set(calls) & FORBIDDEN_CALLS

"""`flask demo seed` fills an empty database once and prints working logins."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient


def test_demo_seed_prints_logins_that_work(app: Flask, runner, client: FlaskClient) -> None:
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "admin@teilhabe.example" in x)
    password = line.split("password:")[1].strip()
    response = client.post("/login", data={"email": "admin@teilhabe.example", "password": password})
    assert response.headers["Location"] == "/staff"


def test_demo_seed_twice_loads_nothing_more(runner) -> None:
    runner.invoke(args=["demo", "seed"])
    again = runner.invoke(args=["demo", "seed"])
    assert again.exit_code == 0 and "already has data" in again.output
    assert "admin@teilhabe.example" in again.output

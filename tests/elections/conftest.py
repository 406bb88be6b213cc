"""The election tests read the English source texts; German is covered by the i18n tests."""

from __future__ import annotations

import pytest
from flask import Flask


@pytest.fixture
def client(app: Flask):  # noqa: ANN201
    test_client = app.test_client()
    test_client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return test_client

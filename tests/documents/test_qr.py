"""The faster QR encoder gives reportlab's matrix module for module (``app/documents/qr.py``)."""

from __future__ import annotations

import pytest
from reportlab.graphics.barcode import qrencoder

from app.documents.qr import qr_modules

PAYLOADS = [
    "T1-1-ABCDEFGHIJKLMNOP-QRSTUVWXYZ234567",  # a ticket token: alphanumeric, version 3
    "T1-987654321012-7K3QX9ZP2M4B8C6D-0F5A9E2C7B1D3E4F",
    "t1:7k3qx9zp2m4b8c6d:0f5a9e2c7b1d3e4f",  # bytes
    "0123456789" * 3,  # numeric
    "https://teilhabe.example.org/vote/c/ABCD-EFGH-JKLM-NPQR-STUV",  # a voting card
    "https://teilhabe.example.org/vote/c/" + "K" * 120,  # several blocks, version ≥ 7
    "Ünïcödé, العربية",
    "x",
]


def reportlab_modules(payload: str, choose_mask: bool) -> list[list[bool]]:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(payload)
    if choose_mask:
        code.make()
    else:
        code.version = code.calculate_version()
        code.makeImpl(False, 0)
    return [list(map(bool, row)) for row in code.modules]


@pytest.mark.parametrize("choose_mask", [True, False])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_same_matrix_as_reportlab(payload: str, choose_mask: bool) -> None:
    assert qr_modules(payload, choose_mask=choose_mask) == reportlab_modules(payload, choose_mask)


def test_every_version_the_tokens_reach() -> None:
    for length in range(1, 200, 7):
        payload = "T1-" + "A7" * length
        assert qr_modules(payload, choose_mask=False) == reportlab_modules(payload, False)

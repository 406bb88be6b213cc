"""Copy the browser libraries we serve from npm's node_modules into app/static/vendor.

Served from our own origin (never a CDN): the strict CSP allows only 'self', and venue
Wi-Fi often cannot reach third-party hosts.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "app" / "static" / "vendor"
FILES = {
    # qr-scanner imports its worker relative to itself: keep both in one folder.
    "qr-scanner/qr-scanner.min.js": "qr-scanner.min.js",
    "qr-scanner/qr-scanner-worker.min.js": "qr-scanner-worker.min.js",
}


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    for source, target in FILES.items():
        shutil.copyfile(ROOT / "node_modules" / source, VENDOR / target)


if __name__ == "__main__":
    main()

"""Debian's Chromium, headless and offline: the flags benchmarks and browser tests share.

See ../shared/TOOLCHAIN.md §1: no sandbox as root, no background traffic, no DNS at all.
"""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]

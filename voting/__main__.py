"""`python -m voting verify export.json`: recount an election from its audit export (R11.4).

Prints PASS/FAIL/SKIP per check and exits 0 only when nothing failed; `--json` prints the checks
as JSON instead. Standard library only, so an auditor needs nothing but Python 3.11.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from voting.audit import verify_export
from voting.reading import read_export


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m voting")
    sub = parser.add_subparsers(dest="command", required=True)
    verify = sub.add_parser("verify", help="verify an audit export")
    verify.add_argument("export", help="path to the export JSON")
    verify.add_argument("--json", action="store_true", help="print the checks as JSON")
    args = parser.parse_args(argv)
    try:
        data = read_export(args.export)
    except (OSError, ValueError) as exc:
        print(f"FAIL  read export: {exc}")
        return 2
    checks = verify_export(data)
    if args.json:
        print(json.dumps([c.__dict__ for c in checks], ensure_ascii=False, indent=2))
    else:
        for c in checks:
            print(f"{c.status:<5} {c.name}" + (f": {c.message}" if c.message else ""))
    failed = sum(c.status == "FAIL" for c in checks)
    if not args.json:
        print(f"{len(checks) - failed} of {len(checks)} checks passed or skipped, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

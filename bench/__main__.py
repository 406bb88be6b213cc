"""``python -m bench [--db sqlite|postgresql|both] [--quick] [--only NAME ...]``."""

from __future__ import annotations

import argparse
import importlib
import tempfile
import traceback
from pathlib import Path

from bench.report import Row, table, write

SCENARIOS = ["checkin", "registration", "casting", "counting", "printing", "pages"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one repetition")
    parser.add_argument("--only", nargs="*", choices=SCENARIOS, default=SCENARIOS)
    args = parser.parse_args()
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="teilhabe-bench-") as tmp:
        for name in args.only:
            module = importlib.import_module(f"bench.scenarios.{name}")
            for database in databases:
                work = Path(tmp) / f"{name}-{database}"
                work.mkdir()
                before = len(rows)
                try:
                    rows.extend(module.run(database, work, args.quick))
                except Exception as error:  # noqa: BLE001 - report and go on with the others
                    traceback.print_exc()
                    rows.append(
                        Row(name, "failed", database, str(error)[:60], float("nan"), None, True)
                    )
                print(table(rows[before:]), flush=True)
    print("\n" + table(rows))
    print(f"\nwritten to {write(rows, databases)}")


if __name__ == "__main__":
    main()

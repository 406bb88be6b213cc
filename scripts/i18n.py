"""Translation workflow: ``python scripts/i18n.py extract|compile|status``.

* ``extract`` collects every message from app/ and templates/ into messages.pot, updates each
  catalog, and fills the English catalog with the source text (msgids are English).
* ``compile`` writes the .mo files the app reads; the install step runs it.
* ``status`` lists what each catalog still lacks.
* ``export-missing LOCALE FILE.json`` writes what a locale lacks as a work list for a
  translator; ``apply LOCALE FILE.json`` fills the catalog from the translated list.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"
POT = TRANSLATIONS / "messages.pot"
LOCALES = ("de", "en", "tr", "ar", "uk")
#: Every message must be translated into these; the rest need only what attendees see.
COMPLETE_LOCALES = ("de", "en")
PUBLIC_MARKERS = (
    "/public/",
    "/public_",
    "templates/base.html",
    "templates/_",
    "templates/errors/",
    "templates/core/index.html",
    "templates/core/privacy.html",
    "app/errors.py",
    "app/i18n.py",
    "app/input_guard.py",
    "app/forms.py",
    "app/documents/tickets.py",
)


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


def catalog_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def is_public(message: object) -> bool:
    """A message shown to attendees or voters (it appears in a public source file)."""
    return any(
        any(marker in filename for marker in PUBLIC_MARKERS)
        for filename, _ in message.locations  # type: ignore[attr-defined]
    )


def extract_template(target: Path) -> None:
    """Collect every message of app/ and templates/ into the template ``target``."""
    pybabel(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_l",
        "-k",
        "lazy_gettext",
        "-k",
        "lazy_ngettext:1,2",
        "--no-wrap",
        "--ignore-dirs",
        ".* ._ node_modules instance",
        "--sort-by-file",
        "-o",
        str(target),
        ".",
    )


def extract() -> None:
    extract_template(POT)
    for locale in LOCALES:
        command = "update" if catalog_path(locale).exists() else "init"
        extra = ["--no-wrap", "--ignore-obsolete"] if command == "update" else ["--no-wrap"]
        pybabel(
            command,
            "-i",
            str(POT.relative_to(ROOT)),
            "-d",
            str(TRANSLATIONS.relative_to(ROOT)),
            "-l",
            locale,
            *extra,
        )
    _fill_english()


def _fill_english() -> None:
    """English msgids are the English text: copy them so the catalog is complete."""
    path = catalog_path("en")
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="en")
    for message in catalog:
        if not message.id:
            continue
        message.flags.discard("fuzzy")
        if isinstance(message.id, tuple):
            message.string = tuple(
                message.id[i if i < 2 else 1] for i in range(len(message.string))
            )
        else:
            message.string = message.id
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def compile_catalogs() -> None:
    pybabel("compile", "-d", str(TRANSLATIONS.relative_to(ROOT)), "--statistics")


def missing(locale: str, *, public_only: bool) -> list[str]:
    """Message ids without a (non-fuzzy) translation in ``locale``."""
    with catalog_path(locale).open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    with POT.open("rb") as handle:
        template = read_po(handle)
    result = []
    for message in template:
        if not message.id or (public_only and not is_public(message)):
            continue
        translated = catalog.get(message.id, message.context)
        strings = translated.string if translated else None
        empty = not strings or (isinstance(strings, tuple) and not all(strings))
        if empty or (translated and translated.fuzzy):
            result.append(message.id if isinstance(message.id, str) else message.id[0])
    return result


def export_missing(locale: str, target: Path) -> int:
    """Write the messages ``locale`` lacks as a JSON work list for a translator."""
    lacking = set(missing(locale, public_only=locale not in COMPLETE_LOCALES))
    with POT.open("rb") as handle:
        template = read_po(handle)
    entries = []
    for message in template:
        key = message.id if isinstance(message.id, str) else (message.id or ("",))[0]
        if key and key in lacking:
            plural = message.id[1] if isinstance(message.id, tuple) else None
            where = [f"{name}:{line}" for name, line in message.locations][:3]
            entries.append(
                {"msgid": key, "msgid_plural": plural, "where": where, "translation": None}
            )
    target.write_text(json.dumps(entries, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(entries)


def apply_translations(locale: str, source: Path) -> int:
    """Fill ``locale``'s catalog from a translated JSON work list; returns entries applied."""
    path = catalog_path(locale)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    by_first_id = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    applied = 0
    for entry in json.loads(source.read_text(encoding="utf-8")):
        message = by_first_id.get(entry["msgid"])
        translation = entry.get("translation")
        if message is None or not translation:
            continue
        message.string = tuple(translation) if isinstance(message.id, tuple) else translation
        message.flags.discard("fuzzy")
        applied += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)
    return applied


def status() -> int:
    gaps = 0
    for locale in LOCALES:
        lacking = missing(locale, public_only=locale not in COMPLETE_LOCALES)
        gaps += len(lacking)
        print(f"{locale}: {len(lacking)} missing")
        for msgid in lacking:
            print(f"    {msgid}")
    return 1 if gaps else 0


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else "status"
    if action == "extract":
        extract()
    elif action == "compile":
        compile_catalogs()
    elif action == "export-missing":  # LOCALE FILE.json
        print(export_missing(sys.argv[2], Path(sys.argv[3])))
    elif action == "apply":  # LOCALE FILE.json
        print(apply_translations(sys.argv[2], Path(sys.argv[3])))
    else:
        sys.exit(status())

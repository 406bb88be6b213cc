"""Names: the key for duplicate detection, and German sorting (DIN 5007-1)."""

from __future__ import annotations

import re
import unicodedata

#: Legal forms dropped from the end of a name, written without dots and spaces. Only from the
#: end: at the start the same letters are words of the name ("AG Migration" is an
#: Arbeitsgemeinschaft, "EV Kulturverein" may be evangelisch).
LEGAL_FORMS = frozenset(
    {
        "ev",
        "eingetragenerverein",
        "ig",  # "e.V. i.G." (in Gründung)
        "ggmbh",
        "gmbh",
        "gug",
        "ug",
        "haftungsbeschrankt",
        "gag",
        "ag",
        "eg",
        "gbr",
    }
)
#: The key's column holds 300 characters. Folding can lengthen a name ("ß" → "ss", "ﷺ" → 18
#: letters), so the key is cut there: two names that fold to the same first 300 characters
#: count as one organisation, which only names far beyond any real one can do.
KEY_LENGTH = 300
_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: "Ünal Çelik" -> "unal celik" (umlauts as base letters)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL)


def normalise_name(name: str) -> str:
    """The duplicate key of an organisation's name.

    Case, accents, punctuation and trailing legal forms ("e.V.", "e. V.", "e.V. i.G.", "gGmbH",
    "gUG (haftungsbeschränkt)") are ignored: "Türkischer Elternverein e. V." and
    "turkischer elternverein" share one key. Leading words are kept (see :data:`LEGAL_FORMS`).
    """
    words = _WORD.findall(fold(name))
    changed = True
    while changed and words:
        changed = False
        for size in (3, 2, 1):
            if len(words) > size and "".join(words[-size:]) in LEGAL_FORMS:
                del words[-size:]
                changed = True
                break
    return " ".join(words)[:KEY_LENGTH].rstrip()


def german_sort_key(*parts: str) -> tuple[str, ...]:
    """Sort like a German telephone book's first rule (DIN 5007-1): ä as a, ß as ss."""
    return tuple(fold(part).strip() for part in parts) + tuple(parts)

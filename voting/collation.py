"""German alphabetical order of names (DIN 5007-1), standard library only (ELECTION.md R1.1).

The published candidate list sorts surnames like a German telephone book: ä as a, ö as o,
ü as u, ß as ss, accents ignored (Ç as C, Ş as S, dotless ı as i). The ballot and the verifier
must use the same order, or "Özdemir" would stand elsewhere on the ballot than on the list.
The app's ``app.organisations.names.german_sort_key`` folds the same way; a test keeps both equal.
"""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def fold(text: str) -> str:
    """Lower case without accents: "Ünal Çelik" -> "unal celik"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_SPECIAL)


def din_5007_key(*parts: str) -> tuple[str, ...]:
    """Sort key of a name: the folded parts first, the exact spelling only to break ties."""
    return tuple(fold(part).strip() for part in parts) + tuple(parts)

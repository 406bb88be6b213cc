"""The voter roll is translated as a roll of voters, not as "roles" or "organiser": the
Turkish, Arabic and Ukrainian catalogs once said so on the results and desk pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parents[2] / "app" / "translations"
#: Per locale: the word the roll must be called, and the mistranslations seen
ROLL = {"tr": ("seçmen listesi", ("roller", "organizatör")),
        "ar": ("سجل الناخبين", ("الأدوار", "منظِّم")),
        "uk": ("списку виборців", ("ролі", "організатор"))}
MSGIDS = ("On the roll", "Organisations on the roll", "Eligible organisations (on the roll)",
          "Entitled to vote (on the roll)")


@pytest.mark.parametrize("locale", sorted(ROLL))
def test_on_the_roll_means_the_voter_roll(locale: str) -> None:
    with (CATALOGS / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    word, wrong = ROLL[locale]
    for msgid in MSGIDS:
        text = catalog.get(msgid).string.casefold()
        assert word.casefold() in text, (msgid, text)
        assert not any(w in text for w in wrong), (msgid, text)
    for msgid in ("Eligible organisations", "not eligible", "Roll"):
        text = catalog.get(msgid).string.casefold()
        assert text and not any(w in text for w in wrong), (msgid, text)

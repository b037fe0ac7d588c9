"""UI text in Bengali (the default) with an English switch.

The text lives in gettext catalogues, ``resources/locale/<lang>/LC_MESSAGES/apa_desktop.po``:
each msgid is a key the code asks for with :func:`tr`, each msgstr its text, so translators
work with the usual tools (Poedit, Weblate). Switching the language rebuilds the main window.
"""

from __future__ import annotations

from functools import lru_cache

from babel.messages.pofile import read_po

from ..paths import resource_path

LANGUAGES = ("bn", "en")
DOMAIN = "apa_desktop"

_language = "bn"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """The key -> text table of one language, read once from its .po file."""
    path = resource_path("locale", lang, "LC_MESSAGES", f"{DOMAIN}.po")
    with path.open("rb") as handle:
        messages = read_po(handle, locale=lang)
    return {message.id: message.string for message in messages if message.id and message.string}


def language() -> str:
    return _language


def set_language(lang: str) -> None:
    """Switch the UI text to "bn" or "en"."""
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown UI language {lang!r} (expected one of {', '.join(LANGUAGES)})")
    _language = lang


def tr(key: str) -> str:
    """The UI text for ``key`` in the current language (the key itself when missing)."""
    return catalogue(_language).get(key, key)

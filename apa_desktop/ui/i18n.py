"""UI text in Bengali (the default) with an English switch.

The text lives in gettext catalogues, ``resources/locale/<lang>/LC_MESSAGES/apa_desktop.po``:
each msgid is a key the code asks for with :func:`tr`, each msgstr its text, so translators
work with the usual tools (Poedit, Weblate). Switching the language rebuilds the main window.
"""

from __future__ import annotations

import os
from functools import cache

from babel.messages.pofile import read_po

from ..paths import resource_path

LANGUAGES = ("bn", "en")
DOMAIN = "apa_desktop"

_language = "bn"


@cache
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


STRICT_ENV = "APA_STRICT_TR"
"""Set (the tests set it) to make :func:`tr` of a key missing from the catalogue raise instead of
showing the key."""


class MissingText(LookupError):
    """A UI text key that is not in the current language's catalogue (raised only when strict)."""


def tr(key: str) -> str:
    """The UI text for ``key`` in the current language (the key itself when missing, or
    :class:`MissingText` when ``APA_STRICT_TR`` is set, as in the tests)."""
    text = catalogue(_language).get(key)
    if text is None:
        if os.environ.get(STRICT_ENV):
            raise MissingText(f"no UI text {key!r} in the {_language} catalogue")
        return key
    return text

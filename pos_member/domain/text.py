"""Words the core gives a person, kept translatable: fixed English phrases and their values.

The core speaks English; the screens speak the cashier's language. For that
the UI must know every sentence the core can produce, so the core never
builds one with an f-string. A sentence is a fixed English template plus its
values:

* a ``UserFacingError``'s ``template``, and the parameters it names in
  ``phrases`` (``ValidationError(field="phone", problem="{phone} is not a
  mobile number", phone=text)``): literals at the raise;
* ``Text("{amount} paid by {tender}", amount=..., tender=Text("cash"))`` for
  words that are not an error (a statement's notes);
* ``phrase("...")`` marks a literal chosen away from where it is shown (a
  table of action names).

``python -m ui.i18n_update`` collects these literals from the source into
the .ts files (context ``Errors``); the UI renders with its ``translate``.
Values that are data (numbers, card numbers, names, amounts) are never
translated; a value that is itself a ``Text`` or an error is rendered in the
same language.

Also here, the one rule for a person's own words (names, reasons, notes):
``unsafe_char`` finds a control or format character (NUL, ESC, DLE, the
bidi overrides such as U+202E...), ``person_words`` refuses them and
whitespace-only text at the service with a translated message, and
``printable`` is what every renderer applies to whatever reaches it anyway.
Head office's wire validation uses the same ``unsafe_char``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from decimal import Decimal
from typing import Any

TESTED_IN = "tests/receipts/test_control_chars.py"

Translate = Callable[[str], str]


def same(text: str) -> str:
    """The core's own ``translate``: English as written."""
    return text


def phrase(text: str) -> str:
    """Mark ``text`` as a fixed English phrase to translate where it is shown; returns it."""
    return text


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``template`` with its ``{placeholders}`` filled; as it is when a value is missing."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError, AttributeError):
        return template


def rendered(value: Any, translate: Translate) -> Any:
    """A ``Text`` or an error as words in ``translate``'s language; any other value as it is."""
    if isinstance(value, Text):
        return value.text(translate)
    words = getattr(value, "text", None)
    if callable(words) and not isinstance(value, str):
        return words(translate)
    return value


def values(
    params: Mapping[str, Any], translate: Translate, phrases: Collection[str] = ()
) -> dict[str, Any]:
    """``params`` ready to fill a template: nested texts rendered, ``phrases`` translated.

    A phrase may hold placeholders itself, filled from the other values
    (``problem="at most {n} characters", n=64``).
    """
    plain = {k: rendered(v, translate) for k, v in params.items()}
    return {
        k: fill(translate(v), plain) if k in phrases and type(params[k]) is str else v
        for k, v in plain.items()
    }


class Text(str):
    """A fixed English ``template`` and its values: words for a person that are not an error.

    It *is* its English (a ``str``: compared, logged and stored as such); the
    UI shows ``text(translate)`` instead.
    """

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Text:
        self = super().__new__(cls, fill(template, values(params, same)))
        self.template = template
        self.params = params
        return self

    def text(self, translate: Translate = same) -> str:
        """The words, the template through ``translate`` (the UI's), values filled in."""
        return fill(translate(self.template), values(self.params, translate))

    def __repr__(self) -> str:
        return f"Text({self.template!r}, **{self.params!r})"


# --- a person's own words ------------------------------------------------------------

# Unicode categories a name or a note never needs: controls (NUL, ESC, DLE, tab,
# newline: what a printer reads as a command), format characters (the bidi
# overrides and isolates U+202A-U+202E, U+2066-U+2069, marks, zero-width
# characters), surrogates, private use, line and paragraph separators.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def unsafe_char(text: str) -> str | None:
    """The first control or format character in ``text`` (see ``UNSAFE_CATEGORIES``), or None."""
    if text.isascii() and text.isprintable():  # the common case, without a lookup per character
        return None
    for ch in text:
        if unicodedata.category(ch) in UNSAFE_CATEGORIES:
            return ch
    return None


def code_point(ch: str) -> str:
    """``U+202E``: how a message names an invisible character."""
    return f"U+{ord(ch):04X}"


def person_words(value: object, field: str, *, max_len: int, required: bool = True) -> str:
    """``value`` as one line of a person's words, spaces trimmed; or a ``ValidationError``.

    ``field`` names the field in the message (a ``phrase(...)`` at the call).
    Refused: a value that is not text, a control or format character (said as
    its code point), whitespace only when ``required`` (otherwise it is ""),
    and more than ``max_len`` characters.
    """
    from pos_member.domain.errors import ValidationError  # errors builds on this module

    if not isinstance(value, str):
        raise ValidationError(field=field, problem="text is expected")
    bad = unsafe_char(value)
    if bad is not None:
        raise ValidationError(
            field=field,
            problem=(
                "contains an invisible control or direction character ({char}): "
                "type it again without it"
            ),
            char=code_point(bad),
        )
    cleaned = " ".join(value.split())
    if not cleaned and required:
        raise ValidationError(field=field, problem="is empty or only spaces: type it")
    if len(cleaned) > max_len:
        raise ValidationError(field=field, problem="at most {n} characters", n=max_len)
    return cleaned


def printable(text: str) -> str:
    """``text`` safe for any renderer: controls shown as ``?``, format characters dropped.

    Newlines are kept (renderers wrap on them); nothing else of the unsafe
    categories reaches a printer, a PDF or the screen's preview.
    """
    if text.isascii() and text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "\n" or cat not in UNSAFE_CATEGORIES:
            out.append(ch)
        elif cat in ("Cc", "Zl", "Zp"):
            out.append("?")
    return "".join(out)


_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")


def as_zhe(text: str) -> str:
    """A share of the price paid, as Chinese cashiers say it: ``88%`` → ``8.8折``,
    ``95%`` → ``9.5折``, ``90%`` → ``9折`` (the rates the pricing writes as ``NN%``)."""

    def zhe(m: re.Match[str]) -> str:
        tenths = (Decimal(m.group(1)) / 10).normalize()
        return f"{tenths:f}折"

    return _PERCENT.sub(zhe, text)

"""Readable text on a coloured badge: WCAG 2 contrast, and which ink a background takes.

A tier's colour is programme data (head office chooses it), so the badge's text
colour cannot be fixed in the style sheet: the badge takes the style sheet's
dark or light ink, whichever contrasts more with its background. With black and
white inks one of the two always reaches WCAG AA (4.5:1).
"""

from __future__ import annotations

import re

TESTED_IN = "tests/gui/test_tools_words.py"

_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")

#: The inks the style sheet defines for ``QLabel#memberTierLabel[ink=...]``.
DARK_INK = "#000000"
LIGHT_INK = "#ffffff"


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` or ``#rgb`` as three 0-255 channels (anything else: ValueError)."""
    m = _HEX.fullmatch(colour.strip())
    if m is None:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def lin(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink_for(background: str, dark: str = DARK_INK, light: str = LIGHT_INK) -> str:
    """``"dark"`` or ``"light"``: the ink that reads better on ``background``
    (an unreadable colour string counts as mid grey)."""
    bg = background if _HEX.fullmatch(background.strip()) else "#808080"
    return "dark" if contrast(bg, dark) >= contrast(bg, light) else "light"

"""Loading the translations (.qm built from resources/i18n/*.ts) and the style sheet."""

from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
I18N = RESOURCES / "i18n"
STYLE = RESOURCES / "style"

_installed: list[QTranslator] = []


def qm_path(language: str) -> Path:
    return I18N / f"pos_member_{language}.qm"


def install_translations(app: QCoreApplication, language: str) -> bool:
    """Install the app's and Qt's own translations for ``language``; False if missing.

    English is the source language: with ``en`` the English .qm is still
    loaded (it is complete) so that a missing build is noticed the same way.
    """
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    ok = True
    ours = QTranslator(app)
    path = qm_path(language)
    if ours.load(str(path)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("translation %s not found; run `make translations`", path.name)
        ok = False
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if language != "en" and qt.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    return ok


#: The counter's screens are laid out for 768 lines (the most common till, 1366×768).
DESIGN_HEIGHT = 768
#: Below this many device-independent lines (a 768-line screen at 125%: 614) every size
#: of the style sheet shrinks to fit; above it the sheet is used as it is.
SHORT_SCREEN = 700

_SIZE = re.compile(r"(?<![\w.#-])(\d+(?:\.\d+)?)(px|pt)\b")


def fit_scale(app: QApplication) -> float:
    """How much the sizes shrink so that the sale screen and its dialogs fit the screen.

    1.0 on every screen of 700 device-independent lines or more (1024×768, 1366×768 and
    1920×1080 at 100%, 1920×1080 at 125%: 864). A 1366×768 screen at 125% scaling has
    614: there the till keeps the sizes it has at 100% (0.8 of them, scaled up by 1.25).
    """
    screen = app.primaryScreen()
    if screen is None:
        return 1.0
    height = screen.availableGeometry().height()
    if height <= 0 or height >= SHORT_SCREEN:
        return 1.0
    return max(0.5, height / (DESIGN_HEIGHT + 24))  # a little room: sizes round up


def scaled_sheet(sheet: str, fit: float) -> str:
    """``sheet`` with every size in px and pt times ``fit`` (borders stay at least 1px)."""
    if fit == 1.0:
        return sheet

    def one(m: re.Match[str]) -> str:
        value = float(m.group(1)) * fit
        if m.group(2) == "px":
            return f"{max(1, round(value)) if float(m.group(1)) else 0}px"
        return f"{value:.1f}pt"

    return _SIZE.sub(one, sheet)


def apply_style(app: QApplication, font_scale: float = 1.0, fit: float = 1.0) -> None:
    """The counter's look: a CJK-capable font, large text, the cashier style sheet.

    ``fit`` (``fit_scale``) shrinks the font and every size of the sheet on a short screen.
    """
    font = QFont()
    font.setFamilies(["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC"])
    font.setPointSizeF(13 * font_scale * fit)
    app.setFont(font)
    sheet = STYLE / "cashier.qss"
    app.setStyleSheet(scaled_sheet(sheet.read_text(encoding="utf-8"), fit))

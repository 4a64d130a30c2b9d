"""Loading the translations (.qm built from resources/i18n/*.ts) and the style sheet."""

from __future__ import annotations

import logging
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


def apply_style(app: QApplication, font_scale: float = 1.0) -> None:
    """The counter's look: a CJK-capable font, large text, the cashier style sheet."""
    font = QFont()
    font.setFamilies(["Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC"])
    font.setPointSizeF(13 * font_scale)
    app.setFont(font)
    sheet = STYLE / "cashier.qss"
    app.setStyleSheet(sheet.read_text(encoding="utf-8"))

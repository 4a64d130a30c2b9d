"""Manager mode's own translations and style sheet.

The strings of ``ui/manager/*.py`` live in ``resources/i18n/manager_<lang>.ts``
(built to .qm by ``make translations`` with the cashier's files), so the
cashier's .ts files are left to the cashier app. ``install`` loads the .qm
of the language the app is using; ``python -m ui.manager.i18n`` refreshes the
.ts from the code (Chinese texts from ``ui.manager.i18n_zh.ZH``).
"""

from __future__ import annotations

import logging
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from ui.i18n import I18N

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STYLE = HERE / "manager.qss"
LANGUAGES = ("zh_CN", "en")

_installed: list[QTranslator] = []


def ts_path(language: str) -> Path:
    return I18N / f"manager_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N / f"manager_{language}.qm"


def install(app: QCoreApplication, language: str | None = None) -> bool:
    """Load manager mode's translation for ``language`` (default: the app's locale)."""
    lang = language or QLocale().name()
    if lang not in LANGUAGES:
        lang = "zh_CN" if lang.startswith("zh") else "en"
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    tr = QTranslator(app)
    if not tr.load(str(qm_path(lang))):
        log.warning("translation %s not found; run `make translations`", qm_path(lang).name)
        return False
    app.installTranslator(tr)
    _installed.append(tr)
    return True


def extracted() -> dict[str, list[str]]:
    """context -> source texts of ``ui/manager/*.py``, as pyside6-lupdate finds them."""
    from ui.i18n_update import extracted as lupdate_sources

    return lupdate_sources(HERE)


def write(language: str, contexts: dict[str, list[str]]) -> list[str]:
    """Write the .ts for ``language``; returns the texts with no translation."""
    from ui.manager.i18n_zh import ZH

    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    missing: list[str] = []
    for name in sorted(contexts):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
        for src in contexts[name]:
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = src
            tr = ET.SubElement(msg, "translation")
            text = src if language == "en" else ZH.get(src)
            if text:
                tr.text = text
            else:
                tr.set("type", "unfinished")
                missing.append(f"{name}: {src}")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    ts_path(language).write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return missing


def main() -> int:
    contexts = extracted()
    status = 0
    for language in LANGUAGES:
        missing = write(language, contexts)
        sys.stdout.write(f"manager {language}: {len(missing)} untranslated\n")
        for m in missing:
            sys.stdout.write(f"  missing: {m}\n")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

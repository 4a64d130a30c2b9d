"""Refresh the .ts translation sources from the code (``make translations-update``).

``pyside6-lupdate`` collects every ``self.tr(...)`` of ``ui/``; the core's
error templates (shown translated by code, context ``Errors``) are added
from the ``UserFacingError`` classes. Translations already in a .ts file are
kept; new Chinese ones come from ``ui.i18n_zh.ZH``. English is the source
language: its .ts lists the messages with empty translations, so Qt shows
the source text.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from ui.errors import CONTEXT, error_classes, import_error_modules
from ui.i18n import I18N
from ui.i18n_zh import ZH

UI = Path(__file__).resolve().parent
GENERIC = (
    "Something unexpected went wrong. The sale on screen is kept; try again or call the supervisor."
)


def extracted(folder: Path = UI) -> dict[str, list[str]]:
    """context -> source texts found by lupdate in ``folder``/*.py, in file order."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.ts"
        lupdate = Path(sys.executable).with_name("pyside6-lupdate")
        sources = sorted(str(p) for p in folder.glob("*.py"))
        subprocess.run([str(lupdate), *sources, "-ts", str(out)], check=True, capture_output=True)
        root = ET.parse(out).getroot()
    found: dict[str, list[str]] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        found.setdefault(name, [])
        for msg in ctx.iter("message"):
            src = msg.findtext("source") or ""
            if src not in found[name]:
                found[name].append(src)
    return found


def error_texts() -> list[str]:
    import_error_modules()
    texts = [GENERIC]
    for cls in error_classes():
        if cls.template not in texts:
            texts.append(cls.template)
    return texts


def existing(path: Path) -> dict[tuple[str, str], str]:
    if not path.exists():
        return {}
    root = ET.parse(path).getroot()
    out: dict[tuple[str, str], str] = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.text and tr.get("type") != "unfinished":
                out[(name, msg.findtext("source") or "")] = tr.text
    return out


def write(language: str, contexts: dict[str, list[str]]) -> tuple[int, list[str]]:
    path = I18N / f"pos_member_{language}.ts"
    kept = existing(path)
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="en")
    missing: list[str] = []
    count = 0
    for name in sorted(contexts):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = name
        for src in contexts[name]:
            msg = ET.SubElement(ctx, "message")
            ET.SubElement(msg, "source").text = src
            tr = ET.SubElement(msg, "translation")
            count += 1
            if language == "en":
                tr.text = src
                continue
            text = kept.get((name, src)) or ZH.get(src)
            if text:
                tr.text = text
            else:
                tr.set("type", "unfinished")
                missing.append(f"{name}: {src}")
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return count, missing


def main() -> int:
    contexts = extracted()
    contexts[CONTEXT] = error_texts()
    status = 0
    for language in ("zh_CN", "en"):
        count, missing = write(language, contexts)
        sys.stdout.write(f"{language}: {count} messages, {len(missing)} untranslated\n")
        for m in missing:
            sys.stdout.write(f"  missing: {m}\n")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Refresh the .ts translation sources from the code (``make translations-update``).

``pyside6-lupdate`` collects every ``self.tr(...)`` of ``ui/``; the core's
words (context ``Errors``) are added: every ``UserFacingError`` template,
and, read from the source of ``pos_member/``, ``drivers/`` and ``ui/``, the
literals given to an error's ``phrases`` where it is raised
(``ValidationError(field="phone", problem="...")``), every ``phrase("...")``
and every ``Text("...")`` template (see ``pos_member.domain.text``). A phrase
built with an f-string, ``+`` or ``%`` cannot be translated: it is reported
(and the update fails) so that it gets a template form. Translations already in a .ts file are
kept; new Chinese ones come from ``ui.i18n_zh.ZH``. English is the source
language: its .ts lists the messages with empty translations, so Qt shows
the source text.
"""

from __future__ import annotations

import ast
import string
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ui.errors import CONTEXT, error_classes, import_error_modules
from ui.i18n import I18N
from ui.i18n_zh import ZH

UI = Path(__file__).resolve().parent
ROOT = UI.parent
CORE_SOURCES = (ROOT / "pos_member", ROOT / "drivers", UI)
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


@dataclass
class CoreWords:
    """The core's translatable literals found in the source, and what cannot be translated."""

    texts: list[str] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)  # text -> first file:line
    problems: list[str] = field(default_factory=list)

    def add(self, text: str, at: str) -> None:
        if text and text not in self.where:
            self.texts.append(text)
            self.where[text] = at


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _literals(node: ast.expr) -> Iterator[str]:
    """The string literals a value can be: ``"x"``, ``a if c else "y"``, ``v or "z"``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _literals(node.body)
        yield from _literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _literals(value)
    elif isinstance(node, ast.Call) and _name(node.func) == "phrase" and node.args:
        yield from _literals(node.args[0])


def _built(node: ast.expr) -> bool:
    """True for text put together at run time (f-string, ``+``, ``%``, ``.format``)."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return any(
            isinstance(side, ast.Constant | ast.JoinedStr) for side in (node.left, node.right)
        )
    if isinstance(node, ast.Call) and _name(node.func) == "format":
        return isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Constant)
    if isinstance(node, ast.IfExp):
        return _built(node.body) or _built(node.orelse)
    if isinstance(node, ast.BoolOp):
        return any(_built(v) for v in node.values)
    return False


def _fields(text: str) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return set()
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in parsed if name}


def core_words(
    sources: Iterable[Path] = CORE_SOURCES, phrases: dict[str, set[str]] | None = None
) -> CoreWords:
    """Scan ``sources`` (folders or files) for the core's translatable literals.

    ``phrases`` maps an error class name to the parameters it translates
    (default: every loaded ``UserFacingError``'s ``phrases``).
    """
    if phrases is None:
        import_error_modules()
        phrases = {}
        for cls in error_classes():
            phrases.setdefault(cls.__name__, set()).update(cls.phrases)
    found = CoreWords()
    files: list[Path] = []
    for src in sources:
        files.extend(sorted(src.rglob("*.py")) if src.is_dir() else [src])
    for path in files:
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        # phrase() and Text() of pos_member.domain.text (a receipt has a Text block too)
        marks = {
            alias.asname or alias.name: alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module == "pos_member.domain.text"
            for alias in node.names
        }
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        for node in sorted(calls, key=lambda n: (n.lineno, n.col_offset)):  # in file order
            _scan_call(node, f"{rel}:{node.lineno}", phrases, marks, found)
    return found


def _scan_call(
    node: ast.Call,
    at: str,
    phrases: dict[str, set[str]],
    marks: dict[str, str],
    found: CoreWords,
) -> None:
    name = _name(node.func)
    given = {kw.arg for kw in node.keywords}
    checked = None not in given  # a **mapping may bring any value
    values: list[tuple[str, ast.expr]] = []
    mark = marks.get(name) if isinstance(node.func, ast.Name) else None
    if mark in ("phrase", "Text") and node.args:
        values.append((name, node.args[0]))
        checked = checked and mark == "Text"
    elif phrases.get(name):
        values.extend((kw.arg, kw.value) for kw in node.keywords if kw.arg in phrases[name])
    for what, value in values:
        if _built(value):
            found.problems.append(
                f"{at}: {name}({what}=...) is built at run time and cannot be translated: "
                "give it a template with {placeholders} and the values as parameters"
            )
            continue
        for text in _literals(value):
            found.add(text, at)
            missing = _fields(text) - given if checked else set()
            if missing:
                found.problems.append(
                    f"{at}: {text!r} needs {', '.join(sorted(missing))}, not given"
                )


def error_texts() -> list[str]:
    """Context ``Errors``: the generic message, every error template, the core's phrases."""
    import_error_modules()
    texts = [GENERIC]
    for cls in error_classes():
        if cls.template not in texts:
            texts.append(cls.template)
    for text in core_words().texts:
        if text not in texts:
            texts.append(text)
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
    for problem in core_words().problems:
        sys.stdout.write(f"  not translatable: {problem}\n")
        status = 1
    for language in ("zh_CN", "en"):
        count, missing = write(language, contexts)
        sys.stdout.write(f"{language}: {count} messages, {len(missing)} untranslated\n")
        for m in missing:
            sys.stdout.write(f"  missing: {m}\n")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

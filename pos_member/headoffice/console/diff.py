"""The difference between two rules documents, field by field (dotted paths)."""

from __future__ import annotations

import json
from typing import Any

TESTED_IN = "tests/headoffice/console/test_console_pages.py"

#: Keys that differ between any two versions and say nothing about the rules.
IGNORED = frozenset({"version"})


def _flat(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict) and value:
        for k in sorted(value):
            if not path and k in IGNORED:
                continue
            _flat(value[k], f"{path}.{k}" if path else str(k), out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for i, v in enumerate(value):
            key = v.get("code") or v.get("id") or v.get("name") or i
            _flat(v, f"{path}[{key}]", out)
    else:
        out[path] = value


def document_diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[dict[str, str]]:
    """Each field added, removed or changed: ``{"path", "change", "old", "new"}``."""
    a: dict[str, Any] = {}
    b: dict[str, Any] = {}
    _flat(old or {}, "", a)
    _flat(new, "", b)
    out = []

    def said(v: Any) -> str:
        return json.dumps(v, ensure_ascii=False, sort_keys=True)

    for path in sorted(set(a) | set(b)):
        if path not in b:
            out.append({"path": path, "change": "removed", "old": said(a[path]), "new": ""})
        elif path not in a:
            out.append({"path": path, "change": "added", "old": "", "new": said(b[path])})
        elif a[path] != b[path]:
            out.append(
                {"path": path, "change": "changed", "old": said(a[path]), "new": said(b[path])}
            )
    return out

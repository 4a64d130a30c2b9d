"""Reading PDFs back the way a person or scanner would: pdftotext, pdftoppm + zbarimg."""

from __future__ import annotations

import importlib.util
import re
import subprocess
from collections.abc import Callable
from pathlib import Path


def _suite_require_tool() -> Callable[[str, str], str]:
    # Test folders have conftest.py files of their own that shadow the name
    # "conftest"; load the suite's by path to reuse its require_tool.
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("_suite_conftest_receipts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fn: Callable[[str, str], str] = module.require_tool
    return fn


require_tool = _suite_require_tool()


def pdf_text(pdf: Path) -> str:
    tool = require_tool("pdftotext", "poppler-utils")
    return subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(pdf: Path) -> list[tuple[float, float]]:
    """Page sizes in points, as pdfinfo reports them."""
    tool = require_tool("pdfinfo", "poppler-utils")
    out = subprocess.run(
        [tool, "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return [
        (float(w), float(h))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    ]


def barcodes(pdf: Path, dpi: int = 300, first_page: int = 1) -> list[str]:
    """Every Code 128 value zbarimg finds on the rendered pages (from ``first_page`` on)."""
    pdftoppm = require_tool("pdftoppm", "poppler-utils")
    zbarimg = require_tool("zbarimg", "zbar-tools")
    prefix = pdf.with_suffix("")
    subprocess.run(
        [pdftoppm, "-r", str(dpi), "-f", str(first_page), "-png", str(pdf), str(prefix)],
        check=True,
    )
    found: list[str] = []
    for png in sorted(pdf.parent.glob(prefix.name + "-*.png")):
        result = subprocess.run(
            [zbarimg, "--quiet", "--raw", "-Sdisable", "-Scode128.enable", str(png)],
            capture_output=True,
            text=True,
            check=False,
        )
        found += [line for line in result.stdout.splitlines() if line]
    return found

"""The sale screen and its dialogs on real X screens of 1366×768 and 1024×768 (Xvfb).

The in-process test (``test_fit``) resizes the window; this one lets a real
X server of the counter's size decide, with the counter's fonts: the window
opened maximised, the busiest member panel, every key, the message line,
the status bar, the payment and shift dialogs, all inside the screen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]


def inside(screen: list[int], rect: list[int]) -> bool:
    sx, sy, sw, sh = screen
    x, y, w, h = rect
    return w > 0 and h > 0 and x >= sx and y >= sy and x + w <= sx + sw and y + h <= sy + sh


def probe(
    demo: Any,
    size: tuple[int, int],
    language: str,
    scale: str = "1",
    module: str = "tests.gui.fit_probe",
) -> dict[str, Any]:
    """``module`` (a fit probe) under an X server of ``size`` pixels, Qt scaling by ``scale``."""
    xvfb = shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is needed (make sysdeps installs xvfb)"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT),
           "QT_SCALE_FACTOR": scale}  # fmt: skip
    w, h = size
    run = subprocess.run(
        [xvfb, "-a", "-s", f"-screen 0 {w}x{h}x24", sys.executable, "-m", module,
         str(demo.path), language],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    line = next((x for x in run.stdout.splitlines() if x.startswith("FIT ")), None)
    assert line is not None, run.stderr[-3000:]
    found: dict[str, Any] = json.loads(line[4:])
    return found


def assert_fits(found: dict[str, Any], logical: tuple[int, int]) -> None:
    w, h = logical
    screen = found["screen"]
    assert screen == [0, 0, w, h]
    assert inside(screen, found["window"]), found["window"]
    off = {
        name: rect
        for name, (rect, visible) in found["widgets"].items()
        if not visible or not inside(screen, rect)
    }
    assert not off, f"off the {w}×{h} screen or hidden: {off}"
    covered = {where: pairs for where, pairs in found.get("overlaps", {}).items() if pairs}
    assert not covered, f"widgets covering one another at {w}×{h}: {covered}"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)], ids=["1366x768", "1024x768"])
def test_everything_on_a_real_screen(
    demo: Any, tmp_path: Path, size: tuple[int, int], language: str
) -> None:
    found = probe(demo, size, language)
    assert_fits(found, size)
    # The overlap half of the contract was looked at, on both screens named in it.
    assert set(found["overlaps"]) == {"saleScreen", "paymentDialog"}
    assert len([n for n in found["widgets"] if n.startswith("payment:")]) >= 5


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize(
    ("scale", "logical"), [("1", (1920, 1080)), ("1.25", (1536, 864))], ids=["100%", "125%"]
)
def test_a_1920x1080_screen_at_100_and_125_percent(
    demo: Any, scale: str, logical: tuple[int, int], language: str
) -> None:
    """A full-HD counter screen, as it comes and with Windows' usual 125% scaling (Qt's
    device-independent pixels: 1536×864): everything inside, nothing hidden."""
    assert_fits(probe(demo, (1920, 1080), language, scale), logical)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize(
    ("size", "logical"),
    [((1366, 768), (1093, 614)), ((1024, 768), (819, 614))],
    ids=["1366x768", "1024x768"],
)
def test_a_768_line_screen_at_125_percent(
    demo: Any, size: tuple[int, int], logical: tuple[int, int], language: str
) -> None:
    """At 125% a 768-line screen has 614 device-independent lines: the style's sizes
    shrink to fit (``ui.i18n.fit_scale``) and the dialogs take the room there is."""
    assert_fits(probe(demo, size, language, "1.25"), logical)


def test_the_sheet_scales_every_size_and_nothing_else() -> None:
    from ui.i18n import scaled_sheet

    sheet = "QLabel#a { font-size: 20pt; min-height: 40px; border: 1px solid #1565c0; }"
    assert scaled_sheet(sheet, 1.0) == sheet
    assert scaled_sheet(sheet, 0.5) == (
        "QLabel#a { font-size: 10.0pt; min-height: 20px; border: 1px solid #1565c0; }"
    )

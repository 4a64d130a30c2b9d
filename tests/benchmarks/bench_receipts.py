"""Time to build and render a 50-line receipt to PDF, ESC/POS and text.

Each measurement sits next to a raw baseline from the same run: reportlab
drawing the same text lines with plain ``drawString`` (no layout, no barcode),
and the same lines encoded to GB18030 and joined (no python-escpos). The ratio
says what our layout, wrapping, styling and barcode cost on top of the tools.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from pos_member.receipts.escpos import render_escpos
from pos_member.receipts.pdf import CJK_FONT, Paper, ensure_fonts, render_pdf
from pos_member.receipts.text import render_text
from tests.receipts.samples import big_sale

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "docs" / "benchmarks" / "receipts.md"
LINES = 50


def _times(fn: Callable[[], object], runs: int) -> dict[str, float]:
    fn()  # warm up: font registration, imports, caches
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    return {
        "runs": runs,
        "p50_ms": round(statistics.median(samples), 3),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 3),
        "mean_ms": round(statistics.fmean(samples), 3),
    }


def _raw_pdf(lines: list[str]) -> bytes:
    ensure_fonts()
    buf = io.BytesIO()
    height = (len(lines) + 4) * 11.0
    c = Canvas(buf, pagesize=(80 * mm, height), pageCompression=1, invariant=1)
    c.setFont(CJK_FONT, 8.5)
    y = height - 10
    for line in lines:
        c.drawString(4 * mm, y, line)
        y -= 11
    c.showPage()
    c.save()
    return buf.getvalue()


def _raw_escpos(lines: list[str]) -> bytes:
    return b"\x1b@\x1c&" + b"\n".join(line.encode("gb18030") for line in lines) + b"\x1dV\x00"


def run() -> dict[str, object]:
    lines = render_text(big_sale(LINES)).splitlines()
    results: dict[str, dict[str, float]] = {
        "build document": _times(lambda: big_sale(LINES), 200),
        "build + PDF 80 mm": _times(lambda: render_pdf(big_sale(LINES), Paper.ROLL_80), 30),
        "baseline: reportlab drawString of the same lines": _times(lambda: _raw_pdf(lines), 30),
        "build + ESC/POS 48 columns": _times(lambda: render_escpos(big_sale(LINES)), 100),
        "baseline: GB18030 encode + join of the same lines": _times(
            lambda: _raw_escpos(lines), 100
        ),
        "build + plain text": _times(lambda: render_text(big_sale(LINES)), 100),
    }
    pdf_ratio = (
        results["build + PDF 80 mm"]["p50_ms"]
        / results["baseline: reportlab drawString of the same lines"]["p50_ms"]
    )
    escpos_ratio = (
        results["build + ESC/POS 48 columns"]["p50_ms"]
        / results["baseline: GB18030 encode + join of the same lines"]["p50_ms"]
    )
    sizes = {
        "pdf_bytes": len(render_pdf(big_sale(LINES))),
        "escpos_bytes": len(render_escpos(big_sale(LINES))),
        "text_lines": len(lines),
    }
    rows = "\n".join(
        f"| {name} | {r['runs']} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} |"
        for name, r in results.items()
    )
    FRAGMENT.parent.mkdir(parents=True, exist_ok=True)
    FRAGMENT.write_text(
        f"""## Receipts: a {LINES}-line member sale receipt

Build the document (every line with a discount, member statement) and render it.
Baselines draw or encode the same {sizes["text_lines"]} text lines with the bare tool.

| measurement | runs | p50 ms | p95 ms |
|---|---:|---:|---:|
{rows}

- PDF: {pdf_ratio:.1f}× the raw reportlab baseline (layout, CJK wrapping, vector Code 128);
  {sizes["pdf_bytes"]:,} bytes.
- ESC/POS: {escpos_ratio:.0f}× the raw encode baseline (python-escpos styling, barcode, cut);
  {sizes["escpos_bytes"]:,} bytes. Rendering is not what limits a receipt: a 9600-baud serial
  printer needs about {sizes["escpos_bytes"] * 10 / 9600:.0f} s to receive it, which is why the
  serial driver stretches its deadline by the job's transfer time.
""",
        encoding="utf-8",
    )
    return {
        **{k: v for k, v in results.items()},
        "pdf_vs_baseline": round(pdf_ratio, 2),
        "escpos_vs_baseline": round(escpos_ratio, 2),
        **sizes,
    }


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=2))

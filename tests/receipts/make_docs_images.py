"""Renders docs/receipt-80mm.png and docs/card-sheet.png from real PDFs (pdftoppm).

Run: ``.venv/bin/python -m tests.receipts.make_docs_images``
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from pos_member.domain.cards import CardNumberRule
from pos_member.receipts.cards import CardFace, render_card_sheet
from pos_member.receipts.pdf import Paper, render_pdf
from tests.receipts.samples import sale

DOCS = Path(__file__).resolve().parents[2] / "docs"


def png_from_pdf(pdf: bytes, target: Path, dpi: int) -> None:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm not found: install the Debian package poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            [
                pdftoppm,
                "-r",
                str(dpi),
                "-png",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(src),
                str(Path(tmp) / "out"),
            ],
            check=True,
        )
        shutil.copyfile(Path(tmp) / "out.png", target)


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    png_from_pdf(render_pdf(sale(), Paper.ROLL_80), DOCS / "receipt-80mm.png", 150)
    rule = CardNumberRule()
    tiers = ["普通", "银卡", "金卡", "白金卡", "钻石卡"]
    faces = [
        CardFace("好邻居便利店", rule.make(1000 + i), tiers[i % 5], valid_until=date(2028, 12, 31))
        for i in range(10)
    ]
    png_from_pdf(render_card_sheet(faces), DOCS / "card-sheet.png", 80)
    print("wrote", DOCS / "receipt-80mm.png", DOCS / "card-sheet.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

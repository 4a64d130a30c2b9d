"""Member card faces: CR80 size, tier colour band, Code 128 card number that zbarimg reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.units import mm

from pos_member.domain.cards import CardNumberRule
from pos_member.receipts.cards import (
    CardFace,
    code128_modules,
    render_card,
    render_card_sheet,
)

from .readback import barcodes, pdf_pages, pdf_text

RULE = CardNumberRule()


def faces(n: int) -> list[CardFace]:
    tiers = ["普通", "银卡", "金卡", "白金卡", "钻石卡"]
    return [CardFace("好邻居便利店", RULE.make(i), tiers[i % 5]) for i in range(1, n + 1)]


def test_code128_modules_come_from_python_barcode() -> None:
    modules = code128_modules("8800000000000018")
    assert set(modules) == {"0", "1"}
    assert modules.startswith("11010011100")  # START C
    assert modules.endswith("1100011101011")  # STOP


@pytest.mark.integration
def test_single_card_is_cr80_and_scans(tmp_path: Path) -> None:
    face = faces(3)[2]
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(render_card(face))
    ((w, h),) = pdf_pages(pdf)
    assert w == pytest.approx(85.6 * mm, abs=0.1)
    assert h == pytest.approx(54 * mm, abs=0.1)
    text = pdf_text(pdf)
    assert "好邻居便利店" in text and "金卡" in text and "会员卡" in text
    assert "8800 0000 0000 0039" in text
    assert barcodes(pdf) == [face.card_number]


@pytest.mark.integration
def test_sheet_holds_ten_cards_a_page_and_every_number_scans(tmp_path: Path) -> None:
    cards = faces(12)
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render_card_sheet(cards))
    pages = pdf_pages(pdf)
    assert len(pages) == 2
    assert sorted(barcodes(pdf, dpi=150)) == sorted(c.card_number for c in cards)
    text = pdf_text(pdf)
    assert text.count("好邻居便利店") == 12


def test_tier_colour_defaults_and_overrides() -> None:
    gold = CardFace("店", "8800000000000018", "金卡")
    custom = CardFace("店", "8800000000000018", "金卡", colour="#123456")
    assert gold.fill.hexval() == "0xb8860b"
    assert custom.fill.hexval() == "0x123456"


@pytest.mark.parametrize("number", ["", "卡号123", "88\t00"])
def test_bad_card_numbers_are_refused(number: str) -> None:
    with pytest.raises(ValueError, match="printable ASCII"):
        CardFace("店", number, "金卡")


def test_empty_sheet_is_refused() -> None:
    with pytest.raises(ValueError, match="no cards"):
        render_card_sheet([])

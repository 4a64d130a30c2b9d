"""Receipts of prepaid cards: 预付卡充值（不征税）， the invoiceable amount, reversal and 退卡."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_member.domain.money import Money
from pos_member.receipts.build import ReceiptBuilder
from pos_member.receipts.document import ReceiptKind
from pos_member.receipts.settings import ReceiptSettings
from pos_member.receipts.text import render_text
from pos_member.seed.demo import seed_demo
from pos_member.services import prepaid
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.settings import Settings
from pos_member.store.db import Store
from tests.services import conftest as svc
from tests.services.conftest import (
    GOLD_ID,
    GOLD_PIN,
    NORMAL_CARD,
    NORMAL_ID,
    NOW,
    RICE,
    SUPERVISOR,
    TODAY,
)
from tests.services.helpers import cash, sale, stored_value
from tests.services.test_prepaid import HOLDER_ID, closure, mark_sent, top_up, use_rules

y = Money.yuan


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The services' demo store (``tests.services.conftest``), seeded once for this module."""
    path = tmp_path_factory.mktemp("prepaid-receipts") / "demo.db"
    seed_demo(path, members=20, products=10, days=0, seed=5, today=TODAY)
    svc._add_fixtures(path)
    return path


@pytest.fixture
def ctx(tmp_path: Path, template: Path) -> Iterator[Context]:
    path = tmp_path / "terminal.db"
    shutil.copy(template, path)
    store = Store.open(path, busy_timeout_ms=5_000)
    settings = Settings(db_path=path, terminal_id="T01", store_id="S001")
    ctx = Context(store=store, settings=settings, clock=svc.Clock(NOW), online=lambda: True)
    svc.open_test_shift(ctx)
    yield ctx
    store.close()


def text_of(ctx: Context, number: str) -> str:
    doc = ReceiptBuilder(ctx, ReceiptSettings()).build(number)
    return render_text(doc, 48)


def test_a_recharge_receipt_says_not_taxed(ctx: Context) -> None:
    done = top_up(ctx, NORMAL_ID, y(500))
    doc = ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no)
    assert doc.kind is ReceiptKind.RECHARGE and doc.remarks == ("预付卡充值（不征税）",)
    assert "预付卡充值（不征税）" in text_of(ctx, done.receipt_no)


def test_a_sale_receipt_shows_the_invoiceable_amount_without_stored_value(ctx: Context) -> None:
    # 2 bags of rice for gold: 95.00, 60.00 from stored value, 35.00 in cash.
    done = checkout(ctx, sale(LineRequest(RICE, quantity=2),
                              tenders=(stored_value(y(60)), cash(35)),
                              member_id=GOLD_ID, pay_pin=GOLD_PIN))  # fmt: skip
    doc = ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no)
    assert (doc.total, doc.stored_value_paid, doc.invoiceable) == (y(95), y(60), y(35))
    assert "可开票金额（不含储值）" in text_of(ctx, done.receipt_no)
    cash_only = checkout(ctx, sale(LineRequest(RICE), tenders=(cash(50),), member_id=GOLD_ID))
    assert "可开票金额" not in text_of(ctx, cash_only.receipt_no)


def test_reversal_and_closure_receipts(ctx: Context) -> None:
    use_rules(ctx, region="beijing")
    first = top_up(ctx, NORMAL_ID, y(1000))
    rev = prepaid.reverse_recharge(
        ctx, prepaid.ReversalRequest(prepaid.new_action_id(), first.receipt_no, SUPERVISOR)
    )
    doc = ReceiptBuilder(ctx, ReceiptSettings()).build(rev.receipt_no)
    assert doc.kind is ReceiptKind.RECHARGE_REVERSAL and doc.total == -y(1000)
    assert doc.original_receipt_no == first.receipt_no
    assert "充值撤销凭证" in text_of(ctx, rev.receipt_no)
    top_up(ctx, NORMAL_ID, y(80), tenders=(cash(80),))
    mark_sent(ctx)
    done = prepaid.close_card(ctx, closure(NORMAL_CARD))
    words = text_of(ctx, done.receipt_no)
    assert "退卡凭证" in words and "1101**********002X" in words and HOLDER_ID not in words
    assert "法释〔2025〕4号" in words
    assert ReceiptBuilder(ctx, ReceiptSettings()).build(done.receipt_no).total == -y(80)


def test_an_anonymous_card_receipt_prints_only_the_card(ctx: Context, tmp_path: Path) -> None:
    """An anonymous card's receipt prints its number, 有效期至 and balance as on its face,
    and no member line, tier or points (its holder is no person): read back from the
    text, the ESC/POS bytes the printer gets and the PDF (pdftotext)."""
    from pos_member.receipts.escpos import render_escpos
    from pos_member.receipts.pdf import Paper, render_pdf
    from pos_member.services import anonymous_cards as ac
    from pos_member.services.checkout import new_sale_id

    from .escpos_decode import decode, printed_lines
    from .readback import pdf_text

    done = ac.sell_anonymous_cards(
        ctx, ac.AnonymousSaleRequest(new_sale_id(), 1, y(300), (cash(300),), SUPERVISOR, "258036")
    )
    (card,) = done.cards
    doc = ReceiptBuilder(ctx, ReceiptSettings()).build(card.receipt_no)
    expiry = TODAY.replace(year=TODAY.year + 3).isoformat()
    assert doc.member is not None and doc.member.anonymous_card == (card.number, expiry)
    pdf = tmp_path / "anonymous.pdf"
    pdf.write_bytes(render_pdf(doc, Paper.ROLL_80))
    printed = "\n".join(printed_lines(decode(render_escpos(doc))))
    for words in (text_of(ctx, card.receipt_no), printed, pdf_text(pdf)):
        flat = words.replace(" ", "")
        assert "预付卡充值（不征税）" in flat and expiry in flat and card.number in flat
        assert "不记名卡" in flat and "有效期至" in flat
        assert "储值余额（后）￥300.00" in flat  # 300 on the card, no bonus in these rules
        for absent in ("会员信息", "会员", "等级", "积分"):
            # (the store's name in the header, 会员便利店, is no member line)
            assert absent not in flat.replace("会员便利店", ""), absent
    # A member's named card prints the member's section, and no 不记名卡.
    named = top_up(ctx, NORMAL_ID, y(100))
    words = text_of(ctx, named.receipt_no)
    assert "不记名卡" not in words and "会员信息" in words and "等级" in words

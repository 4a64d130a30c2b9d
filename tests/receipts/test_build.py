"""Receipts built from what the store committed: every kind, as-of statements, failures.

A demo store (seeded once, copied per test) with days of history, then sales,
refunds, recharges, count-card uses and shift reports made through the real
services on a real SQLite file.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pos_member.domain.errors import UnknownReceipt, ValidationError
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.receipts.build import count_card_receipt_no
from pos_member.receipts.document import ReceiptKind
from pos_member.receipts.pdf import render_pdf
from pos_member.receipts.text import render_text
from pos_member.seed.history import demo_buyer
from pos_member.services import checkout as co
from pos_member.services import count_cards as cc
from pos_member.services import refund as rf
from pos_member.services import shifts
from pos_member.services import stored_value as sv

from .readback import barcodes, pdf_text
from .store_fixtures import CASHIER, SUPERVISOR, Till


def sales_in(path: Path) -> list[tuple[str, str, int]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute(
            "select receipt_no, kind, total_fen from sales order by created_at"
        ).fetchall()


def test_every_committed_receipt_of_the_history_builds_and_adds_up(till: Till) -> None:
    rows = sales_in(till.path)
    assert {kind for _, kind, _ in rows} >= {"sale", "refund"}
    for receipt_no, kind, total_fen in rows:
        doc = till.builder.build(receipt_no)
        assert doc.receipt_no == receipt_no
        assert doc.kind.value == kind
        assert doc.total == Money(total_fen)
        assert doc.paid - doc.change == doc.total
        assert receipt_no in render_text(doc)


def test_member_sale_statement_matches_the_ledgers(till: Till) -> None:
    m = till.member(0)
    sv_before = Money.yuan(m["stored_value"])
    result = till.sell(member=m, sv_part=Money(1000))
    doc = till.builder.build(result.receipt_no)
    assert doc.kind is ReceiptKind.SALE
    assert doc.total == result.total
    assert doc.change == Money(2000)
    assert [t.method for t in doc.tenders] == ["储值", "现金"]
    assert doc.takes_cash
    section = doc.member
    assert section is not None
    assert section.phone_masked == m["phone"][:3] + "****" + m["phone"][-4:]
    assert section.stored_value_before == sv_before
    assert section.stored_value_after == sv_before - Money(1000)
    assert section.points_earned == result.points_earned
    with closing(sqlite3.connect(till.path)) as db:
        points, principal, bonus = db.execute(
            "select points_balance, sv_principal_fen, sv_bonus_fen from members where id = ?",
            (m["member_id"],),
        ).fetchone()
    assert section.points_balance == points
    assert section.stored_value_after == Money(principal + bonus)
    text = render_text(doc)
    assert m["phone"] not in text and m["name"] not in text


def test_reprint_later_shows_the_statement_as_it_was(till: Till) -> None:
    m = till.member(1)
    first = till.sell(member=m, sv_part=Money(500))
    before = till.builder.build(first.receipt_no)
    till.sell(member=m, sv_part=Money(700))  # the member comes back later
    again = till.builder.build(first.receipt_no, copy=True)
    assert again.copy
    assert again.member == before.member
    assert again.lines == before.lines


def test_refund_receipt_points_back_to_the_sale(till: Till) -> None:
    m = till.member(2)
    sold = till.sell(member=m)
    till.clock.tick()
    refund = rf.refund(
        till.ctx,
        rf.RefundRequest(rf.new_refund_id(), sold.receipt_no, {1: 1}, SUPERVISOR),
    )
    doc = till.builder.build(refund.receipt_no)
    assert doc.kind is ReceiptKind.REFUND
    assert doc.original_receipt_no == sold.receipt_no
    assert doc.total == refund.total
    assert doc.total.is_negative()
    text = render_text(doc)
    assert "退货小票" in text and "原单号" in text and sold.receipt_no in text
    due = next(line for line in text.splitlines() if line.startswith("应退"))
    assert due.endswith(f"￥{abs(refund.total).plain()}")  # the words carry the sign
    if sold.points_earned:
        assert "扣回积分" in text


def test_recharge_receipt_shows_bonus_and_balances(till: Till) -> None:
    m = till.member(3)
    till.clock.tick()
    result = sv.recharge(
        till.ctx,
        sv.RechargeRequest(
            sv.new_recharge_id(), m["member_id"], Money.yuan("1000"),
            (TenderRequest(TenderKind.EXTERNAL, Money.yuan("1000"), "wechat"),), SUPERVISOR,
            buyer=demo_buyer(till.ctx, m["member_id"], Money.yuan("1000")),
        ),
    )  # fmt: skip
    doc = till.builder.build(result.receipt_no)
    assert doc.kind is ReceiptKind.RECHARGE
    assert doc.recharge is not None and doc.recharge.principal == Money.yuan("1000")
    assert doc.recharge.bonus == Money.yuan("60")  # demo rules: 充1000送60
    assert [t.method for t in doc.tenders] == ["微信支付"]
    section = doc.member
    assert section is not None and section.stored_value_before is not None
    assert section.stored_value_after == section.stored_value_before + Money.yuan("1060")


def test_count_card_use_receipt(till: Till) -> None:
    m = till.member(4)
    plan = next(p for p in till.seed.products if "count_card_uses" in p)
    till.sell(member=m, codes=[plan["barcode"]])
    with closing(sqlite3.connect(till.path)) as db:
        (card_id,) = db.execute(
            "select id from count_cards where member_id = ?", (m["member_id"],)
        ).fetchone()
    till.clock.tick()
    use = cc.use_count_card(till.ctx, CASHIER, card_id)
    number = count_card_receipt_no(till.ctx, use.event_id)
    doc = till.builder.build(number)
    assert doc.kind is ReceiptKind.COUNT_CARD
    assert doc.count_card is not None
    assert (doc.count_card.used, doc.count_card.remaining) == (1, plan["count_card_uses"] - 1)
    assert doc.cashier == "1001 小王"
    with pytest.raises(UnknownReceipt):
        count_card_receipt_no(till.ctx, "no-such-event")


def test_shift_reports_x_while_open_z_after_close(till: Till) -> None:
    sid = till.shift()
    till.sell()
    x = till.builder.build(f"X-{sid}")
    assert x.kind is ReceiptKind.SHIFT_X
    assert any(r.label == "销售" and r.count == 1 for r in x.summary)
    with pytest.raises(UnknownReceipt):
        till.builder.build(f"Z-{sid}")  # not closed yet
    till.clock.tick(60)
    report = shifts.close_shift(till.ctx, SUPERVISOR, Money(report_cash(till, sid)))
    z = till.builder.build(f"Z-{sid}")
    assert z.kind is ReceiptKind.SHIFT_Z
    rows = {r.label: r for r in z.summary}
    assert rows["应有现金"].amount == Money(report.cash_expected_fen)
    assert rows["差额"].amount == Money(0)
    assert "Z 班结报表" in render_text(z)


def report_cash(till: Till, sid: int) -> int:
    return shifts.x_report(till.ctx, sid).cash_expected_fen


@pytest.mark.parametrize("number", ["T01-99999999", "Z-999", "X-999", "CC-999"])
def test_unknown_numbers_are_reported(till: Till, number: str) -> None:
    with pytest.raises(UnknownReceipt) as info:
        till.builder.build(number)
    assert number in info.value.message


@pytest.mark.parametrize("number", ["", "   ", "单号1", "T01 0001"])
def test_malformed_numbers_are_refused(till: Till, number: str) -> None:
    with pytest.raises(ValidationError, match="not a receipt number"):
        till.builder.build(number)


@pytest.mark.integration
def test_built_receipt_reads_back_from_pdf(till: Till, tmp_path: Path) -> None:
    m = till.member(0)
    result = till.sell(member=m, sv_part=Money(300))
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(till.builder.build(result.receipt_no)))
    text = pdf_text(pdf)
    assert "好邻居便利店" in text
    assert result.total.plain() in text
    assert barcodes(pdf) == [result.receipt_no]


def test_sale_stays_committed_when_the_printer_drops_and_reprints_later(till: Till) -> None:
    from printers.loopback import LoopbackPrinter, Mode

    from drivers.printers import NetworkPrinter
    from pos_member.receipts.reprint_queue import SqliteReprintQueue
    from pos_member.receipts.service import PrintService

    from .escpos_decode import decode, printed_lines

    queue = SqliteReprintQueue(till.path)  # its own table in the terminal's database
    result = till.sell(member=till.member(0), sv_part=Money(200))
    with LoopbackPrinter(Mode.DROP_MID_JOB, drop_after=100) as bad:
        service = PrintService(
            NetworkPrinter("127.0.0.1", bad.port, name="front", timeout=1),
            queue,
            loader=till.builder.build,
        )
        outcome = service.print_receipt(till.builder.build(result.receipt_no)).result(timeout=10)
        service.close()
    assert not outcome.printed and outcome.error_code == "printer.disconnected"
    assert (result.receipt_no, "sale", result.total.fen) in sales_in(till.path)
    assert [e.receipt_no for e in queue.pending()] == [result.receipt_no]

    with LoopbackPrinter(Mode.GOOD) as good:
        service = PrintService(
            NetworkPrinter("127.0.0.1", good.port, name="front", timeout=1),
            queue,
            loader=till.builder.build,
        )
        (again,) = [f.result(timeout=10) for f in service.retry_pending()]
        service.close()
        (job,) = good.connections
    assert again.printed and not again.copy
    assert queue.pending() == []
    lines = "\n".join(printed_lines(decode(bytes(job))))
    assert result.receipt_no in lines and "副本" not in lines


def test_points_expiring_soon_and_progress_to_the_next_tier(till: Till) -> None:
    m = till.member(0)
    with closing(sqlite3.connect(till.path)) as db, db:
        db.execute(
            "insert into points_lots (id, member_id, earned_on, expires_on, points) "
            "values ('lot-soon', ?, '2025-12-01', '2026-12-31', 300)",
            (m["member_id"],),
        )
        db.execute(
            "insert into points_entries (event_id, member_id, lot_id, kind, delta, created_at) "
            "values ('lot-soon', ?, 'lot-soon', 'earn', 300, '2026-11-01T00:00:00+00:00')",
            (m["member_id"],),
        )
        db.execute(
            "update members set points_balance = points_balance + 300 where id = ?",
            (m["member_id"],),
        )
        tier_code = db.execute(
            "select tier_code from members where id = ?", (m["member_id"],)
        ).fetchone()[0]
    doc = till.builder.build(till.sell(member=m).receipt_no)
    section = doc.member
    assert section is not None
    # Lots expiring within 60 days of the sale (2026-11-23): the 300 inserted above at least.
    assert section.points_expiring >= 300
    assert section.points_expiring_on is not None
    assert date(2026, 11, 23) <= section.points_expiring_on <= date(2026, 12, 31)
    rules = till.ctx.rules
    with till.ctx.store.reading() as s:
        _, programme = rules(s)
    top = max(programme.tiers, key=lambda t: t.rank)
    if tier_code == top.code:
        assert section.progress is None
    else:
        assert section.progress is not None
        assert section.progress.spend_needed is not None
        assert section.progress.spend_needed.fen >= 0
        assert section.progress.next_tier in {t.name for t in programme.tiers}
    assert "即将过期积分" in render_text(doc)


def test_rounding_at_the_till_is_shown_as_moling(till: Till) -> None:
    from pos_member.domain.money import Rounding
    from pos_member.services.programme import install_rules

    with till.ctx.store.reading() as s:
        version, rules = till.ctx.rules(s)
    newer = replace(rules, version=version + 1, rounding=Rounding.DROP_JIAO)
    with till.ctx.store.unit_of_work("T01", till.ctx.now_iso()) as uow:
        install_rules(uow, newer, "2026-11-23")
    weighed = next(p["code"] for p in till.seed.products if "price_per_kg" in p)
    # 1.234 kg of a weighed item: a price with jiao and fen that the till drops.
    result = till.sell(extra=(co.LineRequest(weighed, grams=1234),))
    doc = till.builder.build(result.receipt_no)
    assert doc.total == result.total
    before_rounding = doc.subtotal + doc.discount_total
    assert doc.rounding == Money(-(before_rounding.fen % 100))
    assert doc.total.fen % 100 == 0
    assert any(line.unit == "kg" and line.quantity_text() == "1.234kg" for line in doc.lines)
    assert doc.rounding.fen < 0  # the seeded prices leave jiao and fen to drop
    assert "抹零" in render_text(doc)


def test_discounts_are_named_in_chinese_with_rates_in_zhe() -> None:
    from pos_member.domain.text import as_zhe
    from pos_member.receipts.build import receipt_words

    assert as_zhe("钻石卡会员 88%") == "钻石卡会员 8.8折"
    assert as_zhe("95%") == "9.5折" and as_zhe("90%") == "9折" and as_zhe("87.5%") == "8.75折"
    assert receipt_words("member_price", "member price") == "会员价"
    assert receipt_words("tier_discount", "金卡会员 95%") == "金卡会员 9.5折"
    assert receipt_words("birthday_discount", "birthday 90%") == "生日折扣 9折"
    assert receipt_words("coupon", "coupon 新人券 80%") == "优惠券 新人券 8折"
    assert receipt_words("coupon", "coupon 10元券 -10.00") == "优惠券 10元券 -10.00"
    assert receipt_words("price_override", "price override") == "改价"
    assert receipt_words("price_override", "临期") == "改价：临期"
    assert receipt_words("promotion", "满100减20") == "满100减20"

"""The tier on a receipt is the tier of the day: a reprint after an upgrade still shows it.

A sale is priced at the member's tier as it stood before the sale; an upgrade the
sale earns applies from the next one, so its receipt prints the tier it was
priced at and says the next tier is reached.

Sales, refunds and recharges record the member's tier in ``sales.detail``
(``tier_code``); receipts print that one. Sales written before the field
existed fall back to the member's current tier.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.receipts.pdf import render_pdf
from pos_member.receipts.text import render_text
from pos_member.seed.history import demo_buyer
from pos_member.services import checkout as co
from pos_member.services import refund as rf
from pos_member.services import stored_value as sv

from .readback import pdf_text
from .store_fixtures import SUPERVISOR, Till

SILVER, GOLD = "银卡会员", "金卡会员"


def _sql(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as db, db:
        return db.execute(sql, args).fetchall()


def tier_of(till: Till, member_id: int) -> str:
    return str(_sql(till.path, "select tier_code from members where id = ?", member_id)[0][0])


def detail_tier(till: Till, receipt_no: str) -> object:
    rows = _sql(
        till.path, "select json_extract(detail, '$.tier_code') from sales where receipt_no = ?",
        receipt_no,
    )  # fmt: skip
    return rows[0][0]


def silver_member(till: Till) -> dict[str, Any]:
    """A seeded member, made silver (the seed draws tiers at random) with little spend."""
    m = till.member(1)
    _sql(till.path, "update members set tier_code = 'silver' where id = ?", m["member_id"])
    return m


def big_basket(till: Till, at_least: Money) -> tuple[co.LineRequest, ...]:
    """Lines of the dearest packaged product adding up to more than ``at_least``."""
    code, price = _sql(
        till.path,
        "select code, price_fen from products where weighed = 0 and count_card_plan is null"
        " order by price_fen desc limit 1",
    )[0]
    assert isinstance(price, int) and price > 0
    units = at_least.fen // price + 1
    lines = []
    while units > 0:
        lines.append(co.LineRequest(str(code), quantity=min(units, 999)))
        units -= 999
    return tuple(lines)


def sell_then_upgrade(till: Till) -> tuple[co.SaleResult, co.SaleResult]:
    """A small sale as silver, then one past the gold threshold that upgrades at the till."""
    m = silver_member(till)
    mid = int(m["member_id"])
    first = till.sell(member=m)
    assert tier_of(till, mid) == "silver"
    # Spending past the gold threshold (5,000 yuan in the window) upgrades at the till.
    big = till.sell(member=m, codes=till.product_codes(1), extra=big_basket(till, Money.yuan(6000)))
    assert tier_of(till, mid) == "gold"
    return first, big


def test_reprint_after_an_upgrade_shows_the_tier_of_the_sale(till: Till) -> None:
    first, big = sell_then_upgrade(till)
    assert detail_tier(till, first.receipt_no) == "silver"
    # The sale that earned the upgrade was priced (and earned points) as silver: its
    # receipt prints silver, and that gold is reached from the next sale on.
    assert detail_tier(till, big.receipt_no) == "silver"
    upgraded = till.builder.build(big.receipt_no)
    assert upgraded.member is not None and upgraded.member.tier == SILVER
    assert upgraded.member.progress is not None
    assert upgraded.member.progress.next_tier == GOLD
    assert upgraded.member.progress.spend_needed == Money(0)
    assert f"已达到{GOLD}升级条件" in render_text(upgraded)

    reprint = till.builder.build(first.receipt_no, copy=True)
    assert reprint.member is not None
    assert reprint.member.tier == SILVER
    # The progress line is the sale's too: from silver the next step is gold.
    assert reprint.member.progress is not None and reprint.member.progress.next_tier == GOLD
    tier_line = next(line for line in render_text(reprint).splitlines() if line.startswith("等级"))
    assert tier_line.split()[-1] == SILVER


@pytest.mark.integration
def test_reprinted_pdf_reads_back_the_tier_of_the_sale(till: Till, tmp_path: Path) -> None:
    first, _ = sell_then_upgrade(till)
    pdf = tmp_path / "reprint.pdf"
    pdf.write_bytes(render_pdf(till.builder.build(first.receipt_no, copy=True)))
    lines = [line.strip() for line in pdf_text(pdf).splitlines()]
    tier_line = next(line for line in lines if line.startswith("等级"))
    assert tier_line.split()[-1] == SILVER


def test_refund_and_recharge_record_the_tier_at_the_counter(till: Till) -> None:
    m = silver_member(till)
    mid = int(m["member_id"])
    sale = till.sell(member=m)
    till.sell(member=m, codes=till.product_codes(1), extra=big_basket(till, Money.yuan(6000)))
    assert tier_of(till, mid) == "gold"

    till.clock.tick()
    back = rf.refund(till.ctx, rf.RefundRequest(rf.new_refund_id(), sale.receipt_no, {1: 1},
                                               SUPERVISOR))  # fmt: skip
    assert detail_tier(till, back.receipt_no) == "gold"
    refund_doc = till.builder.build(back.receipt_no)
    assert refund_doc.member is not None and refund_doc.member.tier == GOLD
    assert till.builder.build(sale.receipt_no).member.tier == SILVER  # type: ignore[union-attr]

    till.clock.tick()
    amount = Money.yuan(200)
    topped = sv.recharge(
        till.ctx,
        sv.RechargeRequest(sv.new_recharge_id(), mid, amount,
                           (TenderRequest(TenderKind.CASH, amount),), SUPERVISOR,
                           buyer=demo_buyer(till.ctx, mid, amount)),
    )  # fmt: skip
    assert detail_tier(till, topped.receipt_no) == "gold"
    # A later change of tier leaves the recharge voucher as it was.
    _sql(till.path, "update members set tier_code = 'platinum' where id = ?", mid)
    voucher = till.builder.build(topped.receipt_no)
    assert voucher.member is not None and voucher.member.tier == GOLD


def test_sales_written_before_the_tier_was_recorded_show_the_current_tier(till: Till) -> None:
    m = silver_member(till)
    mid = int(m["member_id"])
    sale = till.sell(member=m)
    # A sale as an older version wrote it: no tier_code in its detail. Sales are
    # append-only, so the copy of the store this test owns lifts the trigger to make one.
    with closing(sqlite3.connect(till.path)) as db, db:
        db.execute("drop trigger sales_no_update")
        db.execute(
            "update sales set detail = json_remove(detail, '$.tier_code') where receipt_no = ?",
            (sale.receipt_no,),
        )
    assert detail_tier(till, sale.receipt_no) is None
    _sql(till.path, "update members set tier_code = 'gold' where id = ?", mid)
    doc = till.builder.build(sale.receipt_no)
    assert doc.member is not None and doc.member.tier == GOLD

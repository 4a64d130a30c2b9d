"""Layout shared by all renderers, CJK-aware widths and the plain-text receipt."""

from __future__ import annotations

import pytest

from pos_member.receipts.layout import COPY_MARK, display_width, wrap
from pos_member.receipts.text import render_text

from .samples import big_sale, count_card_use, recharge, refund, sale, shift_z

ALL = [sale, refund, recharge, count_card_use, shift_z, big_sale]


def test_display_width_counts_cjk_double() -> None:
    assert display_width("abc") == 3
    assert display_width("应收") == 4
    assert display_width("￥1.00") == 6
    assert display_width("e\u0301") == 1  # combining accent takes no column


def test_wrap_breaks_cjk_anywhere_and_latin_between_words() -> None:
    assert wrap("金龙鱼黄金比例食用调和油", 8) == ["金龙鱼黄", "金比例食", "用调和油"]
    assert wrap("hello big world", 9) == ["hello big", "world"]
    assert wrap("abcdefghijkl", 5) == ["abcde", "fghij", "kl"]
    assert wrap("", 10) == [""]


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("make", ALL, ids=lambda f: f.__name__)
def test_no_text_line_is_wider_than_the_paper(make, columns: int) -> None:  # type: ignore[no-untyped-def]
    text = render_text(make(), columns)
    for line in text.splitlines():
        assert display_width(line) <= columns, line


def test_text_receipt_carries_numbers_totals_and_member_statement() -> None:
    text = render_text(sale())
    for expected in [
        "好邻居便利店 人民路店",
        "S01-20261123-0042",
        "2026-11-23 14:05:09",
        "金卡95折",
        "满80减2 优惠券",
        "￥83.10",
        "￥20.00",
        "138****5678",
        "积分余额",
        "1530",
        "即将过期积分（2026-12-31到期）",
        "￥450.00",
        "再消费￥1200.00可升级白金卡",
        "谢谢惠顾",
    ]:
        assert expected in text, expected
    assert "13812345678" not in text
    assert COPY_MARK not in text
    assert render_text(sale(copy=True)).count(COPY_MARK) == 2


def test_amounts_sit_flush_right() -> None:
    lines = render_text(sale(), 48).splitlines()
    due = next(line for line in lines if line.startswith("应收"))
    assert due.endswith("￥83.10")
    assert display_width(due) == 48


def test_refund_recharge_count_card_and_shift_sections() -> None:
    r = render_text(refund())
    assert "退货小票" in r and "原单号" in r and "应退" in r and "退回 现金" in r
    c = render_text(recharge())
    assert "充值金额" in c and "赠送金额" in c and "￥50.00" in c and "￥1500.00" in c
    k = render_text(count_card_use())
    assert "精洗10次卡" in k and "剩余次数" in k and "2027-06-30" in k
    z = render_text(shift_z())
    assert "Z 班结报表" in z and "131笔" in z and "-￥0.40" in z


def test_too_few_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="24 columns"):
        render_text(sale(), 20)

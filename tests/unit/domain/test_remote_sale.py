"""A sale of another store, as head office keeps it, planned like a local one
(``domain.remote_sale.remote_record``): the shares spread over the lines add up to
each line's net and to each tender's take, and refunds in any parts give back
exactly what each tender took, never more."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_member.domain.refund import plan_refund
from pos_member.domain.remote_sale import RemoteLine, RemoteSale, remote_record
from pos_member.domain.tenders import POINTS_VALUE, SV_BONUS, SV_PRINCIPAL


def _sale(nets: list[int], points_paid: list[int], cash: int, bonus: int, pv: int) -> RemoteSale:
    total = sum(nets)
    sv = total - cash - pv
    principal = sv - bonus
    return RemoteSale(
        sale_id="s", store_id="S001", receipt_no="T01-00000001", member_id=7, total_fen=total,
        tenders={"cash": cash, "stored_value": sv, "points": pv},
        sv_principal_fen=-principal, sv_bonus_fen=-bonus,
        lines=tuple(
            RemoteLine(n + 1, f"P{n}", "", 3, net, 0, points_paid[n], 0)
            for n, net in enumerate(nets)
        ),
        refunds={},
    )  # fmt: skip


@st.composite
def sales(draw: st.DrawFn) -> RemoteSale:
    nets = draw(st.lists(st.integers(1, 50_000), min_size=1, max_size=6))
    total = sum(nets)
    pv = draw(st.integers(0, min(total, 2_000)))
    points_paid = [pv and draw(st.integers(1, 100)) for _ in nets]
    cash = draw(st.integers(0, total - pv))
    bonus = draw(st.integers(0, total - pv - cash))
    return _sale(nets, points_paid, cash, bonus, pv)


@settings(max_examples=200, deadline=None)
@given(sales(), st.data())
def test_shares_add_up_and_refunds_in_parts_give_back_exactly_what_was_taken(
    sale: RemoteSale, data: st.DataObject
) -> None:
    record = remote_record(sale, {})
    for ln, sold in zip(sale.lines, record.lines, strict=True):
        assert sum(sold.buckets.values()) == ln.net_fen
    took = {"cash": sale.tenders["cash"], SV_PRINCIPAL: -sale.sv_principal_fen,
            SV_BONUS: -sale.sv_bonus_fen, POINTS_VALUE: sale.tenders["points"]}  # fmt: skip
    for bucket, fen in took.items():
        assert sum(sold.buckets.get(bucket, 0) for sold in record.lines) == fen
    back: dict[str, int] = {}
    done: dict[int, int] = {}
    while any(done.get(ln.line_no, 0) < ln.units for ln in sale.lines):
        ask = {
            ln.line_no: data.draw(st.integers(0, ln.units - done.get(ln.line_no, 0)))
            for ln in sale.lines
        }
        if not any(ask.values()):
            first = next(ln for ln in sale.lines if done.get(ln.line_no, 0) < ln.units)
            ask[first.line_no] = 1
        plan = plan_refund(remote_record(sale, done), ask)
        for rl in plan.lines:
            for b, v in rl.buckets.items():
                back[b] = back.get(b, 0) + v
                assert back[b] <= took[b]
        for n, u in ask.items():
            done[n] = done.get(n, 0) + u
    assert {b: v for b, v in back.items() if v} == {b: v for b, v in took.items() if v}


def test_units_refunded_at_head_office_and_here_both_count() -> None:
    sale = _sale([900], [0], 900, 0, 0)
    line = sale.lines[0]
    sale = RemoteSale(**{**{f: getattr(sale, f) for f in sale.__slots__},  # type: ignore[arg-type]
                         "lines": (RemoteLine(1, "P0", "", 3, 900, 0, 0, 1),)})  # fmt: skip
    assert line.units == 3
    record = remote_record(sale, {1: 1})
    assert record.remaining(1) == 1

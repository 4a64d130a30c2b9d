"""Property: any sequence of sales, refunds, recharges and adjustments keeps the
ledgers whole: balances equal the sums of entries, nothing goes negative, every
sale is complete, and money refunded never exceeds money paid, per receipt."""

from __future__ import annotations

import atexit
import contextlib
import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pos_member.domain.errors import OverCap, UserFacingError
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.services.adjustments import adjust_points
from pos_member.services.checkout import CheckoutRequest, LineRequest, checkout, new_sale_id, quote
from pos_member.services.context import Context
from pos_member.services.identify import member_view
from pos_member.services.refund import RefundRequest, new_refund_id, refund
from pos_member.services.stored_value import RechargeRequest, new_recharge_id, recharge
from pos_member.settings import Settings
from pos_member.store.checks import problems
from pos_member.store.db import Store
from tests.services.conftest import (
    APPLE_PLU,
    CASHIER,
    GOLD_ID,
    MILK,
    NORMAL_ID,
    NOW,
    RICE,
    SUPERVISOR,
    WATER,
    Clock,
    _add_fixtures,
    open_test_shift,
)

_TEMPLATE: list[Path] = []
SEEN: list[dict[str, int]] = []  # sales per kind in each run, to check the runs did work


def _template() -> Path:
    if not _TEMPLATE:
        from pos_member.seed.demo import seed_demo
        from tests.services.conftest import TODAY

        folder = tempfile.mkdtemp(prefix="ledger-props-")
        atexit.register(shutil.rmtree, folder, True)
        path = Path(folder) / "t.db"
        seed_demo(path, members=10, products=10, days=0, seed=2, today=TODAY)
        _add_fixtures(path)
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


CODES = st.sampled_from([WATER, MILK, RICE])
MEMBERS = st.sampled_from([GOLD_ID, NORMAL_ID, None])


class Counter(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="ledger-run-"))
        path = self.dir / "t.db"
        shutil.copy(_template(), path)
        self.path = path
        self.clock = Clock(NOW)
        self.store = Store.open(path, busy_timeout_ms=5_000)
        self.ctx = Context(
            store=self.store,
            # No PIN pad here: the PIN path has its own tests.
            settings=Settings(db_path=path, terminal_id="T01", pay_pin_threshold_fen=10**12),
            clock=self.clock,
        )
        open_test_shift(self.ctx)
        self.receipts: list[tuple[str, int]] = []

    def teardown(self) -> None:
        conn = sqlite3.connect(self.path)
        kinds = dict(conn.execute("select kind, count(*) from sales group by kind").fetchall())
        conn.close()
        SEEN.append(kinds)
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(
        lines=st.lists(st.tuples(CODES, st.integers(1, 4)), min_size=1, max_size=5),
        grams=st.one_of(st.none(), st.integers(1, 3000)),
        member=MEMBERS,
        use_sv=st.booleans(),
        points=st.sampled_from([0, 0, 100, 300]),
    )
    def sell(
        self,
        lines: list[tuple[str, int]],
        grams: int | None,
        member: int | None,
        use_sv: bool,
        points: int,
    ) -> None:
        reqs = [LineRequest(c, quantity=q) for c, q in lines]
        if grams is not None:
            reqs.append(LineRequest(APPLE_PLU, grams=grams))
        draft = CheckoutRequest(new_sale_id(), CASHIER, tuple(reqs), member_id=member,
                                points_to_redeem=points if member else 0)  # fmt: skip
        try:
            due = quote(self.ctx, draft).amount_due
        except UserFacingError:
            return
        kind = TenderKind.CASH
        if use_sv and member is not None and member_view(self.ctx, member).stored_value >= due:
            kind = TenderKind.STORED_VALUE
        pay = (TenderRequest(kind, due),) if due.fen else ()
        req = CheckoutRequest(draft.sale_id, CASHIER, draft.lines, pay, member_id=member,
                              points_to_redeem=draft.points_to_redeem)  # fmt: skip
        result = checkout(self.ctx, req)
        self.receipts.append((result.receipt_no, len(reqs)))
        self.clock.advance(minutes=7)

    @precondition(lambda self: bool(self.receipts))
    # Mostly a few pieces back (refused when more than is left), sometimes grams of a
    # weighed line or far too much: runs must commit refunds, not only be refused them.
    @rule(
        pick=st.integers(0, 10_000),
        line=st.integers(1, 6),
        units=st.one_of(st.integers(1, 3), st.integers(1, 2000)),
    )
    def give_back(self, pick: int, line: int, units: int) -> None:
        receipt, n = self.receipts[pick % len(self.receipts)]
        with contextlib.suppress(UserFacingError):  # beyond what is left: refused
            refund(
                self.ctx, RefundRequest(new_refund_id(), receipt, {min(line, n): units}, SUPERVISOR)
            )
        self.clock.advance(minutes=3)

    @rule(member=st.sampled_from([GOLD_ID, NORMAL_ID]), yuan=st.sampled_from([1, 100, 1000]))
    def top_up(self, member: int, yuan: int) -> None:
        amount = Money.yuan(yuan)
        # A card at its cap (¥5,000, docs/prepaid.md) refuses more: nothing is written.
        with contextlib.suppress(OverCap):
            recharge(self.ctx, RechargeRequest(new_recharge_id(), member, amount,
                                               (TenderRequest(TenderKind.CASH, amount),),
                                               SUPERVISOR))  # fmt: skip

    @rule(member=st.sampled_from([GOLD_ID, NORMAL_ID]), delta=st.integers(-500, 500))
    def correct_points(self, member: int, delta: int) -> None:
        if delta == 0:
            return
        with contextlib.suppress(UserFacingError):  # taking more than held: refused
            adjust_points(self.ctx, SUPERVISOR, None, member, delta, "盘点修正")

    @invariant()
    def ledgers_whole(self) -> None:
        conn = sqlite3.connect(self.path)
        try:
            assert problems(conn) == []
            # Per original sale, refunds never give back more than was paid, per tender.
            over = conn.execute(
                """SELECT s.id FROM sales s JOIN sales r ON r.original_sale_id = s.id
                   GROUP BY s.id
                   HAVING (SELECT SUM(amount_fen) FROM tenders WHERE sale_id = s.id)
                        + (SELECT SUM(t.amount_fen) FROM tenders t JOIN sales x
                           ON x.id = t.sale_id WHERE x.original_sale_id = s.id) < 0"""
            ).fetchall()
            assert over == []
        finally:
            conn.close()


Counter.TestCase.settings = settings(
    max_examples=20,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_any_sequence_keeps_ledgers_whole() -> None:
    SEEN.clear()
    Counter.TestCase("runTest").runTest()
    # The runs did real work: sales, refunds and recharges were committed.
    totals = {k: sum(run.get(k, 0) for run in SEEN) for k in ("sale", "refund", "recharge")}
    assert all(totals.values()), totals

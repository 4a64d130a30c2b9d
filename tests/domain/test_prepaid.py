"""The prepaid-card law's rules, worked number by number (docs/prepaid.md)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_member.domain import prepaid as pp
from pos_member.domain.errors import (
    BadIdNumber,
    CashNotAllowed,
    CoolingOffOver,
    CostsNotAllowed,
    NoCoolingOff,
    NothingToClose,
    OverCap,
    RefundOverCap,
)
from pos_member.domain.ledger import SVBalance, plan_sv_spend
from pos_member.domain.money import Money
from pos_member.domain.rules import (
    CardClass,
    PrepaidRules,
    ProgrammeRules,
    SpendOrder,
    StoredValueRules,
    demo_rules,
)

y = Money.yuan
LAW = PrepaidRules()
DEMO_SV = demo_rules().stored_value
NO_BONUS = StoredValueRules()


def bal(principal: str, bonus: str = "0") -> SVBalance:
    return SVBalance(y(principal), y(bonus))


# --- the court's worked case ----------------------------------------------------------


def test_the_courts_case_3000_paid_1000_bonus_3594_spent():
    q = pp.closure_quote(y(3000), y(1000), bal("304.50", "101.50"), LAW)
    assert q.spent == y("3594")
    assert q.spent_from_principal == y("2695.50")
    assert q.refund == y("304.50")
    assert q.forfeited == y("101.50")
    assert not q.cash_allowed  # 406.00 > 100: bank transfer
    words = " ".join(t.text() for t in q.explain())
    assert "¥2,695.50" in words and "¥304.50" in words and "法释〔2025〕4号" in words


def test_the_court_rule_does_not_depend_on_the_spending_order():
    # Bonus spent first leaves 406 of principal: the court still refunds 304.50.
    assert pp.closure_quote(y(3000), y(1000), bal("406"), LAW).refund == y("304.50")


def test_pro_rata_spending_leaves_exactly_the_refundable_principal():
    left = SVBalance(y(3000), y(1000))
    entry = plan_sv_spend("s", left, y(3594), SpendOrder.PRO_RATA)
    assert (entry.principal, entry.bonus) == (-y("2695.50"), -y("898.50"))


def test_without_bonus_the_whole_balance_is_refunded():
    q = pp.closure_quote(y(500), y(0), bal("123.45"), LAW)
    assert (q.refund, q.forfeited, q.spent) == (y("123.45"), y(0), y("376.55"))


def test_a_half_fen_goes_to_the_holder():
    # 1 fen spent of 2 fen paid + 1 fen bonus: 2/3 fen of principal spent, rounded down.
    q = pp.closure_quote(Money(2), Money(1), SVBalance(Money(1), Money(1)), LAW)
    assert q.spent_from_principal == Money(0) and q.refund == Money(2)


def test_an_empty_card_is_not_closed():
    with pytest.raises(NothingToClose):
        pp.closure_quote(y(100), y(0), bal("0"), LAW)


@pytest.mark.parametrize(("balance", "cash"), [("100.00", True), ("100.01", False)])
def test_cash_only_up_to_100(balance, cash):
    assert pp.closure_quote(y(200), y(0), bal(balance), LAW).cash_allowed is cash


# --- caps ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("card_class", "cap"), [(CardClass.NAMED, "5000"), (CardClass.ANONYMOUS, "1000")]
)
@pytest.mark.parametrize(("extra_fen", "ok"), [(-1, True), (0, True), (1, False)])
def test_each_cap_at_the_fen_below_at_and_above(card_class, cap, extra_fen, ok):
    balance = bal("100")
    principal = y(cap) - y(100) + Money(extra_fen)
    if ok:
        pp.check_recharge_room(balance, principal, Money(0), card_class, LAW, NO_BONUS)
    else:
        with pytest.raises(OverCap) as e:
            pp.check_recharge_room(balance, principal, Money(0), card_class, LAW, NO_BONUS)
        assert e.value.params["room"] == y(cap) - y(100)


def test_a_recharge_past_the_cap_says_the_room_left():
    with pytest.raises(OverCap) as e:
        pp.check_recharge_room(bal("3750"), y(2000), Money(0), CardClass.NAMED, LAW, NO_BONUS)
    assert "it can take at most ¥1,250.00 more" in e.value.message


def test_the_room_left_counts_the_bonus_the_deposit_would_earn():
    # 2,000 of room: 充2000送150 would pass it, and so would 1,999.99 (送60: 2,059.99);
    # the most is 1,940.00, whose 60 of bonus makes exactly 2,000.00.
    assert pp.max_recharge(bal("3000"), CardClass.NAMED, LAW, DEMO_SV) == y(1940)


def test_the_bonus_is_not_counted_when_the_programme_says_so():
    principal_only = PrepaidRules(cap_counts_bonus=False)
    assert pp.room(bal("4000", "900"), CardClass.NAMED, principal_only) == y(1000)
    assert pp.room(bal("4000", "900"), CardClass.NAMED, LAW) == y(100)


def test_a_refund_back_past_the_cap_is_refused_with_the_room():
    with pytest.raises(RefundOverCap) as e:
        pp.check_credit_room(bal("4990"), y(20), Money(0), CardClass.NAMED, LAW)
    assert e.value.params["room"] == y(10)
    pp.check_credit_room(bal("4990"), y(10), Money(0), CardClass.NAMED, LAW)


def test_money_off_always_fits_even_over_the_cap():
    assert pp.fits(bal("6000"), -y(10), Money(0), CardClass.NAMED, LAW)


def test_the_demo_tiers_stay_within_the_named_cap():
    for row in DEMO_SV.bonus_table:
        assert row.threshold + row.bonus <= LAW.named.cap
    assert [(r.threshold, r.bonus) for r in DEMO_SV.bonus_table] == [
        (y(500), y(25)), (y(1000), y(60)), (y(2000), y(150)), (y(3000), y(300)),
    ]  # fmt: skip


def test_anonymous_cards_last_three_years_named_never_expire():
    assert pp.expiry_for(CardClass.ANONYMOUS, date(2026, 11, 23), LAW) == date(2029, 11, 23)
    assert pp.expiry_for(CardClass.ANONYMOUS, date(2028, 2, 29), LAW) == date(2031, 2, 28)
    assert pp.expiry_for(CardClass.NAMED, date(2026, 11, 23), LAW) is None


# --- real names and cash ----------------------------------------------------------------


def test_real_names_for_named_cards_and_large_anonymous_buys():
    assert pp.real_name_needed(CardClass.NAMED, y(1), LAW)
    assert not pp.real_name_needed(CardClass.ANONYMOUS, y(1000), LAW, bulk=y("9999.99"))
    assert pp.real_name_needed(CardClass.ANONYMOUS, y(1000), LAW, bulk=y(10000))


@pytest.mark.parametrize(
    ("buyer", "amount", "refused"),
    [
        (pp.BuyerKind.COMPANY, "4999.99", False),
        (pp.BuyerKind.COMPANY, "5000", True),
        (pp.BuyerKind.PERSON, "49999.99", False),
        (pp.BuyerKind.PERSON, "50000", True),
    ],
)
def test_no_cash_thresholds(buyer, amount, refused):
    if refused:
        with pytest.raises(CashNotAllowed, match="bank transfer"):
            pp.check_no_cash(y(amount), y(1), buyer, LAW)
        pp.check_no_cash(y(amount), Money(0), buyer, LAW)  # by transfer: fine
    else:
        pp.check_no_cash(y(amount), y(amount), buyer, LAW)


def test_resident_id_check_digit():
    assert pp.check_id_number(pp.IdType.RESIDENT_ID, "11010519491231002x") == "11010519491231002X"
    with pytest.raises(BadIdNumber) as e:
        pp.check_id_number(pp.IdType.RESIDENT_ID, "110105194912310021")
    assert "110105194912310021" not in e.value.message  # masked, never the number
    assert pp.check_id_number(pp.IdType.PASSPORT, "E1234 5678") == "E12345678"


def test_masks():
    assert pp.mask("11010519491231002X") == "1101**********002X"
    assert pp.mask("6217 0000 1000 0000 123") == "6217***********0123"
    assert pp.mask("E1234567") == "E*****67"


# --- cooling-off ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "last_ok"), [("beijing", date(2026, 11, 8)), ("jiangsu", date(2026, 11, 16))]
)
def test_cooling_off_at_the_day_boundaries(region, last_ok):
    rules = PrepaidRules(region=region)
    bought = date(2026, 11, 1)
    assert pp.cooling_off_until(bought, rules) == last_ok
    pp.check_reversal(bought, bought, y(1000), Money(0), rules)
    pp.check_reversal(bought, last_ok, y(1000), Money(0), rules)
    with pytest.raises(CoolingOffOver, match=last_ok.isoformat()):
        pp.check_reversal(
            bought, date.fromordinal(last_ok.toordinal() + 1), y(1000), Money(0), rules
        )


def test_no_cooling_off_by_default():
    with pytest.raises(NoCoolingOff):
        pp.check_reversal(date(2026, 11, 1), date(2026, 11, 1), y(1000), Money(0), LAW)


def test_only_jiangsu_keeps_costs_back():
    pp.check_reversal(
        date(2026, 11, 1), date(2026, 11, 2), y(1000), y(5), PrepaidRules(region="jiangsu")
    )
    with pytest.raises(CostsNotAllowed):
        pp.check_reversal(
            date(2026, 11, 1), date(2026, 11, 2), y(1000), y(5), PrepaidRules(region="beijing")
        )
    with pytest.raises(CostsNotAllowed):
        pp.check_reversal(
            date(2026, 11, 1), date(2026, 11, 2), y(10), y(11), PrepaidRules(region="jiangsu")
        )


def test_the_prepaid_section_round_trips_through_the_rules_document():
    rules = demo_rules()
    doc = rules.to_dict()
    doc["prepaid"]["region"] = "jiangsu"
    doc["prepaid"]["anonymous"]["cap"] = 50_000
    back = ProgrammeRules.from_dict(doc)
    assert back.prepaid.region == "jiangsu" and back.prepaid.anonymous.cap == y(500)
    assert back.prepaid.named == LAW.named
    assert ProgrammeRules.from_dict({k: v for k, v in doc.items() if k != "prepaid"}).prepaid == LAW
    with pytest.raises(ValueError, match="region"):
        PrepaidRules(region="atlantis")


# --- properties ---------------------------------------------------------------------------

fen = st.integers(min_value=1, max_value=500_000)


@given(paid=fen, bonus=st.integers(0, 500_000), spent_share=st.floats(0, 1))
def test_a_closure_never_refunds_more_than_was_paid_in(paid, bonus, spent_share):
    spent = int((paid + bonus - 1) * spent_share)
    total_left = paid + bonus - spent
    p = pp.closure_quote(Money(paid), Money(bonus), SVBalance(Money(total_left), Money(0)), LAW)
    assert 0 <= p.refund.fen <= paid
    assert p.refund.fen <= total_left
    assert p.refund + p.forfeited == Money(total_left)
    assert p.spent_from_principal + p.refund == Money(paid)


@given(
    p=st.integers(0, 500_000),
    b=st.integers(0, 500_000),
    share=st.floats(0, 1),
)
def test_pro_rata_spends_never_overdraw_either_part(p, b, share):
    balance = SVBalance(Money(p), Money(b))
    amount = int((p + b) * share)
    if amount <= 0:
        return
    e = plan_sv_spend("s", balance, Money(amount), SpendOrder.PRO_RATA)
    assert -e.principal.fen <= p and -e.bonus.fen <= b
    assert e.principal.fen <= 0 and e.bonus.fen <= 0
    assert -(e.principal + e.bonus).fen == amount

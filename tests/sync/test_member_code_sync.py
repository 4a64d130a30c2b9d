"""The member code end to end on loopback: keys registered at a real head office
(PostgreSQL), pulled by real tills (SQLite), codes verified offline, the code's use
pushed back and a code taken at two tills flagged; a revoked phone refused once
pulled."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text

from pos_member.domain import member_code as mc
from pos_member.domain.identifiers import IdKind
from pos_member.domain.money import Money
from pos_member.domain.tenders import TenderKind, TenderRequest
from pos_member.headoffice import device_keys as dk
from pos_member.headoffice.testing import free_port
from pos_member.services.checkout import CheckoutRequest, LineRequest, new_sale_id
from pos_member.store import state
from tests.member_phone import Phone
from tests.sync.conftest import CASHIER

pytestmark = pytest.mark.integration


def _step(till: Any) -> int:
    return mc.step_of(till.synced.clock().timestamp())


def _register(hq: Any, member_id: int, phone: Phone) -> int:
    with hq.engine.begin() as conn:
        return dk.register_device_key(conn, member_id, phone.public_raw, "测试手机")


def test_a_code_pulled_verified_paid_with_and_flagged_when_taken_at_two_tills(
    hq: Any, make_till: Any, member_ids: Any
) -> None:
    (mid,) = member_ids(1, with_balance=10_000, hq=hq)
    phone = Phone()
    key_id = _register(hq, mid, phone)
    a, b = make_till(), make_till()  # each pulled at enrolment (make_till syncs)
    for till in (a, b):
        with till.synced.store.reading() as s:
            assert state.get_state(s.connection(), state.HQ_CHAIN_CODE) == "PM"
        assert till.rows("SELECT member_id, revoked FROM member_device_keys WHERE key_id = :k",
                         k=key_id) == [(mid, 0)]  # fmt: skip
    a.services.set_pay_pin(CASHIER, mid, "135790")
    a.sync()
    payload = phone.code("PM", mid, key_id, _step(a))
    # Head office unreachable: the tills verify alone.
    for till in (a, b):
        till.synced.set_url(f"http://127.0.0.1:{free_port()}")
    view = a.services.identify(payload)
    assert (view.member_id, view.id_method) == (mid, IdKind.MEMBER_CODE.value)
    with pytest.raises(mc.MemberCodeReplayed):
        a.services.identify(payload)
    code, qty = a.cart_of_at_least(mid, 500)
    base = CheckoutRequest(sale_id=new_sale_id(), staff=CASHIER,
                           lines=(LineRequest(code, quantity=qty),), member_id=mid,
                           id_method=view.id_method, pay_pin="135790")  # fmt: skip
    due = a.services.quote(base).amount_due
    tenders = (TenderRequest(TenderKind.STORED_VALUE, Money(500)),
               TenderRequest(TenderKind.CASH, due - Money(500)))  # fmt: skip
    sale = a.services.checkout(replace(base, tenders=tenders))
    assert a.rows("SELECT offline FROM sales WHERE id = :s", s=sale.sale_id) == [(1,)]
    # The same code at the second till (a copy of the screen): this till has not seen
    # it, so it takes it; head office will tell.
    assert b.services.identify(payload).member_id == mid
    for till in (a, b):
        till.synced.set_url(hq.url)
    a.sync()
    b.sync()
    assert hq.scalar("SELECT id_method FROM sales WHERE id = :s", s=sale.sale_id) == "member_code"
    assert hq.scalar("SELECT count(*) FROM member_code_uses WHERE key_id = :k", k=key_id) == 2
    with hq.engine.connect() as conn:
        items = conn.execute(
            text("SELECT member_id, detail FROM review_items WHERE kind = 'member_code_reused' "
                 "AND member_id = :m"), {"m": mid},
        ).all()  # fmt: skip
    assert len(items) == 1
    assert items[0][1]["key_id"] == key_id and items[0][1]["step"] == _step(a)
    assert items[0][1]["other_terminals"] == [f"S001-{a.synced.terminal_id}"]


def test_a_revoked_phone_is_refused_once_the_till_has_pulled(
    hq: Any, make_till: Any, member_ids: Any
) -> None:
    (mid,) = member_ids(1)
    phone = Phone()
    key_id = _register(hq, mid, phone)
    till = make_till()
    assert till.services.identify(phone.code("PM", mid, key_id, _step(till))).member_id == mid
    with hq.engine.begin() as conn:
        dk.revoke_device_key(conn, key_id, "手机丢失")
    till.synced.clock.advance(seconds=30)
    fresh = phone.code("PM", mid, key_id, _step(till))
    till.sync()
    with till.synced.store.reading() as s:
        before = s.connection().execute(text("SELECT count(*) FROM outbox")).scalar_one()
    with pytest.raises(mc.MemberCodeRevoked):
        till.services.identify(fresh)
    assert till.rows("SELECT count(*) FROM outbox") == [(before,)]
    assert till.rows("SELECT revoked FROM member_device_keys WHERE key_id = :k", k=key_id) == [(1,)]


def test_a_renamed_chain_reaches_the_till_and_old_codes_are_another_chains(
    hq: Any, make_till: Any, member_ids: Any
) -> None:
    (mid,) = member_ids(1)
    phone = Phone()
    key_id = _register(hq, mid, phone)
    till = make_till()
    try:
        with hq.engine.begin() as conn:
            dk.set_chain_code(conn, "HX1")
        till.sync()
        with pytest.raises(mc.MemberCodeOtherChain):
            till.services.identify(phone.code("PM", mid, key_id, _step(till)))
        assert till.services.identify(phone.code("HX1", mid, key_id, _step(till))).member_id == mid
    finally:
        with hq.engine.begin() as conn:
            dk.set_chain_code(conn, "PM")

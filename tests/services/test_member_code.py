"""The member code (会员码) at the till: a real SQLite store, keys applied as a pull
applies them, the guarded time of the context's clock."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from drivers.classify import Classifier
from pos_member.domain import member_code as mc
from pos_member.domain.errors import WrongPin
from pos_member.domain.identifiers import IdKind
from pos_member.domain.money import Money
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.identify import identify, identify_key, member_view
from pos_member.sync.apply import apply_page
from pos_member.wire.schemas import Change, Entity
from tests.member_phone import Phone
from tests.services.conftest import (
    GOLD_CARD,
    GOLD_ID,
    GOLD_PIN,
    NORMAL_ID,
    RICE,
    Clock,
    table_counts,
)
from tests.services.helpers import rows, sale, stored_value

CHAIN = "PM"
KEY, OTHER_KEY, STRANGER_KEY = 41, 42, 43


@pytest.fixture(scope="module")
def phone() -> Phone:
    return Phone()


def _pull(ctx: Context, *keys: dict[str, object]) -> None:
    """Apply device keys exactly as a pulled page does."""
    with ctx.store.session() as s:
        changes = [Change(entity=Entity.DEVICE_KEY, key=str(k["id"]), data=k) for k in keys]
        apply_page(s.connection(), changes, ctx.now_iso())


def _key(key_id: int, member: int, phone: Phone, revoked: bool = False, chain: str = CHAIN):
    return {"id": key_id, "member_id": member, "public_key": mc.b64url(phone.public_raw),
            "revoked": revoked, "chain": chain}  # fmt: skip


@pytest.fixture
def keyed(ctx: Context, phone: Phone) -> Context:
    # Key 43 is of a member this till does not have (the feed brought the key first).
    _pull(ctx, _key(KEY, GOLD_ID, phone), _key(OTHER_KEY, NORMAL_ID, Phone()),
          _key(STRANGER_KEY, 123_456_789, phone))  # fmt: skip
    return ctx


def _step(ctx: Context) -> int:
    return mc.step_of(ctx.now().timestamp())


def _code(ctx: Context, phone: Phone, *, member: int = GOLD_ID, key: int = KEY, dt: int = 0):
    return phone.code(CHAIN, member, key, _step(ctx) + dt)


def test_a_code_identifies_the_member_like_a_card_and_is_used_up(
    keyed: Context, phone: Phone, db_path: Path
) -> None:
    payload = _code(keyed, phone)
    view = identify_key(keyed, IdKind.MEMBER_CODE, payload)
    assert (view.member_id, view.id_method) == (GOLD_ID, "member_code")
    assert view.card_number_masked is not None and view.card_number_masked.endswith(GOLD_CARD[-4:])
    assert rows(db_path, "select key_id, step from member_codes_seen") == [(KEY, _step(keyed))]
    (used,) = rows(db_path, "select payload from outbox where kind = 'member.code_used'")
    assert json.loads(used[0]) == {"member_id": GOLD_ID, "key_id": KEY, "step": _step(keyed),
                                   "used_at": keyed.now_iso()}  # fmt: skip


def test_typed_or_scanned_without_a_kind_the_prefix_routes_it(keyed: Context, phone: Phone) -> None:
    payload = _code(keyed, phone)
    scan = Classifier().classify(payload + "\r")
    assert (scan.kind, scan.value) == (IdKind.MEMBER_CODE, payload)
    assert identify(keyed, payload).id_method == "member_code"
    bad = Classifier().classify(payload[:-5])
    assert bad.kind is IdKind.REJECTED and isinstance(bad.problem, mc.MemberCodeMalformed)
    with pytest.raises(mc.MemberCodeMalformed):
        identify(keyed, "PM1.PM.1.2")


def _refused(
    ctx: Context, payload: str, error: type[Exception], unchanged: Callable[[], None]
) -> None:
    with pytest.raises(error) as exc:
        identify_key(ctx, IdKind.MEMBER_CODE, payload)
    assert isinstance(exc.value, mc.MemberCodeRefused)
    unchanged()


def test_the_same_code_twice_is_refused_and_writes_nothing(
    keyed: Context, phone: Phone, db_path: Path
) -> None:
    payload = _code(keyed, phone)
    identify_key(keyed, IdKind.MEMBER_CODE, payload)
    before = table_counts(db_path)

    def unchanged() -> None:
        assert table_counts(db_path) == before

    _refused(keyed, payload, mc.MemberCodeReplayed, unchanged)
    # A fresh code of the next step is taken.
    assert identify_key(keyed, IdKind.MEMBER_CODE, _code(keyed, phone, dt=1)).member_id == GOLD_ID


def test_an_old_screenshot_is_expired(
    keyed: Context, phone: Phone, clock: Clock, unchanged: Callable[[], None]
) -> None:
    shot = _code(keyed, phone)
    clock.advance(seconds=91)  # past two steps back, whatever the phase
    _refused(keyed, shot, mc.MemberCodeExpired, unchanged)
    assert mc.MemberCodeExpired.template.endswith("ask the member to refresh it.")


def test_a_code_ahead_of_the_tills_clock_is_refused(
    keyed: Context, phone: Phone, unchanged: Callable[[], None]
) -> None:
    _refused(keyed, _code(keyed, phone, dt=2), mc.MemberCodeFromTheFuture, unchanged)


def test_tampered_codes_are_refused(
    keyed: Context, phone: Phone, unchanged: Callable[[], None]
) -> None:
    good = _code(keyed, phone)
    # The member id changed to the other member's own key... and to someone else's.
    _refused(keyed, good.replace(f".{GOLD_ID}.{KEY}.", f".{NORMAL_ID}.{OTHER_KEY}.", 1),
             mc.MemberCodeBadSignature, unchanged)  # fmt: skip
    _refused(keyed, good.replace(f".{GOLD_ID}.", f".{NORMAL_ID}.", 1),
             mc.MemberCodeBadSignature, unchanged)  # fmt: skip
    sig = bytearray(mc.from_b64url(good.rsplit(".", 1)[1]))
    sig[10] ^= 0x40
    _refused(keyed, good.rsplit(".", 1)[0] + "." + mc.b64url(bytes(sig)),
             mc.MemberCodeBadSignature, unchanged)  # fmt: skip


def test_unknown_key_unknown_member_other_chain_and_malformed_are_refused(
    keyed: Context, phone: Phone, unchanged: Callable[[], None]
) -> None:
    _refused(keyed, _code(keyed, phone, key=99), mc.MemberCodeUnknownKey, unchanged)
    _refused(keyed, _code(keyed, phone, member=123_456_789, key=STRANGER_KEY),
             mc.MemberCodeUnknownKey, unchanged)  # fmt: skip
    _refused(keyed, phone.code("HX", GOLD_ID, KEY, _step(keyed)), mc.MemberCodeOtherChain,
             unchanged)  # fmt: skip
    for bad in ("PM1.", _code(keyed, phone) + ".1", _code(keyed, phone)[:-1], "PM1.PM.x.1.1.AA"):
        _refused(keyed, bad, mc.MemberCodeMalformed, unchanged)


def test_a_till_that_never_learnt_its_chain_takes_no_code(
    ctx: Context, phone: Phone, unchanged: Callable[[], None]
) -> None:
    # Keys pulled without a chain code (a head office that sent none): refused.
    with ctx.store.session() as s:
        data = {k: v for k, v in _key(KEY, GOLD_ID, phone).items() if k != "chain"}
        apply_page(s.connection(), [Change(entity=Entity.DEVICE_KEY, key="41", data=data)],
                   ctx.now_iso())  # fmt: skip
    before = table_counts(ctx.settings.db_path)
    with pytest.raises(mc.MemberCodeOtherChain):
        identify_key(ctx, IdKind.MEMBER_CODE, _code(ctx, phone))
    assert table_counts(ctx.settings.db_path) == before


def test_a_revoked_phone_is_refused_once_pulled(
    keyed: Context, phone: Phone, db_path: Path
) -> None:
    assert identify_key(keyed, IdKind.MEMBER_CODE, _code(keyed, phone)).member_id == GOLD_ID
    _pull(keyed, _key(KEY, GOLD_ID, phone, revoked=True))
    before = table_counts(db_path)
    with pytest.raises(mc.MemberCodeRevoked):
        identify_key(keyed, IdKind.MEMBER_CODE, _code(keyed, phone, dt=1))
    assert table_counts(db_path) == before


def test_seen_codes_are_pruned_once_well_past_the_window(
    keyed: Context, phone: Phone, clock: Clock, db_path: Path
) -> None:
    identify_key(keyed, IdKind.MEMBER_CODE, _code(keyed, phone))
    first = _step(keyed)
    clock.advance(minutes=5)
    identify_key(keyed, IdKind.MEMBER_CODE, _code(keyed, phone))
    assert {r[0] for r in rows(db_path, "select step from member_codes_seen")} == {
        first,
        _step(keyed),
    }
    clock.advance(minutes=12)
    identify_key(keyed, IdKind.MEMBER_CODE, _code(keyed, phone))
    assert [r[0] for r in rows(db_path, "select step from member_codes_seen")] == [_step(keyed)]


def test_stored_value_with_a_code_and_the_pin_pays_like_a_card(
    keyed: Context, phone: Phone, db_path: Path
) -> None:
    view = identify_key(keyed, IdKind.MEMBER_CODE, _code(keyed, phone))
    balance = member_view(keyed, GOLD_ID).stored_value
    # Identified by code, the member presented no plastic card.
    base = sale(LineRequest(RICE), tenders=(stored_value(Money.yuan("47.50")),),
                member_id=view.member_id, id_method=view.id_method)  # fmt: skip
    with pytest.raises(WrongPin):
        checkout(keyed, replace(base, pay_pin="000000"))
    result = checkout(keyed, replace(base, pay_pin=GOLD_PIN))
    assert result.total == Money.yuan("47.50")
    assert member_view(keyed, GOLD_ID).stored_value == balance - Money.yuan("47.50")
    (payload,) = rows(db_path, "select payload from outbox where id = ?", base.sale_id)
    body = json.loads(payload[0])
    assert body["id_method"] == "member_code" and body["card_number"] is None

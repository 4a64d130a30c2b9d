"""Registering, searching, viewing, editing members; statement and tier history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, text

from pos_member.domain.errors import NotAllowed, UserFacingError
from pos_member.domain.identifiers import IdKind
from pos_member.domain.money import Money
from pos_member.services import members as mb
from pos_member.store import pii
from pos_member.store.models import AuditEntry, Coupon, Member, OutboxEvent, TerminalState
from pos_member.store.models_manager import MemberProfile, TierChangeRow
from pos_member.wire.schemas import Event, EventKind

from .conftest import Desk
from .helpers import add_product, buy, recharge, register


def _wire(desk: Desk, row: OutboxEvent) -> Event:
    return Event.model_validate(
        {"id": row.id, "kind": row.kind, "store_id": desk.ctx.settings.store_id,
         "terminal_id": desk.ctx.terminal_id, "created_at": row.created_at,
         "payload": pii.open_payload(desk.ctx.store.sealer, row.payload)}
    )  # fmt: skip


def test_register_writes_member_profile_consent_tier_coupon_audit_outbox(desk: Desk) -> None:
    r = mb.register_member(
        desk.ctx,
        mb.RegisterRequest(staff=desk.cashier, name="  王  小明 ", phone="+86 138-0013-8000",
                           consent=True, birthday=date(1990, 3, 2), gender="male"),
    )  # fmt: skip
    assert r.tier_code == "normal"
    assert r.signup_coupon == f"SU{r.member_id}"
    with desk.ctx.store.reading() as s:
        m = s.get(Member, r.member_id)
        assert m is not None
        sealer = desk.ctx.store.sealer
        # Masked for the counter, hashed for lookups, sealed for the roles that need them.
        assert (m.name_masked, m.phone_masked, m.phone_last4, m.birthday, m.joined_on) == (
            "王***",
            "138****8000",
            "8000",
            "1990-03-02",
            "2026-03-10",
        )
        assert pii.full_name(sealer, m.name_sealed) == "王 小明"
        assert pii.full_phone(sealer, m.phone_sealed) == "13800138000"
        assert m.phone_index == pii.phone_index(sealer, "13800138000")
        p = s.get(MemberProfile, r.member_id)
        assert p is not None and p.consent_data_use and p.gender == "male"
        assert p.consent_at == desk.ctx.now_iso() and p.consent_version == mb.CONSENT_VERSION
        c = s.scalar(select(Coupon).where(Coupon.code == r.signup_coupon))
        assert c is not None and c.member_id == r.member_id
        # demo rules: 10 yuan off a 50-yuan spend, valid 90 days
        assert (c.value_fen, c.min_spend_fen, c.valid_from, c.valid_until) == (
            1000,
            5000,
            "2026-03-10",
            "2026-06-08",
        )
        hist = s.scalars(select(TierChangeRow)).all()
        assert [(h.from_tier, h.to_tier, h.reason) for h in hist] == [(None, "normal", "signup")]
        events = s.scalars(select(OutboxEvent).order_by(OutboxEvent.seq)).all()
        assert [e.kind for e in events] == ["member.registered", "coupon.issued"]
        reg = _wire(desk, events[0])
        assert reg.kind == EventKind.MEMBER_REGISTERED
        assert reg.typed_payload().phone == "13800138000"
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "member.register"))
        assert audit is not None and audit.staff_id == "1001" and audit.event_id == r.event_id


BAD_REGISTRATIONS = [
    ({"name": "   "}, "name"),
    ({"name": "张3"}, "name"),
    ({"name": "李" * 65}, "name"),
    ({"phone": "12345"}, "phone"),
    ({"phone": "1380013800"}, "phone"),
    ({"birthday": date(2026, 3, 11)}, "birthday"),
    ({"birthday": date(1890, 1, 1)}, "birthday"),
    ({"gender": "robot"}, "gender"),
    ({"consent": False}, "consent"),
    ({"consent_version": ""}, "consent version"),
    ({"consent_version": "2026-01-with-a-long-tail"}, "consent version"),
]


@pytest.mark.parametrize(("change", "field"), BAD_REGISTRATIONS)
def test_bad_registration_is_refused_and_writes_nothing(
    desk: Desk, change: dict[str, object], field: str
) -> None:
    before = desk.counts()
    fields: dict[str, object] = {"staff": desk.cashier, "name": "李四", "phone": "13900139000",
                                 "consent": True, **change}  # fmt: skip
    with pytest.raises(UserFacingError) as err:
        mb.register_member(desk.ctx, mb.RegisterRequest(**fields))  # type: ignore[arg-type]
    assert field in err.value.message
    assert desk.counts() == before
    with desk.ctx.store.reading() as s:
        assert s.scalar(select(Member.id)) is None


def test_phone_must_be_unique(desk: Desk) -> None:
    register(desk.ctx, desk.cashier, "13900139000")
    before = desk.counts()
    with pytest.raises(UserFacingError, match=r"139\*\*\*\*9000 already belongs"):
        register(desk.ctx, desk.cashier, "139 0013 9000", name="另一个")
    assert desk.counts() == before


def test_member_ids_come_from_the_terminal_block(desk: Desk) -> None:
    with desk.ctx.store.unit_of_work("T01", desk.ctx.now_iso()) as uow:
        uow.session.add_all(
            [
                TerminalState(key="hq.member_id_base", value="5000000"),
                TerminalState(key="hq.member_id_block", value="3"),
                TerminalState(key="hq.member_id_next", value="5000000"),
            ]
        )
        # A member head office already sent down holds the second id of the block.
        uow.session.add(Member(id=5_000_001, name="总部会员", phone="13900000009",
                               tier_code="normal", joined_on="2026-01-01", status="active",
                               sv_principal_fen=0, sv_bonus_fen=0, points_balance=0,
                               pay_pin_failures=0, updated_at=uow.now))  # fmt: skip
    assert register(desk.ctx, desk.cashier, "13900000001").member_id == 5_000_000
    assert register(desk.ctx, desk.cashier, "13900000002").member_id == 5_000_002
    before = desk.counts()
    with pytest.raises(UserFacingError, match="block of member ids"):
        register(desk.ctx, desk.cashier, "13900000003")
    assert desk.counts() == before


def _seed_names(desk: Desk) -> dict[str, int]:
    ids = {}
    for i, name in enumerate(("张伟", "张伟东", "张三", "李四", "欧阳娜娜")):
        ids[name] = register(desk.ctx, desk.cashier, f"1370000000{i}", name=name).member_id
    return ids


def test_search_by_phone_card_and_name_prefix_masked_for_cashier(desk: Desk) -> None:
    ids = _seed_names(desk)
    before = desk.counts()
    by_phone = mb.search_members(desk.ctx, desk.cashier, "137 0000 0003")
    assert by_phone.kind is IdKind.PHONE and not by_phone.full
    (m,) = by_phone.members
    assert (m.member_id, m.name, m.phone, m.birthday) == (ids["李四"], "李*", "137****0003", None)
    by_name = mb.search_members(desk.ctx, desk.cashier, "张伟")
    assert by_name.kind is IdKind.NAME
    assert [x.member_id for x in by_name.members] == [ids["张伟"], ids["张伟东"]]
    assert [x.name for x in by_name.members] == ["张*", "张**"]
    assert mb.search_members(desk.ctx, desk.cashier, "王").members == ()
    # Masked views are not audited: nothing was written.
    assert desk.counts() == before


def test_manager_sees_full_details_and_each_view_is_audited(desk: Desk) -> None:
    ids = _seed_names(desk)
    res = mb.search_members(desk.ctx, desk.manager, "欧阳")
    (m,) = res.members
    assert res.full and (m.name, m.phone, m.gender) == ("欧阳娜娜", "13700000004", "female")
    d = mb.member_details(desk.ctx, desk.manager, ids["张三"])
    assert d.full and d.name == "张三"
    masked = mb.member_details(desk.ctx, desk.supervisor, ids["张三"])
    assert not masked.full and masked.name == "张*"
    with desk.ctx.store.reading() as s:
        full_views = select(AuditEntry).where(AuditEntry.action == "member.view_full")
        views = s.scalars(full_views.order_by(AuditEntry.id)).all()
        seen = [(v.staff_id, v.detail["members"], v.detail["how"]) for v in views]
    assert seen == [
        ("3001", [ids["欧阳娜娜"]], "search:name"),
        ("3001", [ids["张三"]], "details"),
    ]


def test_name_search_is_an_index_range_not_a_scan(desk: Desk) -> None:
    with desk.ctx.store.reading() as s:
        plan = s.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM members WHERE name_masked >= :p "
                 "AND name_masked < :q ORDER BY name_masked, id LIMIT 20"),
            {"p": "张", "q": "张\U0010ffff"},
        ).all()  # fmt: skip
    detail = " ".join(str(row[-1]) for row in plan)
    assert "ix_members_name_masked" in detail and "SCAN members" not in detail


@pytest.mark.parametrize("query", ["", "   ", "8800000000000001"])
def test_bad_search_input(desk: Desk, query: str) -> None:
    with pytest.raises(UserFacingError):
        mb.search_members(desk.ctx, desk.cashier, query)


def test_edit_member_manager_only_validated_and_audited_without_values(desk: Desk) -> None:
    a = register(desk.ctx, desk.cashier, "13600000001", name="赵一").member_id
    register(desk.ctx, desk.cashier, "13600000002", name="赵二")
    before = desk.counts()
    with pytest.raises(NotAllowed):
        mb.edit_member(desk.ctx, desk.supervisor, a, name="赵壹")
    with pytest.raises(UserFacingError, match="already belongs"):
        mb.edit_member(desk.ctx, desk.manager, a, phone="13600000002")
    with pytest.raises(UserFacingError, match="gender"):
        mb.edit_member(desk.ctx, desk.manager, a, gender="x")
    with pytest.raises(UserFacingError, match="nothing to change"):
        mb.edit_member(desk.ctx, desk.manager, a)
    assert desk.counts() == before
    changed = mb.edit_member(
        desk.ctx, desk.manager, a, name="赵壹", phone="13600000009", birthday=date(1988, 8, 8),
        gender="other",
    )  # fmt: skip
    assert changed == ["name", "phone", "birthday", "gender"]
    d = mb.member_details(desk.ctx, desk.manager, a)
    assert (d.name, d.phone, d.birthday, d.gender) == ("赵壹", "13600000009", "1988-08-08", "other")
    with desk.ctx.store.reading() as s:
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "member.edit"))
        assert audit is not None and audit.detail == {"fields": changed}
        assert "13600000009" not in str(audit.detail)
        ev = s.scalar(select(OutboxEvent).where(OutboxEvent.kind == "member.updated"))
        # Sealed in the file; opened only for the push.
        assert ev is not None and "phone" not in ev.payload and "13600000009" not in str(ev.payload)
        assert pii.open_payload(desk.ctx.store.sealer, ev.payload)["phone"] == "13600000009"


def test_statement_lists_every_entry_with_reason_and_running_balance(desk: Desk) -> None:
    add_product(desk.ctx, "P1", 10_000)
    mid = register(desk.ctx, desk.cashier, "13500000001").member_id
    recharge(desk.ctx, desk.supervisor, mid, 1000)  # + 60 bonus by the demo table
    desk.clock.advance(hours=1)
    sale = buy(desk.ctx, desk.cashier, mid, quantity=2, stored_value=Money.yuan(120))
    st = mb.member_statement(desk.ctx, mid)
    rows = [(ln.ledger, ln.reason, ln.principal.fen, ln.bonus.fen, ln.points, ln.sv_after.fen,
             ln.points_after) for ln in st.lines]  # fmt: skip
    # Pro rata: the 120 yuan take 120 × 1000 ÷ 1060 = 113.21 of principal and 6.79 of
    # bonus; 200 yuan earn 200 points.
    assert rows == [
        ("stored_value", "recharge", 100_000, 6_000, 0, 106_000, 0),
        ("stored_value", "spend", -11_321, -679, 0, 94_000, 0),
        ("points", "earn", 0, 0, 200, 94_000, 200),
    ]
    assert st.lines[1].receipt_no == sale.receipt_no
    assert st.lines[2].lot_expires_on == "2027-12-31"
    assert (st.sv_principal.fen, st.sv_bonus.fen, st.points) == (88_679, 5_321, 200)
    with desk.ctx.store.reading() as s:
        m = s.get(Member, mid)
        assert m is not None
        assert (m.sv_principal_fen, m.sv_bonus_fen, m.points_balance) == (88_679, 5_321, 200)


def test_tier_history_includes_checkout_upgrades(desk: Desk) -> None:
    add_product(desk.ctx, "BIG", 600_000)  # 6,000 yuan: gold at 5,000
    mid = register(desk.ctx, desk.cashier, "13500000002").member_id
    desk.clock.advance(days=1)
    buy(desk.ctx, desk.cashier, mid, code="BIG")
    hist = mb.tier_history(desk.ctx, mid)
    assert [(h.from_tier, h.to_tier, h.reason) for h in hist] == [
        (None, "normal", "signup"),
        ("normal", "gold", "upgrade"),
    ]
    # Recorded by the checkout itself now, with the spend that qualified.
    assert hist[1].window_spend == Money.yuan(6000)
    with pytest.raises(UserFacingError):
        mb.tier_history(desk.ctx, 999)

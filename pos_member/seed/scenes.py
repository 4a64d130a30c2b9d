"""The demo store's scenes for screenshots: which member, card and products to show.

Read from (and, for the owing member, written to) a demo store; used by
``make screenshots`` so that the screens themselves never query the store.
"""

from __future__ import annotations

from sqlalchemy import select, text

from pos_member.services.context import Context
from pos_member.store.db import Store
from pos_member.store.models import Card, Member, Product


def pick_member(store: Store) -> str:
    """A gold-or-better member with stored value and points: the interesting panel."""
    with store.reading() as s:
        row = s.execute(
            select(Card.number)
            .join(Member, Member.id == Card.member_id)
            .where(
                Card.state == "active",
                Member.tier_code.in_(("gold", "platinum", "diamond")),
                Member.sv_principal_fen > 20_000,
                Member.points_balance > 500,
                Member.pay_pin_hash.is_not(None),
            )
            .order_by(Member.points_balance.desc())
            .limit(1)
        ).one()
    return str(row[0])


def owing_member(store: Store) -> str:
    """The card of a member marked as head office's confirmed overdraft of 35 yuan."""
    with store.session() as s:
        conn = s.connection()
        mid, number, points = conn.execute(
            text(
                "SELECT m.id, c.number, m.points_balance FROM members m "
                "JOIN cards c ON c.member_id = m.id WHERE c.state = 'active' "
                "AND m.sv_principal_fen = 0 AND m.sv_bonus_fen = 0 AND m.points_balance > 0 "
                "ORDER BY m.id LIMIT 1"
            )
        ).one()
        conn.execute(
            text(
                "INSERT INTO sync_balances (member_id, sv_principal_fen, sv_bonus_fen, points, "
                "version) VALUES (:m, -3500, 0, :p, 1)"
            ),
            {"m": mid, "p": points},
        )
    return str(number)


def products(store: Store, n: int) -> list[str]:
    with store.reading() as s:
        member_priced = s.scalars(
            select(Product.barcode).where(Product.member_price_fen.is_not(None)).limit(1)
        ).all()
        rest = s.scalars(
            select(Product.barcode)
            .where(Product.barcode.is_not(None), Product.count_card_plan.is_(None))
            .order_by(Product.id)
            .limit(n)
        ).all()
    return [str(code) for code in [*member_priced, *rest][:n]]


def latest_event_id(store: Store, kind: str) -> str:
    """The id of the newest outbox event of ``kind``."""
    with store.reading() as s:
        return str(
            s.connection()
            .execute(
                text("SELECT id FROM outbox WHERE kind = :k ORDER BY seq DESC LIMIT 1"), {"k": kind}
            )
            .scalar_one()
        )


def real_name_law(ctx: Context) -> None:
    """Publish the store's rules again with ``prepaid.enforce_real_name`` on (from 30 days
    back), so that the recharge dialog asks for the buyer's real name as the law does."""
    from dataclasses import replace
    from datetime import timedelta

    from pos_member.services.programme import install_rules

    with ctx.store.reading() as s:
        version, rules = ctx.rules(s)
    rules = replace(
        rules, version=version + 1, prepaid=replace(rules.prepaid, enforce_real_name=True)
    )
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        install_rules(uow, rules, (ctx.today() - timedelta(days=30)).isoformat())


def promotion_scene(store: Store, terminal_id: str, now: str) -> tuple[str, str]:
    """A programme version with promotions for the screenshots: 第2件半价 on a plain
    product, and over everything a tiered 满减 whose first rung a few items reach and
    whose second they miss. Returns (the plain product's barcode, another's)."""
    from dataclasses import replace
    from decimal import Decimal

    from pos_member.domain.money import Money
    from pos_member.domain.promotions import Promotion, PromotionKind, Scope, Step
    from pos_member.domain.rules import ProgrammeRules
    from pos_member.services.programme import install_rules
    from pos_member.store.models import ProgrammeRules as RulesRow

    with store.reading() as s:
        plain = s.execute(
            select(Product.code, Product.barcode)
            .where(Product.member_price_fen.is_(None), Product.barcode.is_not(None),
                   Product.count_card_plan.is_(None), Product.discountable,
                   Product.weighed.is_(False), Product.price_fen >= 500)
            .order_by(Product.id)
            .limit(2)
        ).all()  # fmt: skip
        doc = s.scalar(select(RulesRow.document).order_by(RulesRow.version.desc()).limit(1))
    assert doc is not None, "the demo store has its programme rules"
    base = ProgrammeRules.from_dict(doc)
    promos = (
        Promotion("HALF2", PromotionKind.NTH_ITEM, rate=Decimal("0.5"),
                  scope=Scope(skus=(plain[0][0],))),
        Promotion("MJ", PromotionKind.SPEND_OFF,
                  steps=(Step(5_000, off=Money(500)), Step(30_000, off=Money(4_000)))),
    )  # fmt: skip
    with store.unit_of_work(terminal_id, now) as uow:
        install_rules(uow, replace(base, version=base.version + 1, promotions=promos), "2026-01-01")
    return str(plain[0][1]), str(plain[1][1])


def shared_phone_tail(store: Store) -> str:
    """Two members whose phones end in the same 4 digits (the second one's phone is
    changed to end like the first's): the last-4 lookup then offers a pick list.

    The phone is sealed since till migration 0121 (``store.pii``): it is opened with the
    store's key and the second one's phone columns written as the services write them."""
    from pos_member.store import pii

    with store.session() as s:
        conn = s.connection()
        (_a_id, a_tail, _a_sealed, _a_masked), (b_id, _b_tail, b_sealed, b_masked) = conn.execute(
            text(
                "SELECT id, phone_last4, phone_sealed, phone_masked FROM members "
                "WHERE phone_last4 IS NOT NULL AND status = 'active' ORDER BY id LIMIT 2"
            )
        ).all()
        tail = str(a_tail)
        b_phone = pii.full_phone(store.sealer, b_sealed)
        if b_phone:
            columns = {
                k: v
                for k, v in pii.member_columns(store.sealer, None, b_phone[:-4] + tail).items()
                if k.startswith("phone_")
            }
        else:  # sealed under another key: the columns the lookup reads
            columns = {"phone_last4": tail, "phone_masked": str(b_masked)[:-4] + tail}
        sets = ", ".join(f"{k} = :{k}" for k in columns)
        conn.execute(text(f"UPDATE members SET {sets} WHERE id = :m"), {**columns, "m": b_id})
    return tail


def lock_pay_pin(ctx: Context, card: str) -> None:
    """Wrong payment PINs for the member of ``card`` until the PIN locks, as a till counts
    them (``member_pin.verify_pay_pin``): the screenshots' locked-PIN payment."""
    from pos_member.domain.errors import PinLocked, WrongPin
    from pos_member.domain.money import Money
    from pos_member.services import member_pin

    with ctx.store.reading() as s:
        member_id = s.scalar(select(Card.member_id).where(Card.number == card))
    if member_id is None:
        raise LookupError(f"card {card} has no member")
    for _ in range(ctx.settings.pay_pin_max_failures):
        try:
            member_pin.verify_pay_pin(ctx, member_id, "000000", Money(0))
        except WrongPin:
            continue
        except PinLocked:
            return

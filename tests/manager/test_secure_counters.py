"""Secure cards' issuance counters: rewriting a card, the counter on the wire, and the pull.

Without head office: the services on a real terminal database, and the pull's
apply step fed the member entity head office's change feed serves.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from pos_member.domain.errors import NotAllowed, UserFacingError, ValidationError
from pos_member.domain.rules import demo_rules
from pos_member.services import cards as cs
from pos_member.services.card_check import CardCounterReplayed
from pos_member.services.identify import identify
from pos_member.store import pii
from pos_member.store.models import Card, Member, OutboxEvent
from pos_member.store.models_manager import SecureIssuance
from pos_member.sync.apply import apply_page
from pos_member.wire.schemas import CardPayload, Change, Entity

from .conftest import Desk
from .helpers import register

UID = "04C0FFEE"
_versions = itertools.count(1)
RULE = demo_rules().card_rule


def _secure(desk: Desk, number: str, uid: str = UID, counter: int | None = None) -> cs.NewCard:
    value = cs.next_secure_counter(desk.ctx, uid) if counter is None else counter
    return cs.NewCard(cs.IssueMode.SECURE, uid=uid, card_number=number, counter=value,
                      verified=True)  # fmt: skip


def _issue(desk: Desk, phone: str, uid: str = UID) -> tuple[int, str]:
    mid = register(desk.ctx, desk.cashier, phone).member_id
    number = cs.next_card_number(desk.ctx)
    cs.issue_card(desk.ctx, desk.cashier, mid, _secure(desk, number, uid))
    return mid, number


def _card_events(desk: Desk) -> list[CardPayload]:
    with desk.ctx.store.reading() as s:
        rows = s.scalars(
            select(OutboxEvent)
            .where(OutboxEvent.kind.in_(("card.issued", "card.replaced")))
            .order_by(OutboxEvent.seq)
        )
        return [CardPayload.model_validate(dict(r.payload)) for r in rows]


def test_only_secure_cards_carry_a_counter_on_the_wire(desk: Desk) -> None:
    _issue(desk, "13700000301")
    mid = register(desk.ctx, desk.cashier, "13700000302").member_id
    cs.issue_card(desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.UID, uid="04BADA55"))
    secure, uid_mode = _card_events(desk)
    assert (secure.secure_counter, uid_mode.secure_counter) == (1, None)


def test_rewriting_makes_the_older_sector_a_copy_and_charges_nothing(desk: Desk) -> None:
    mid, number = _issue(desk, "13700000303")
    before = desk.counts()
    card = cs.rewrite_secure_card(desk.ctx, desk.supervisor, _secure(desk, number), "copy seen")
    assert (card.number, card.member_id, card.fee.fen) == (number, mid, 0)
    assert desk.counts() == (before[0] + 1, before[1] + 1)  # one audit row, one event
    assert _card_events(desk)[-1].secure_counter == 2
    with pytest.raises(CardCounterReplayed):
        identify(desk.ctx, number, secure_counter=1)
    assert identify(desk.ctx, number, secure_counter=2).member_id == mid
    assert cs.next_secure_counter(desk.ctx, UID) == 3


@pytest.mark.parametrize(
    ("who", "how", "error", "words"),
    [
        ("cashier", "next", NotAllowed, "supervisor"),
        ("supervisor", "uid-mode", ValidationError, "only a secure-mode card"),
        ("supervisor", "unverified", ValidationError, "did not verify"),
        ("supervisor", "same counter", ValidationError, "a newer issuance of this card"),
        ("supervisor", "lost", ValidationError, "only an active card can be written again"),
        ("supervisor", "other uid", ValidationError, "not the member's card"),
    ],
)
def test_a_bad_rewrite_is_refused_and_writes_nothing(
    desk: Desk, who: str, how: str, error: type[UserFacingError], words: str
) -> None:
    _mid, number = _issue(desk, "13700000304")
    new = _secure(desk, number)
    if how == "uid-mode":
        new = cs.NewCard(cs.IssueMode.UID, uid=UID)
    elif how == "unverified":
        new = cs.NewCard(cs.IssueMode.SECURE, uid=UID, card_number=number, counter=2)
    elif how == "same counter":
        new = _secure(desk, number, counter=1)
    elif how == "lost":
        cs.report_lost(desk.ctx, desk.cashier, number)
    elif how == "other uid":
        new = _secure(desk, number, uid="04D00D00")
    staff = desk.cashier if who == "cashier" else desk.supervisor
    before = desk.counts()
    with pytest.raises(error, match=words):
        cs.rewrite_secure_card(desk.ctx, staff, new)
    assert desk.counts() == before
    assert cs.next_secure_counter(desk.ctx, UID) == 2


def _member_change(desk: Desk, mid: int, cards: list[dict[str, object]]) -> Change:
    with desk.ctx.store.reading() as s:
        m = s.get(Member, mid)
        assert m is not None
        data = {
            "id": mid, "name": pii.full_name(desk.ctx.store.sealer, m.name_sealed),
            "phone": pii.full_phone(desk.ctx.store.sealer, m.phone_sealed), "birthday": None,
            "tier_code": m.tier_code, "joined_on": "2026-03-10", "status": "active",
            "pay_pin_hash": None, "sv_principal_fen": 0, "sv_bonus_fen": 0, "points": 0,
            "balance_version": next(_versions), "cards": cards,
        }  # fmt: skip
    return Change(entity=Entity.MEMBER, key=str(mid), data=data)


def _fed(number: str, uid: str | None, counter: int | None) -> dict[str, object]:
    return {"number": number, "uid": uid, "kind": "mifare", "state": "active",
            "issued_on": "2026-03-10", "expires_on": None, "replaced_by_number": None,
            "secure_counter": counter}  # fmt: skip


def _pull(desk: Desk, change: Change) -> None:
    with desk.ctx.store.session() as s:
        apply_page(s.connection(), [change], desk.ctx.now_iso())


def _counter(desk: Desk, number: str) -> int | None:
    with desk.ctx.store.reading() as s:
        return s.scalar(
            select(SecureIssuance.counter)
            .join(Card, Card.id == SecureIssuance.card_id)
            .where(Card.number == number)
        )


def test_the_pull_keeps_the_higher_of_the_tills_and_head_offices_counter(desk: Desk) -> None:
    mid, number = _issue(desk, "13700000305")
    cs.rewrite_secure_card(desk.ctx, desk.supervisor, _secure(desk, number))  # counter 2 here
    _pull(desk, _member_change(desk, mid, [_fed(number, UID, 1)]))  # head office is behind
    assert _counter(desk, number) == 2
    _pull(desk, _member_change(desk, mid, [_fed(number, UID, 7)]))  # another till wrote 7
    assert _counter(desk, number) == 7
    assert cs.next_secure_counter(desk.ctx, UID) == 8
    with pytest.raises(CardCounterReplayed):
        cs.check_secure_counter(desk.ctx, number, 6)
    _pull(desk, _member_change(desk, mid, [_fed(number, UID, None)]))  # an older head office
    assert _counter(desk, number) == 7


def test_a_card_issued_elsewhere_gets_its_counter_and_a_card_without_uid_none(
    desk: Desk,
) -> None:
    mid = register(desk.ctx, desk.cashier, "13700000306").member_id
    there = cs.next_card_number(desk.ctx)
    printed = RULE.make(4242)
    _pull(desk, _member_change(desk, mid, [_fed(there, "04E1E2E3", 3), _fed(printed, None, 9)]))
    assert _counter(desk, there) == 3
    assert _counter(desk, printed) is None
    assert cs.next_secure_counter(desk.ctx, "04E1E2E3") == 4
    with desk.ctx.store.reading() as s:
        row = s.scalar(select(SecureIssuance).join(Card).where(Card.number == there))
        assert row is not None and row.uid == "04E1E2E3"

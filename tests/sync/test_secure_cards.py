"""A secure card's issuance counter protects it at every till, not only where it was written.

Two till SQLite files, one head office on the real PostgreSQL, a real uvicorn
on loopback, and the manager's real ``services.cards``: till A issues a
secure-mode card and writes it again twice (each time with the counter the
station would write, ``next_secure_counter``, as the driver's verified read
hands it back). After A's push and B's pull, B refuses the older sectors as
copies (``CardCounterReplayed``), accepts the current one, and its next
counter for the card continues A's. Then the other way round.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from pos_member.domain.errors import NotAllowed, ValidationError
from pos_member.services import cards as cs
from pos_member.services.auth import hash_pin
from pos_member.services.card_check import CardCounterReplayed
from pos_member.services.context import Approval, Context, Role, StaffSession
from pos_member.services.identify import identify
from pos_member.services.members import RegisterRequest, register_member
from pos_member.settings import Settings, SyncSettings
from pos_member.store.db import Store
from pos_member.store.models import Card, OutboxEvent, Staff
from pos_member.store.models_manager import SecureIssuance
from pos_member.sync.client import RoundReport, SyncClient, enrol_terminal
from pos_member.wire.schemas import CardPayload

pytestmark = pytest.mark.integration

CASHIER = StaffSession("1001", "小王", Role.CASHIER)
SUPERVISOR = StaffSession("2001", "陈姐", Role.SUPERVISOR)
MANAGER = StaffSession("3001", "赵总", Role.MANAGER)
UID, UID2 = "04A1B2C3D4E5F6", "04F6E5D4C3B2A1"


NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


@dataclass
class Till:
    store: Store
    client: SyncClient
    ctx: Context

    def sync(self) -> RoundReport:
        return self.client.run_round()


@pytest.fixture(scope="module")
def tills(hq: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Till, Till]]:
    """Stores A and B: enrolled tills after their first sync, with staff and services' context.

    Enrolled once for the module, before any test registers a member: a till enrolled
    after a member registered at another till was touched again fails its first pull
    today (the member's signup coupon comes before the member in the feed, and the
    coupons table's foreign key refuses it), which is not what these tests are about.
    """
    folder = tmp_path_factory.mktemp("tills")
    made: list[Till] = []
    for store_id in ("S001", "S002"):
        tid = f"T{uuid.uuid4().hex[:6].upper()}"
        store = Store.open(folder / f"{tid}.db", busy_timeout_ms=10_000)
        cfg = SyncSettings(offline_after_s=300.0, batch_size=50)
        enrol_terminal(store, hq.url, hq.code(store_id, tid), tid, settings=cfg)
        with store.session() as s:
            for who in (CASHIER, SUPERVISOR, MANAGER):
                s.add(Staff(id=who.staff_id, name=who.name, role=who.role.label,
                            pin_hash=hash_pin("2468")))  # fmt: skip
        settings = Settings(db_path=store.path, terminal_id=tid, store_id=store_id)
        till = Till(store, SyncClient(store, cfg, clock=clock), Context(store, settings, clock))
        till.sync()
        made.append(till)
    try:
        yield made[0], made[1]
    finally:
        for t in made:
            t.client.close()
            t.store.close()


def _written(ctx: Context, uid: str, number: str) -> cs.NewCard:
    """What the driver hands back after writing the sector with the station's next counter."""
    counter = cs.next_secure_counter(ctx, uid)
    return cs.NewCard(cs.IssueMode.SECURE, uid=uid, card_number=number, counter=counter,
                      verified=True)  # fmt: skip


def _last_card_event(t: Any, kind: str) -> CardPayload:
    with t.store.reading() as s:
        row = s.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == kind).order_by(OutboxEvent.seq.desc())
        ).first()
        assert row is not None
        return CardPayload.model_validate(dict(row.payload))


def _local_counter(t: Any, number: str) -> int | None:
    with t.store.reading() as s:
        return s.scalar(
            select(SecureIssuance.counter)
            .join(Card, Card.id == SecureIssuance.card_id)
            .where(Card.number == number)
        )


def test_an_old_copy_is_refused_at_another_till_and_counters_never_repeat(
    hq: Any, tills: tuple[Till, Till]
) -> None:
    a, b = tills
    reg = register_member(a.ctx, RegisterRequest(MANAGER, "司马相如", "13812340001", True))
    mid = reg.member_id
    number = cs.next_card_number(a.ctx)
    first = _written(a.ctx, UID, number)
    assert first.counter == 1
    issued = cs.issue_card(a.ctx, MANAGER, mid, first, cs.FeePayment(cs.FeeTender.CASH))
    assert _last_card_event(a, "card.issued").secure_counter == 1
    # Someone dumped that sector. The manager writes the genuine card again, twice.
    for expected in (2, 3):
        again = _written(a.ctx, UID, number)
        assert again.counter == expected
        cs.rewrite_secure_card(a.ctx, SUPERVISOR, again, "suspected copy")
        p = _last_card_event(a, "card.issued")
        assert (p.card_number, p.member_id, p.new_card_uid, p.secure_counter) == (
            number, mid, UID, expected,
        )  # fmt: skip
    # Before anything travels, store B knows nothing of this card's issuances.
    cs.check_secure_counter(b.ctx, number, 1)
    assert cs.next_secure_counter(b.ctx, UID) == 1

    a.sync()
    assert hq.scalar("SELECT secure_counter FROM cards WHERE number = :n", n=number) == 3
    b.sync()

    assert _local_counter(b, number) == 3
    for old in (1, 2):
        with pytest.raises(CardCounterReplayed) as refused:
            identify(b.ctx, number, secure_counter=old)
        assert "older issuance" in refused.value.message and number not in refused.value.message
        with pytest.raises(CardCounterReplayed):
            cs.check_secure_counter(b.ctx, number, old)
    assert identify(b.ctx, number, secure_counter=3).member_id == mid
    assert cs.next_secure_counter(b.ctx, UID) == 4

    # Store B writes the card again: its counter continues the chain's, and A learns it.
    cs.rewrite_secure_card(b.ctx, MANAGER, _written(b.ctx, UID, number), "card re-written")
    assert _local_counter(b, number) == 4
    b.sync()
    assert hq.scalar("SELECT secure_counter FROM cards WHERE number = :n", n=number) == 4
    a.sync()
    assert _local_counter(a, number) == 4
    with pytest.raises(CardCounterReplayed):
        identify(a.ctx, number, secure_counter=3)
    assert identify(a.ctx, number, secure_counter=4).member_id == mid
    assert cs.next_secure_counter(a.ctx, UID) == 5

    # A till's own newer counter, not yet pushed, is not lowered by a pull.
    cs.rewrite_secure_card(a.ctx, SUPERVISOR, _written(a.ctx, UID, number))
    a.client.pull_all()
    assert _local_counter(a, number) == 5
    assert hq.scalar("SELECT secure_counter FROM cards WHERE number = :n", n=number) == 4
    a.sync()
    assert hq.scalar("SELECT secure_counter FROM cards WHERE number = :n", n=number) == 5
    assert (issued.number, issued.uid) == (number, UID)


def test_a_replacement_onto_a_new_secure_card_carries_its_counter_chain_wide(
    hq: Any, tills: tuple[Till, Till]
) -> None:
    a, b = tills
    mid = register_member(a.ctx, RegisterRequest(MANAGER, "欧阳修", "13812340002", True)).member_id
    old_number = cs.next_card_number(a.ctx)
    cs.issue_card(a.ctx, MANAGER, mid, _written(a.ctx, "0A0B0C0D", old_number),
                  cs.FeePayment(cs.FeeTender.CASH))  # fmt: skip
    cs.report_lost(a.ctx, CASHIER, old_number, "left on the bus")
    new_number = cs.next_card_number(a.ctx)
    approval = Approval(staff_id="2001", role=Role.SUPERVISOR, action="card_replacement")
    cs.replace_card(
        a.ctx, CASHIER, old_number, _written(a.ctx, UID2, new_number),
        cs.FeePayment(cs.FeeTender.CASH), approval,
    )  # fmt: skip
    p = _last_card_event(a, "card.replaced")
    assert (p.card_number, p.new_card_number, p.new_card_uid, p.secure_counter) == (
        old_number, new_number, UID2, 1,
    )  # fmt: skip
    a.sync()
    assert hq.scalar("SELECT secure_counter FROM cards WHERE number = :n", n=new_number) == 1
    b.sync()
    assert _local_counter(b, new_number) == 1
    assert _local_counter(b, old_number) == 1
    assert cs.next_secure_counter(b.ctx, UID2) == 2
    assert identify(b.ctx, new_number, secure_counter=1).member_id == mid
    with pytest.raises(CardCounterReplayed):
        identify(b.ctx, new_number, secure_counter=0)


def test_a_counter_not_newer_than_the_chains_is_refused_and_writes_nothing(
    hq: Any, tills: tuple[Till, Till]
) -> None:
    a, b = tills
    mid = register_member(a.ctx, RegisterRequest(MANAGER, "诸葛亮", "13812340003", True)).member_id
    number = cs.next_card_number(a.ctx)
    cs.issue_card(a.ctx, MANAGER, mid, _written(a.ctx, "0B0C0D0E", number),
                  cs.FeePayment(cs.FeeTender.CASH))  # fmt: skip
    cs.rewrite_secure_card(a.ctx, SUPERVISOR, _written(a.ctx, "0B0C0D0E", number))
    a.sync()
    b.sync()
    # A station at B that planned its write before the pull wrote counter 2 again.
    stale = cs.NewCard(cs.IssueMode.SECURE, uid="0B0C0D0E", card_number=number, counter=2,
                       verified=True)  # fmt: skip
    with b.store.reading() as s:
        before = s.scalar(select(OutboxEvent.seq).order_by(OutboxEvent.seq.desc()))
    with pytest.raises(ValidationError, match="a newer issuance of this card exists already"):
        cs.rewrite_secure_card(b.ctx, SUPERVISOR, stale)
    with b.store.reading() as s:
        assert s.scalar(select(OutboxEvent.seq).order_by(OutboxEvent.seq.desc())) == before
    assert _local_counter(b, number) == 2
    # A cashier may not rewrite a card; a card that is not the member's own is refused.
    with pytest.raises(NotAllowed):
        cs.rewrite_secure_card(b.ctx, CASHIER, _written(b.ctx, "0B0C0D0E", number))
    with pytest.raises(ValidationError, match="not the member's card"):
        cs.rewrite_secure_card(b.ctx, SUPERVISOR, _written(b.ctx, "0C0D0E0F", number))

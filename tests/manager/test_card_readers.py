"""Issuing, losing and replacing IC cards through the real pcscd, vpcd and a virtual M1 card.

The reader helpers of tests/drivers (our own pcscd, the virtual Mifare
Classic 1K on the vpcd socket, an event recorder) are loaded by path: that
folder is not a package.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from drivers.base import CardRead, Refusal
from drivers.pcsc import PcscReaderDriver
from drivers.secure_card import CardSecrets
from drivers.settings import CardMode
from pos_member.domain.errors import CardBlocked, CardReplaced
from pos_member.services import cards as cs
from pos_member.services.context import Approval, Role
from pos_member.services.identify import identify

from .conftest import Desk
from .helpers import recharge, register

pytestmark = [pytest.mark.integration]

DRIVER_TESTS = Path(__file__).resolve().parents[1] / "drivers"
SECRETS = CardSecrets(bytes(range(32)))


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, DRIVER_TESTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


support = _load("pcscd_support")
vc = _load("virtual_card")
events = _load("reader_events")


def _suite_require_tool() -> Any:
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("_suite_conftest_readers", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.require_tool


def _we_hold_the_lock() -> bool:
    """True when this process already holds the vpcd lock (the driver tests' session fixture).

    flock locks belong to an open file, so taking it again here would wait on
    ourselves; /proc/locks says who holds it.
    """
    try:
        inode = os.stat(support.LOCK_PATH).st_ino
        locks = Path("/proc/locks").read_text()
    except OSError:
        return False
    me = str(os.getpid())
    for line in locks.splitlines():
        parts = line.split()
        if "FLOCK" in parts and me in parts and any(p.endswith(f":{inode}") for p in parts):
            return True
    return False


@pytest.fixture(scope="module")
def pcscd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    binary = _suite_require_tool()("pcscd", "pcscd")
    if not support.VPCD_CONFIG.exists():
        pytest.skip(f"{support.VPCD_CONFIG} missing: install the Debian package vsmartcard-vpcd")
    daemon = support.PcscDaemon(binary, tmp_path_factory.mktemp("pcscd") / "pcscd.log")
    if _we_hold_the_lock():
        # The driver tests' session holds the lock: use their pcscd, or start ours
        # if theirs left by --auto-exit, and stop only what we started.
        daemon.ensure_running()
        try:
            yield daemon
        finally:
            if daemon.owned:
                daemon.stop()
        return
    with support.LOCK_PATH.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        daemon.ensure_running()
        try:
            yield daemon
        finally:
            daemon.stop()


@pytest.fixture
def vcard(pcscd: Any) -> Iterator[Any]:
    link = vc.VirtualCardLink(port=pcscd.vpcd_port)  # ours or the one already running
    yield link
    link.remove()
    support.wait_reader_empty(support.VPCD_READER)


def _driver(pcscd: Any, recorder: Any, mode: CardMode, desk: Desk) -> PcscReaderDriver:
    with desk.ctx.store.reading() as s:
        _, rules = desk.ctx.rules(s)
    pcscd.ensure_running()
    driver = PcscReaderDriver(
        recorder,
        mode=mode,
        secrets=SECRETS if mode is CardMode.SECURE else None,
        rule=rules.card_rule,
        reader_filter=[support.VPCD_READER],
        poll_ms=200,
    )
    driver.start()
    recorder.wait_for("reader_added")
    return driver


def _tap(vcard: Any, recorder: Any, card: Any) -> CardRead:
    vcard.insert(card)
    read = recorder.wait_for("card_present").payload
    assert isinstance(read, CardRead)
    return read


def _lift(vcard: Any, recorder: Any) -> None:
    vcard.remove()
    recorder.wait_for("card_removed")


def test_uid_mode_issue_then_lost_card_refused(desk: Desk, pcscd: Any, vcard: Any) -> None:
    recorder = events.Recorder()
    driver = _driver(pcscd, recorder, CardMode.UID, desk)
    try:
        mid = register(desk.ctx, desk.cashier, "13900000101").member_id
        card = vc.MifareClassic1K.blank(bytes.fromhex("04A1B2C3"))
        read = _tap(vcard, recorder, card)
        issued = cs.issue_card(
            desk.ctx, desk.cashier, mid, cs.NewCard(cs.IssueMode.UID, uid=read.uid)
        )
        _lift(vcard, recorder)
        again = _tap(vcard, recorder, card)
        assert identify(desk.ctx, again.uid).member_id == mid
        _lift(vcard, recorder)
        cs.report_lost(desk.ctx, desk.cashier, issued.number)
        lost = _tap(vcard, recorder, card)
        with pytest.raises(CardBlocked):
            identify(desk.ctx, lost.uid)
        _lift(vcard, recorder)
    finally:
        driver.stop()


def test_secure_issue_and_replacement_with_a_new_secure_card(
    desk: Desk, pcscd: Any, vcard: Any
) -> None:
    recorder = events.Recorder()
    driver = _driver(pcscd, recorder, CardMode.SECURE, desk)
    try:
        mid = register(desk.ctx, desk.cashier, "13900000102").member_id
        recharge(desk.ctx, desk.supervisor, mid, 1000)
        first = vc.MifareClassic1K.blank(bytes.fromhex("DEADBEEF"))
        blank = _tap(vcard, recorder, first)
        assert blank.reason is Refusal.NOT_ISSUED_HERE
        number = cs.next_card_number(desk.ctx)
        written = driver.issue_secure(
            support.VPCD_READER, number, cs.next_secure_counter(desk.ctx, blank.uid)
        )
        assert written.verified and written.card_number == number and written.counter == 1
        cs.issue_card(
            desk.ctx,
            desk.cashier,
            mid,
            cs.NewCard(
                cs.IssueMode.SECURE,
                uid=written.uid,
                card_number=written.card_number,
                counter=written.counter,
                verified=written.verified,
            ),
        )
        _lift(vcard, recorder)
        read = _tap(vcard, recorder, first)
        assert read.verified and read.card_number == number
        view = identify(desk.ctx, read.card_number)
        assert view.member_id == mid and view.stored_value.fen == 106_000
        _lift(vcard, recorder)

        # The member lost it: block, then write and link a new secure card.
        cs.report_lost(desk.ctx, desk.cashier, number)
        second = vc.MifareClassic1K.blank(bytes.fromhex("CAFEF00D"))
        fresh = _tap(vcard, recorder, second)
        new_number = cs.next_card_number(desk.ctx)
        written2 = driver.issue_secure(
            support.VPCD_READER, new_number, cs.next_secure_counter(desk.ctx, fresh.uid)
        )
        approval = Approval(staff_id="2001", role=Role.SUPERVISOR, action="card_replacement")
        cs.replace_card(
            desk.ctx,
            desk.cashier,
            number,
            cs.NewCard(
                cs.IssueMode.SECURE,
                uid=written2.uid,
                card_number=written2.card_number,
                counter=written2.counter,
                verified=written2.verified,
            ),
            cs.FeePayment(cs.FeeTender.CASH),
            approval,
        )
        _lift(vcard, recorder)
        new_read = _tap(vcard, recorder, second)
        moved = identify(desk.ctx, new_read.card_number or "")
        assert (moved.member_id, moved.stored_value) == (mid, view.stored_value)
        _lift(vcard, recorder)
        # The old card still carries a valid sector, but the store refuses it for ever.
        old_read = _tap(vcard, recorder, first)
        assert old_read.verified
        with pytest.raises(CardReplaced):
            identify(desk.ctx, old_read.card_number or "")
        _lift(vcard, recorder)
    finally:
        driver.stop()

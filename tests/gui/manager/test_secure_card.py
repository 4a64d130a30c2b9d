"""Manager mode issues a secure IC card through the real pcscd, vpcd and a virtual M1 card.

The daemon and the virtual card are the manager tests' own fixtures
(tests/manager/test_card_readers.py, which loads tests/drivers' helpers).
The sector is written by the PC/SC driver on its reader thread; the window
only waits for the answer on its device lane.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from drivers.base import SafeListener
from drivers.pcsc import PcscReaderDriver
from drivers.settings import CardMode
from pos_member.services.identify import identify
from pos_member.store.models_manager import SecureIssuance
from tests.gui.helpers import type_into, wait_idle
from tests.manager.test_card_readers import SECRETS, pcscd, support, vc  # noqa: F401

from .helpers import child

pytestmark = [pytest.mark.gui, pytest.mark.integration]


@pytest.fixture
def vcard(pcscd: Any) -> Iterator[Any]:  # noqa: F811
    """The virtual card on the vpcd port of the pcscd in use (ours or one already running)."""
    link = vc.VirtualCardLink(port=pcscd.vpcd_port)
    yield link
    link.remove()
    support.wait_reader_empty(support.VPCD_READER)


@pytest.fixture
def secure_reader(pcscd: Any, bridge: Any, mbackend: Any) -> Iterator[PcscReaderDriver]:  # noqa: F811
    with mbackend.ctx.store.reading() as s:
        _, rules = mbackend.ctx.rules(s)
    pcscd.ensure_running()
    driver = PcscReaderDriver(
        SafeListener(bridge),
        mode=CardMode.SECURE,
        secrets=SECRETS,
        rule=rules.card_rule,
        reader_filter=[support.VPCD_READER],
        poll_ms=200,
    )
    driver.start()
    yield driver
    driver.stop(timeout=3.0)


def test_secure_issuance_writes_the_sector_on_the_readers_thread(
    qtbot: Any,
    mwindow: Any,
    runner: Any,
    mbackend: Any,
    manager: Any,
    secure_reader: PcscReaderDriver,
    vcard: Any,
) -> None:
    qtbot.waitUntil(lambda: support.VPCD_READER in secure_reader.readers(), timeout=10_000)
    mwindow.writers = [secure_reader]
    reg = mbackend.register(
        manager, name="韩梅梅", phone="13700000009", birthday=None, gender=None, consent=True
    )
    type_into(qtbot, mwindow.search_input, "13700000009")
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: mwindow.page is not None)
    qtbot.keyClick(mwindow, Qt.Key.Key_F3)
    dlg = child(qtbot, mwindow, "issueCardDialog")
    card = vc.MifareClassic1K.blank(bytes.fromhex("0A0B0C0D"))
    with qtbot.waitSignal(dlg.issued, timeout=20_000) as got:
        vcard.insert(card)
    issued = got.args[0]
    mid = reg.member_id
    assert (issued.uid, issued.member_id) == ("0A0B0C0D", mid)
    with mbackend.ctx.store.reading() as s:
        row = s.get(SecureIssuance, issued.card_id)
        assert row is not None and (row.uid, row.counter) == ("0A0B0C0D", 1)
        assert s.scalar(select(SecureIssuance.counter).where(SecureIssuance.uid == "0A0B0C0D")) == 1
    # The card now carries the number in its sector: a fresh read proves it.
    vcard.remove()
    support.wait_reader_empty(support.VPCD_READER)
    dlg.close()
    qtbot.waitUntil(lambda: mwindow.child is None)
    wait_idle(qtbot, runner)
    # With no dialog open, a tap looks the member up by the number read from the sector.
    vcard.insert(card)
    qtbot.waitUntil(lambda: mwindow.search_input.text() == issued.number, timeout=20_000)
    wait_idle(qtbot, runner)
    qtbot.waitUntil(lambda: mwindow.page is not None and mwindow.page.details.member_id == mid)
    assert identify(mbackend.ctx, issued.number).member_id == mid

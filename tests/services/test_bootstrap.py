"""open_terminal wires store, settings and services; the link flag reaches checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_member.bootstrap import open_terminal
from pos_member.domain.errors import OfflineLimitReached, ShiftNotOpen
from pos_member.domain.money import Money
from pos_member.services.checkout import LineRequest
from pos_member.settings import Settings
from tests.services.conftest import GOLD_CARD, GOLD_ID, GOLD_PIN, NOW, RICE, Clock
from tests.services.helpers import sale, stored_value


def test_terminal_runs_a_sale_and_honours_offline(db_path: Path) -> None:
    settings = Settings(db_path=db_path, terminal_id="T02")
    with open_terminal(settings, clock=Clock(NOW)) as t:
        who = t.login("1001", "1111")
        big = sale(LineRequest(RICE), staff=who, tenders=(stored_value(Money.yuan("47.50")),),
                   member_id=GOLD_ID, pay_pin=GOLD_PIN)  # fmt: skip
        with pytest.raises(ShiftNotOpen):  # the terminal's services ask for the shift too
            t.checkout(big)
        t.open_shift(who, Money.yuan(500))
        member = t.identify(GOLD_CARD)
        assert member.member_id == GOLD_ID
        t.set_online(False)
        big = sale(LineRequest(RICE, quantity=11), staff=who,
                   tenders=(stored_value(Money.yuan("522.50")),), member_id=GOLD_ID,
                   pay_pin=GOLD_PIN)  # fmt: skip
        with pytest.raises(OfflineLimitReached):
            t.checkout(big)
        t.set_online(True)
        done = t.checkout(big)
        assert done.receipt_no == "T02-00000001"
        assert t.member(GOLD_ID).stored_value == member.stored_value - Money.yuan("522.50")
        assert t.rules().tier("gold").name == "金卡会员"


def test_settings_default_db_path_is_per_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_MEMBER_TERMINAL_ID", "T09")
    s = Settings()
    assert s.terminal_id == "T09"
    assert s.db_path.name == "terminal.db" and "pos-member" in str(s.db_path)


def test_the_settings_bundle_reaches_the_services_and_the_link(db_path: Path) -> None:
    from dataclasses import replace

    from pos_member.config import Config

    base = Config.of(Settings(db_path=db_path, terminal_id="T04"))
    config = replace(base, sync=base.sync.model_copy(update={"offline_after_s": 17.0}))
    with open_terminal(config, clock=Clock(NOW)) as t:
        assert t.config is config and t.settings.terminal_id == "T04"
        assert t.ctx.offline_after_s == 17.0  # read once, handed down
        assert t.ctx.authoriser is not None and t.ctx.authoriser.settings is config.sync

"""The core's settings bundle: read from the environment when built, never at import."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_member.config import Config, as_config
from pos_member.settings import Settings


def test_each_read_sees_the_environment_of_its_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_MEMBER_TERMINAL_ID", "T07")
    monkeypatch.setenv("POS_MEMBER_SYNC_OFFLINE_AFTER_S", "42")
    monkeypatch.setenv("POS_MEMBER_RECEIPT_EXPIRING_WITHIN_DAYS", "9")
    first = Config.read()
    assert (first.terminal.terminal_id, first.sync.offline_after_s) == ("T07", 42.0)
    assert first.receipt.expiring_within_days == 9
    monkeypatch.setenv("POS_MEMBER_TERMINAL_ID", "T08")
    assert Config.read().terminal.terminal_id == "T08"
    assert first.terminal.terminal_id == "T07"  # a bundle already read keeps what it read


def test_db_option_overrides_the_database_file(tmp_path: Path) -> None:
    assert Config.read(tmp_path / "x.db").terminal.db_path == tmp_path / "x.db"


def test_bare_terminal_settings_get_the_other_classes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("POS_MEMBER_SYNC_HOLD_TIMEOUT_S", "0.5")
    settings = Settings(db_path=tmp_path / "t.db", terminal_id="T03")
    config = as_config(settings)
    assert config.terminal is settings and config.sync.hold_timeout_s == 0.5
    assert as_config(config) is config

"""The first run's config file and its checks, without a screen: what the app reads next."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pos_member import first_run as fr
from pos_member.config import Config
from pos_member.domain.errors import ValidationError


def test_the_config_file_is_read_by_the_settings_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "pos-member.env"
    values = {
        fr.MODE_KEY: "single",
        "POS_MEMBER_DB_PATH": str(tmp_path / "a.db"),
        "POS_MEMBER_TERMINAL_ID": "T04",
        "POS_MEMBER_SYNC_TIMEOUT_S": "7",
    }
    fr.write_config(config, values)
    assert not config.with_name("pos-member.env.tmp").exists()  # written whole, then moved
    monkeypatch.setenv(fr.CONFIG_ENV, str(config))
    monkeypatch.delenv("POS_MEMBER_DB_PATH", raising=False)
    read = Config.read()
    assert read.terminal.db_path == tmp_path / "a.db" and read.terminal.terminal_id == "T04"
    assert read.sync.timeout_s == 7
    monkeypatch.setenv("POS_MEMBER_TERMINAL_ID", "T09")
    assert Config.read().terminal.terminal_id == "T09"  # the environment wins over the file
    assert Config.read(env_file=False).terminal.db_path != tmp_path / "a.db"  # --demo
    assert not fr.needs_first_run()


def test_the_first_run_is_needed_only_with_no_config_and_no_store_named(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.env")
    assert fr.needs_first_run({fr.CONFIG_ENV: missing})
    assert not fr.needs_first_run({fr.CONFIG_ENV: missing, "POS_MEMBER_DB_PATH": "/x/t.db"})
    other = tmp_path / "other.env"
    other.write_text("# a file without a choice\nPOS_MEMBER_LANGUAGE=en\n", encoding="utf-8")
    assert fr.needs_first_run({fr.CONFIG_ENV: str(other)})


def test_head_offices_qr_code_and_addresses_are_checked_before_anything_is_written() -> None:
    scan = fr.parse_scan(json.dumps({"headoffice": "https://hq:8600", "code": "K7QM2XH9TA",
                                     "terminal": "T02"}))  # fmt: skip
    assert scan == fr.EnrolScan("https://hq:8600", "K7QM2XH9TA", "T02")
    for bad in ("6901234567892", "{}", "[1]", '{"code": 1}'):
        with pytest.raises(fr.ScanNotUnderstood):
            fr.parse_scan(bad)
    assert fr.head_office_url(" https://hq.example.com:8600/ ") == "https://hq.example.com:8600"
    for bad in ("hq.example.com", "ftp://hq", "https://", "http://hq:99999", "http://hq:x"):
        with pytest.raises(fr.BadHeadOfficeAddress):
            fr.head_office_url(bad)


def test_a_single_store_refuses_bad_ids_and_an_existing_till_and_writes_nothing(
    tmp_path: Path,
) -> None:
    config, folder = tmp_path / "c.env", tmp_path / "data"
    ok = fr.FirstManager("3001", "王店长", "135790", "135790")
    with pytest.raises(ValidationError):
        fr.set_up_single_store(config, folder, store_id="S 1", terminal_id="T01", manager=ok)
    with pytest.raises(ValidationError):
        fr.set_up_single_store(config, folder, store_id="S1", terminal_id="TOOLONG123", manager=ok)
    with pytest.raises(ValidationError):
        fr.set_up_single_store(config, folder, store_id="S1", terminal_id="T01",
                               manager=fr.FirstManager("3001", "王", "12", "12"))  # fmt: skip
    assert not config.exists() and not (folder / fr.TILL_DB).exists()
    (folder / fr.TILL_DB).parent.mkdir(parents=True)
    (folder / fr.TILL_DB).write_bytes(b"an older till")
    with pytest.raises(fr.TillExists):
        fr.set_up_single_store(config, folder, store_id="S1", terminal_id="T01", manager=ok)
    assert (folder / fr.TILL_DB).read_bytes() == b"an older till" and not config.exists()

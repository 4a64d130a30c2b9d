"""The ``report`` and ``programme-jobs`` commands on a real database file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from pos_member_cli import reports as commands

from .conftest import Desk
from .test_analytics import build_store
from .test_pdf_reports import pdf_text


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pos-member")
    commands.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    status: int = args.func(args)
    return status


def test_report_analytics_json_and_pdf(
    desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build_store(desk)
    db = str(desk.ctx.store.path)
    out = tmp_path / "report.pdf"
    argv = ["report", "analytics", "--db", db, "--from", "2026-03-01", "--to", "2026-03-31"]
    assert _run([*argv, "--json", "--pdf", str(out), "--store", "旗舰店"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["members"] == 13 and data["member_sales_share"] == round(650 / 1400, 4)
    assert data["segments"]["at_risk"] == 2 and data["lifecycle"]["churned"] == 5
    assert data["sales"]["by_tender"]["cash"] == "630.00"
    assert "旗舰店" in pdf_text(out)


def test_report_sales_text(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    build_store(desk)
    db = str(desk.ctx.store.path)
    assert _run(["report", "sales", "--db", db, "--from", "2026-03-30", "--to", "2026-03-30"]) == 0
    text = capsys.readouterr().out
    assert "net_sales: 600.00" in text and "receipts: 2" in text


def test_programme_jobs_twice(desk: Desk, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(desk.ctx.store.path)
    argv = ["programme-jobs", "--db", db, "--date", "2026-03-10", "--birthday-coupon-yuan", "20"]
    assert _run(argv) == 0
    first = capsys.readouterr().out
    assert "tier_review 2026-03-10: 0 examined" in first and "birthday BDAY-2026-03" in first
    assert _run(argv) == 0
    assert "already done" in capsys.readouterr().out


def test_bad_command_input(desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(["report", "sales", "--db", str(tmp_path / "none.db")]) == 2
    assert "is missing. Restore it from the backup" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _run(["report", "sales", "--db", "x.db", "--from", "March"])
    db = str(desk.ctx.store.path)
    assert _run(["programme-jobs", "--db", db, "--birthday-coupon-yuan", "-5"]) == 2
    assert _run(["report", "sales", "--db", db, "--from", "2026-03-31", "--to", "2026-03-01"]) == 1
    assert "the end is before the start" in capsys.readouterr().err

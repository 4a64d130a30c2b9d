"""Backups taken while tills sell, checked, rotated, restored; receipt numbers never reused.

Real SQLite files with the production pragmas, real checkout through the services,
the ``pos-member`` commands as a store manager runs them, and head office on
PostgreSQL for the receipt number a restored till must continue past.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_member.domain.money import Money
from pos_member.services.checkout import LineRequest, checkout
from pos_member.services.context import Context
from pos_member.services.shifts import current_shift, open_shift
from pos_member.settings import Settings
from pos_member.store import backup as bk
from pos_member.store.checks import check_file
from pos_member.store.db import Store
from pos_member_cli.main import main as cli
from tests.services import conftest as service_fixtures
from tests.services.conftest import CASHIER, GOLD_ID, MILK, WATER, Clock
from tests.services.helpers import cash, sale

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
template_db = service_fixtures.template_db  # the seeded demo store, once per session
MAX_SALES = 150  # per till, during the 50 backups


def _till(tmp: Path, template: Path, name: str) -> Path:
    path = tmp / f"{name}.db"
    shutil.copy(template, path)
    return path


def _ctx(path: Path, terminal: str = "T01") -> Context:
    store = Store.open(path, busy_timeout_ms=10_000)
    settings = Settings(db_path=path, terminal_id=terminal, store_id="S001")
    return Context(store=store, settings=settings, clock=Clock(NOW), online=lambda: False)


def _sell(ctx: Context, n: int = 1) -> list[str]:
    if current_shift(ctx) is None:
        open_shift(ctx, CASHIER, Money.yuan(200))
    out = []
    for _ in range(n):
        r = checkout(
            ctx,
            sale(
                LineRequest(WATER, quantity=2),
                LineRequest(MILK),
                tenders=(cash(20),),
                member_id=GOLD_ID,
            ),
        )
        out.append(r.receipt_no)
    return out


def _counter(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT max(last_no) FROM receipt_counters").fetchone()[0] or 0)
    finally:
        conn.close()


@pytest.fixture
def till(tmp_path: Path, template_db: Path) -> Iterator[tuple[Path, Context]]:
    path = _till(tmp_path, template_db, "till")
    ctx = _ctx(path)
    yield path, ctx
    ctx.store.close()


def test_fifty_backups_while_two_tills_sell_and_a_report_runs_all_restore_clean(
    tmp_path: Path, template_db: Path
) -> None:
    paths = [_till(tmp_path, template_db, f"till{i}") for i in (1, 2)]
    ctxs = [_ctx(p, f"T0{i + 1}") for i, p in enumerate(paths)]
    stop = threading.Event()
    sold = [0, 0]
    errors: list[BaseException] = []

    def seller(i: int) -> None:
        # Bounded: a till's pace, not a loop that grows the file as fast as the disk
        # allows (each copy is checked whole, so the test's time follows the file's size).
        try:
            while not stop.is_set() and sold[i] < MAX_SALES:
                _sell(ctxs[i])
                sold[i] += 1
                stop.wait(0.02)
        except BaseException as exc:  # reported below: a thread's failure fails the test
            errors.append(exc)

    def reporter() -> None:
        conn = sqlite3.connect(paths[0], timeout=30)
        try:
            while not stop.is_set():
                conn.execute(
                    "SELECT member_id, count(*), sum(total_fen) FROM sales GROUP BY member_id"
                ).fetchall()
        except BaseException as exc:
            errors.append(exc)
        finally:
            conn.close()

    threads = [threading.Thread(target=seller, args=(i,)) for i in (0, 1)]
    threads.append(threading.Thread(target=reporter))
    for t in threads:
        t.start()
    taken: list[bk.Backup] = []
    try:
        for n in range(50):
            i = n % 2
            taken.append(
                bk.take_backup(
                    paths[i],
                    tmp_path / f"copies{i}",
                    keep=100,
                    now=NOW + timedelta(seconds=n),
                )
            )
    finally:
        stop.set()
        for t in threads:
            t.join()
        for c in ctxs:
            c.store.close()
    assert not errors, errors
    assert min(sold) > 0, "both tills sold while the backups were taken"
    counters = [b.last_receipt_no for b in taken]
    assert counters[-2] > counters[0], "the copies follow the selling till"
    for n, b in enumerate(taken):
        target = tmp_path / "restored" / f"{n}.db"
        target.parent.mkdir(exist_ok=True)
        done = bk.restore_backup(b.path, target, head_office_last=None, gap=0)
        assert check_file(target) == [], f"copy {n} restored unclean"
        assert done.receipt_no_now == b.last_receipt_no
    assert check_file(paths[0]) == [] and check_file(paths[1]) == []


def test_rotation_keeps_the_newest_copies(till: tuple[Path, Context], tmp_path: Path) -> None:
    path, ctx = till
    dest = tmp_path / "usb"
    for n in range(5):
        _sell(ctx)
        bk.take_backup(path, dest, keep=3, now=NOW + timedelta(minutes=n))
    kept = bk.backups(dest)
    assert [b.taken_at for b in kept] == [
        (NOW + timedelta(minutes=n)).isoformat() for n in (4, 3, 2)
    ]
    assert sorted(p.name for p in dest.iterdir()) == sorted(
        [Path(b.path).name for b in kept] + [Path(b.path).with_suffix(".json").name for b in kept]
    )


def test_a_copy_that_does_not_check_clean_is_not_kept(
    till: tuple[Path, Context], tmp_path: Path
) -> None:
    path, ctx = till
    _sell(ctx, 2)
    raw = sqlite3.connect(path)
    raw.execute("DROP TRIGGER IF EXISTS members_sv_guard")  # any trigger: written outside the till
    raw.execute("PRAGMA ignore_check_constraints = ON")
    # A balance that no longer equals its ledger: what a hand edit of the file leaves.
    triggers = [
        r[0]
        for r in raw.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='members'"
        )
    ]
    for name in triggers:
        raw.execute(f'DROP TRIGGER "{name}"')
    raw.execute("UPDATE members SET points_balance = points_balance + 5 WHERE id = ?", (GOLD_ID,))
    raw.commit()
    raw.close()
    with pytest.raises(bk.BackupNotClean) as err:
        bk.take_backup(path, tmp_path / "copies", now=NOW)
    assert "check-db" in err.value.message
    assert bk.backups(tmp_path / "copies") == []
    assert not any((tmp_path / "copies").iterdir())


def test_an_unwritable_backup_folder_says_what_to_do(
    till: tuple[Path, Context], tmp_path: Path
) -> None:
    path, _ = till
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backup disk should be")
    with pytest.raises(bk.BackupFolderUnwritable) as err:
        bk.take_backup(path, blocker / "copies", now=NOW)
    assert "plug in the backup disk" in err.value.message


def test_a_changed_copy_is_refused_and_the_till_file_stays(
    till: tuple[Path, Context], tmp_path: Path
) -> None:
    path, ctx = till
    _sell(ctx)
    b = bk.take_backup(path, tmp_path / "copies", now=NOW)
    with open(b.path, "r+b") as f:
        f.seek(4096 + 100)
        f.write(b"\xff\xff\xff\xff")
    ctx.store.close()
    before = path.read_bytes()
    with pytest.raises(bk.BackupChanged):
        bk.restore_backup(b.path, path, head_office_last=0)
    assert path.read_bytes() == before


def test_restore_without_head_office_needs_a_gap(
    till: tuple[Path, Context], tmp_path: Path
) -> None:
    path, ctx = till
    _sell(ctx, 3)
    b = bk.take_backup(path, tmp_path / "copies", now=NOW)
    _sell(ctx, 4)  # sold after the copy: numbers 4..7 may be at head office
    ctx.store.close()
    with pytest.raises(bk.RestoreNeedsHeadOffice):
        bk.restore_backup(b.path, path, head_office_last=None)
    assert _counter(path) == 7, "nothing was touched"
    done = bk.restore_backup(b.path, path, head_office_last=None, gap=1000, now=NOW)
    assert done.receipt_no_from == 3 and done.receipt_no_now == 1003
    assert done.replaced is not None and Path(done.replaced).exists()
    assert _counter(Path(done.replaced)) == 7, "the replaced file is kept as it was"
    ctx2 = _ctx(path)
    try:
        assert _sell(ctx2) == ["T01-00001004"]
    finally:
        ctx2.store.close()
    assert check_file(path) == []


def test_backup_age_warning(tmp_path: Path, till: tuple[Path, Context]) -> None:
    path, _ = till
    dest = tmp_path / "copies"
    assert isinstance(bk.backup_age_warning(dest, 26, NOW), bk.NoBackupYet)
    bk.take_backup(path, dest, now=NOW)
    assert bk.backup_age_warning(dest, 26, NOW + timedelta(hours=25)) is None
    old = bk.backup_age_warning(dest, 26, NOW + timedelta(hours=30))
    assert isinstance(old, bk.BackupOld) and "30 hours" in old.message


def test_the_commands_back_up_list_and_restore(
    till: tuple[Path, Context], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, ctx = till
    _sell(ctx, 2)
    dest = tmp_path / "usb"
    assert cli(["--db", str(path), "backup", "--to", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "checked clean" in out and "receipt counter 2" in out
    assert cli(["--db", str(path), "backups", "--to", str(dest)]) == 0
    assert "receipt 2" in capsys.readouterr().out
    _sell(ctx, 1)
    ctx.store.close()
    # Not enrolled: no head office holds receipts of it, so the copy's counter stands
    # and the receipt the copy never saw (number 3) is issued again only by this till.
    assert cli(["--db", str(path), "restore", "--to", str(dest)]) == 0
    out = capsys.readouterr().out
    assert "not enrolled" in out and "continue after number 2" in out
    assert check_file(path) == []


def test_restore_of_nothing_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["--db", str(tmp_path / "t.db"), "restore", "--to", str(tmp_path / "none")]) == 1
    assert "no backup found" in capsys.readouterr().err


def test_closing_a_shift_backs_the_till_up_and_the_status_bar_tells_when_it_is_old(
    till: tuple[Path, Context], tmp_path: Path
) -> None:
    from pos_member.sync.client import SyncState
    from ui.operations import shifts as shift_ops
    from ui.operations.sync import sync_view

    _, ctx = till
    view, _ = sync_view(ctx, SyncState())
    assert view.disk == "", "a till with no backup folder set is not nagged before its first"
    ctx.settings = ctx.settings.model_copy(update={"backup_dir": tmp_path / "usb"})
    view, _ = sync_view(ctx, SyncState())
    assert "no backup yet" in view.disk
    _sell(ctx, 2)
    shift_ops.close_shift(ctx, CASHIER, Money.yuan("224.00"))
    (copy,) = bk.backups(tmp_path / "usb")
    assert copy.last_receipt_no == 2 and check_file(copy.path) == []
    view, _ = sync_view(ctx, SyncState())
    assert view.disk == ""
    assert isinstance(ctx.clock, Clock)
    ctx.clock.advance(hours=27)
    view, _ = sync_view(ctx, SyncState())
    assert "27 hours old" in view.disk

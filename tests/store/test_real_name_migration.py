"""Migration 0124 (issue 18): the real-name records' buyer names and contacts are sealed.

A real file at revision 0121 (the schema before) holds 退卡/recharge buyer records
with plain names and contacts; opening it as a ``Store`` migrates it. Every record
then opens to the same name and contact under the till's data key, the table is
still append-only, and no byte of the file or its WAL holds a plain name or contact.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from pos_member.store import migrate, pii
from pos_member.store.db import Store
from pos_member.store.engine import make_engine

BUYERS = [(i, f"上官买家{i:03d}", f"1391234{i:04d}") for i in range(1, 301)]


def _old_file(path: Path) -> None:
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            cfg = migrate.alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0121")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO real_name_records (id, member_id, purpose, event_id, name,"
                    " id_type, id_masked, id_sealed, id_index, contact, agent, buyer_kind,"
                    " company_name, consent_at, created_at, keep_until, staff_id) VALUES"
                    " (:id, NULL, 'recharge', :e, :n, 'resident_id', '1101**********002X',"
                    " 's1:x', 'ix', :c, 0, 'person', '', 't', 't', '2031-12-04', '2001')"
                ),
                [{"id": i, "e": f"ev-{i}", "n": n, "c": c} for i, n, c in BUYERS],
            )
    finally:
        engine.dispose()


def _bytes(db: Path) -> bytes:
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_0124_seals_existing_buyer_names_and_contacts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    monkeypatch.setenv("POS_MEMBER_DATA_KEY_FILE", str(tmp_path / "data.key"))
    _old_file(path)
    assert BUYERS[0][1].encode() in _bytes(path)  # the control: plain before
    store = Store.open(path)
    try:
        sealer = store.sealer
        with store.reading() as s:
            rows = s.execute(
                text(
                    "SELECT id, name_masked, name_sealed, contact_sealed FROM real_name_records"
                    " ORDER BY id"
                )
            ).all()
        assert len(rows) == len(BUYERS)
        for (rid, name, contact), row in zip(BUYERS, rows, strict=True):
            assert row[0] == rid and row[1] == "上******"
            assert pii.open_or_empty(sealer, row[2], pii.REAL_NAME) == name
            assert pii.open_or_empty(sealer, row[3], pii.REAL_CONTACT) == contact
        cols = {r[1] for r in store.raw_reader().execute("PRAGMA table_info(real_name_records)")}
        assert "name" not in cols and "contact" not in cols
        # Still append-only: the triggers came back after the rewrite.
        with (
            pytest.raises(DatabaseError, match="never changed"),
            store.write_engine.begin() as conn,
        ):
            conn.execute(text("UPDATE real_name_records SET name_masked = 'x'"))
    finally:
        store.close()
    after = _bytes(path)
    leaks = [
        v
        for _, n, c in BUYERS
        for v in (n, c)
        for enc in ("utf-8", "utf-16-le", "utf-16-be")
        if v.encode(enc) in after
    ]
    assert leaks == []

"""The console's privacy page of a member over HTTP against real PostgreSQL: consents
recorded and withdrawn at the desk, the data package as PDF and JSON (audited), closing a
membership (请先退卡 while stored value is left), the access audit for HQ admins only,
and who may do what."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sqlalchemy import text

from tests.headoffice.console.conftest import Console, csrf_of


def _member(console: Console, *, with_value: bool) -> int:
    """A demo member of store S001's block with (or without any) stored value."""
    cond = "EXISTS" if with_value else "NOT EXISTS"
    with console.engine.connect() as conn:
        return int(
            conn.execute(
                text(
                    "SELECT m.id FROM members m WHERE m.status = 'active' AND "
                    f"{cond} (SELECT 1 FROM sv_entries e WHERE e.member_id = m.id) "
                    + ("AND m.sv_principal_fen > 0 " if with_value else "")
                    + "ORDER BY m.id DESC LIMIT 1"
                )
            ).scalar_one()
        )


def test_a_desk_records_and_withdraws_marketing_consent(console: Console) -> None:
    mid = _member(console, with_value=False)
    cs = console.login("cs1")
    page = cs.get(f"/console/members/{mid}", headers={"Accept-Language": "zh-CN"})
    assert f"/console/members/{mid}/privacy" in page.text and "个人信息与同意" in page.text
    page = cs.get(f"/console/members/{mid}/privacy")
    assert page.status_code == 200 and "优惠和活动信息（营销）" in page.text
    form = {
        "csrf": csrf_of(page.text),
        "purpose": "marketing",
        "granted": "1",
        "version": "2026-01",
    }
    r = cs.post(f"/console/members/{mid}/privacy/consent", data=form)
    assert r.status_code == 303
    shown = cs.get(r.headers["location"])
    assert "已记录同意" in shown.text and "总部后台" in shown.text
    r = cs.post(f"/console/members/{mid}/privacy/consent", data={**form, "granted": "0"})
    assert r.status_code == 303
    with console.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT granted, channel, taken_by FROM member_consent_log "
                "WHERE member_id = :m AND purpose = 'marketing' ORDER BY id"
            ),
            {"m": mid},
        ).all()
        prefs = conn.execute(
            text("SELECT marketing FROM member_prefs WHERE member_id = :m"), {"m": mid}
        ).scalar_one()
    assert [tuple(r) for r in rows] == [(True, "console", "cs1"), (False, "console", "cs1")]
    assert prefs is False
    # marketing staff see the page but may not record consent (no desk role)
    mkt = console.login("mkt1")
    assert (
        mkt.post(
            f"/console/members/{mid}/privacy/consent",
            data={**form, "csrf": csrf_of(mkt.get(f"/console/members/{mid}/privacy").text)},
        ).status_code
        == 403
    )


def test_the_data_package_downloads_as_pdf_and_json_and_is_audited(
    console: Console, tmp_path: Path
) -> None:
    mid = _member(console, with_value=True)
    cs = console.login("cs1")
    pdf = cs.get(f"/console/members/{mid}/privacy/export.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    (tmp_path / "p.pdf").write_bytes(pdf.content)
    words = subprocess.run(
        ["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    with console.engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM members WHERE id = :m"), {"m": mid}).scalar_one()
    assert name in words and "储值流水" in words and "会员卡" in words
    js = cs.get(f"/console/members/{mid}/privacy/export.json")
    assert js.status_code == 200 and js.json()["member"]["id"] == mid
    assert js.json()["tables"]["sv_entries"]
    done = [
        a["action"] for a in console.audit("privacy.export.completed") if a["subject"] == str(mid)
    ]
    assert len(done) == 2
    # a store manager (partial disclosure) may not take the whole package
    mgr = console.login("mgr1")
    assert mgr.get(f"/console/members/{mid}/privacy/export.pdf").status_code == 403


def test_closing_asks_for_refund_first_then_erases(console: Console) -> None:
    rich, plain = _member(console, with_value=True), _member(console, with_value=False)
    cs = console.login("cs1")
    page = cs.get(f"/console/members/{rich}/privacy")
    assert "请先退卡" in page.text
    r = cs.post(
        f"/console/members/{rich}/privacy/close", data={"csrf": csrf_of(page.text), "confirm": "1"}
    )
    assert r.status_code == 409 and "请先退卡" in r.text
    with console.engine.connect() as conn:
        card = conn.execute(
            text("SELECT number FROM cards WHERE member_id = :m LIMIT 1"), {"m": plain}
        ).scalar_one()
    link = f'/console/members/{plain}"'
    assert link in cs.get("/console/members", params={"q": card}).text  # found before
    page = cs.get(f"/console/members/{plain}/privacy")
    unconfirmed = cs.post(
        f"/console/members/{plain}/privacy/close", data={"csrf": csrf_of(page.text)}
    )
    assert unconfirmed.status_code == 422
    r = cs.post(
        f"/console/members/{plain}/privacy/close", data={"csrf": csrf_of(page.text), "confirm": "1"}
    )
    assert r.status_code == 303
    after = cs.get(r.headers["location"])
    assert "已注销（已删除）" in after.text
    with console.engine.connect() as conn:
        row = conn.execute(
            text("SELECT name, phone, status FROM members WHERE id = :m"), {"m": plain}
        ).one()
    assert tuple(row) == ("", None, "erased")
    # gone from the console's search by its card
    found = cs.get("/console/members", params={"q": card})
    assert found.status_code == 200 and link not in found.text


def test_only_hq_admins_see_who_looked_at_a_record(console: Console) -> None:
    mid = _member(console, with_value=True)
    console.login("cs1").get(f"/console/members/{mid}")
    admin = console.login("admin1").get(f"/console/members/{mid}/privacy")
    assert 'id="access-log"' in admin.text and "cs1" in admin.text and "member.view" in admin.text
    cs = console.login("cs1").get(f"/console/members/{mid}/privacy")
    assert 'id="access-log"' not in cs.text
    # every look at the page is itself in the audit
    assert [a for a in console.audit("member.privacy_view") if a["subject"] == str(mid)]

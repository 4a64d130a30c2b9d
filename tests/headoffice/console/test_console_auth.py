"""Signing in to the console over HTTP against real PostgreSQL: sessions, CSRF, lockout,
password change, roles, a store manager's scope and the audit."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from pos_member.headoffice.programme import chain_today
from tests.headoffice.console.conftest import MAX_FAILURES, PASSWORD, Console, csrf_of, sale


def _card_of(console: Console, member_id: int) -> str:
    with console.engine.connect() as conn:
        return str(
            conn.execute(
                text("SELECT number FROM cards WHERE member_id = :m ORDER BY id LIMIT 1"),
                {"m": member_id},
            ).scalar_one()
        )


def _card_state(console: Console, number: str) -> str:
    with console.engine.connect() as conn:
        return str(
            conn.execute(
                text("SELECT state FROM cards WHERE number = :n"), {"n": number}
            ).scalar_one()
        )


def test_sign_in_sets_a_session_cookie_httponly_lax_not_secure_on_http(console: Console) -> None:
    c = console.client()
    r = c.post("/console/login", data=console.login_form(c, "admin1", PASSWORD))
    assert r.status_code == 303 and r.headers["location"] == "/console/dashboard"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("posm_console="))
    low = cookie.lower()
    assert "httponly" in low and "samesite=lax" in low and "path=/console" in low
    assert "secure" not in low
    page = c.get("/console/dashboard")
    assert page.status_code == 200 and "admin1" in page.text
    assert console.audit("login")[-1]["username"] == "admin1"


def test_no_session_goes_to_the_sign_in_page(console: Console) -> None:
    r = console.client().get("/console/members")
    assert r.status_code == 303 and r.headers["location"].startswith("/console/login")


def test_a_wrong_password_is_refused_with_a_message_and_audited(console: Console) -> None:
    c = console.client()
    r = c.post("/console/login", data=console.login_form(c, "fin1", "not the password 1"))
    assert r.status_code == 401
    assert "Wrong username or password" in r.text or "用户名或密码错误" in r.text
    assert "posm_console=" not in r.headers.get("set-cookie", "")
    assert any(a["username"] == "fin1" for a in console.audit("login.refused"))
    # A wrong guess does not count twice: the right password still works (fin1 not locked).
    console.login("fin1")


def test_an_account_locks_after_n_wrong_passwords_even_against_the_right_one(
    console: Console,
) -> None:
    c = console.client()
    for _ in range(MAX_FAILURES):
        r = c.post("/console/login", data=console.login_form(c, "locky", "wrong password 9"))
        assert r.status_code == 401
    r = c.post(
        "/console/login",
        data=console.login_form(c, "locky", PASSWORD),
        headers={"Accept-Language": "en"},
    )
    assert r.status_code == 401 and "locked" in r.text
    assert [a for a in console.audit("account.locked") if a["username"] == "locky"]


def test_a_forged_post_without_the_sessions_csrf_token_is_refused(console: Console) -> None:
    card = _card_of(console, 3)
    c = console.login("cs1")
    r = c.post(f"/console/cards/{card}/block", data={})
    assert r.status_code == 403
    other = console.login("admin1")
    foreign = csrf_of(other.get("/console/dashboard").text)
    r = c.post(f"/console/cards/{card}/block", data={"csrf": foreign})
    assert r.status_code == 403
    r = c.post(f"/console/cards/{card}/block", data={"csrf": "令牌é"})
    assert r.status_code == 403
    assert _card_state(console, card) == "active"
    assert console.audit("csrf.refused")
    # The sign-in form too: a POST without the sign-in page's cookie is refused.
    r = console.client().post(
        "/console/login", data={"csrf": "x", "username": "admin1", "password": PASSWORD}
    )
    assert r.status_code == 403 and "posm_console=" not in r.headers.get("set-cookie", "")


def test_a_stolen_cookie_opens_nothing_after_logout(console: Console) -> None:
    c = console.login("admin1")
    stolen = c.cookies.get("posm_console")
    assert stolen
    csrf = csrf_of(c.get("/console/dashboard").text)
    assert c.post("/console/logout", data={"csrf": csrf}).status_code == 303
    thief = console.client(cookies={"posm_console": stolen})
    r = thief.get("/console/dashboard")
    assert r.status_code == 303 and r.headers["location"].startswith("/console/login")
    assert console.audit("logout")


def test_a_password_change_ends_the_other_sessions(console: Console) -> None:
    from pos_member.headoffice.console.accounts import Role, create_account

    with console.engine.begin() as conn:
        create_account(conn, "pwchange", "P", Role.FINANCE, PASSWORD)
    first = console.login("pwchange")
    second = console.login("pwchange")
    csrf = csrf_of(second.get("/console/password").text)
    weak = second.post(
        "/console/password", data={"csrf": csrf, "old": PASSWORD, "new": "short", "again": "short"}
    )
    assert weak.status_code == 422
    new = "a new pass 1234"
    r = second.post("/console/password", data={"csrf": csrf, "old": PASSWORD, "new": new,
                                               "again": new})  # fmt: skip
    assert r.status_code == 303
    assert second.get("/console/dashboard").status_code == 200
    assert first.get("/console/dashboard").status_code == 303
    console.login("pwchange", new)
    c = console.client()
    assert c.post("/console/login", data=console.login_form(c, "pwchange", PASSWORD)).status_code \
        == 401  # fmt: skip


@pytest.mark.parametrize(
    ("who", "page", "status"),
    [
        ("it1", "/console/members", 403),
        ("it1", "/console/terminals", 200),
        ("mkt1", "/console/terminals", 403),
        ("mkt1", "/console/programme", 200),
        ("cs1", "/console/dashboard", 403),
        ("mgr1", "/console/programme", 403),
        ("fin1", "/console/review", 200),
    ],
)
def test_each_role_sees_its_pages_only(console: Console, who: str, page: str, status: int) -> None:
    assert console.login(who).get(page).status_code == status


def test_marketing_cannot_block_a_card(console: Console) -> None:
    card = _card_of(console, 4)
    c = console.login("mkt1")
    csrf = csrf_of(c.get("/console/members").text)
    assert c.post(f"/console/cards/{card}/block", data={"csrf": csrf}).status_code == 403
    assert _card_state(console, card) == "active"


def test_personal_data_is_masked_by_role_and_every_view_audited(console: Console) -> None:
    with console.engine.connect() as conn:
        phone = str(conn.execute(text("SELECT phone FROM members WHERE id = 7")).scalar_one())
    full = console.login("cs1").get("/console/members", params={"q": phone})
    assert phone in full.text
    masked = console.login("mkt1").get("/console/members", params={"q": phone})
    assert f">{phone}<" not in masked.text and f"{phone[-4:]}<" in masked.text
    page = console.login("mkt1").get("/console/members/7")
    assert page.status_code == 200 and phone not in page.text
    views = [a for a in console.audit("member.view") if a["subject"] == "7"]
    assert views and views[-1]["username"] == "mkt1"
    searches = [a for a in console.audit("member.search") if a["username"] == "cs1"]
    assert searches and 7 in searches[-1]["detail"]["members"]
    # The audit keeps the search, not the phone typed: its last 4 digits only.
    assert searches[-1]["subject"] == "*" * (len(phone) - 4) + phone[-4:]
    assert all(phone not in str(a) for a in console.audit("member.search"))


def test_a_name_searched_is_audited_masked(console: Console) -> None:
    console.login("cs1").get("/console/members", params={"q": "王小明"})
    (last, *_) = [a for a in reversed(console.audit("member.search")) if a["username"] == "cs1"]
    assert last["subject"] == "王**"


def test_a_store_manager_cannot_see_another_stores_members(console: Console) -> None:
    day = chain_today()
    console.push(
        console.token("S002", "T21"),
        [sale(str(uuid.uuid4()), "S002", "T21", 11, day, 1200)],
    )
    console.push(
        console.token("S001", "T11"),
        [sale(str(uuid.uuid4()), "S001", "T11", 12, day, 1500)],
    )
    mgr = console.login("mgr1")
    with console.engine.connect() as conn:
        phones = dict(
            conn.execute(text("SELECT id, phone FROM members WHERE id IN (11, 12)")).all()
        )
    assert "/console/members/11" not in mgr.get("/console/members", params={"q": phones[11]}).text
    assert "/console/members/12" in mgr.get("/console/members", params={"q": phones[12]}).text
    assert mgr.get("/console/members/11").status_code == 403
    assert mgr.get("/console/members/12").status_code == 200
    card = _card_of(console, 11)
    csrf = csrf_of(mgr.get("/console/members/12").text)
    assert mgr.post(f"/console/cards/{card}/block", data={"csrf": csrf}).status_code == 403
    assert _card_state(console, card) == "active"
    assert [a for a in console.audit("member.view_refused") if a["subject"] == "11"]
    # An admin sees both.
    assert console.login("admin1").get("/console/members/11").status_code == 200


def test_the_audit_is_append_only(console: Console) -> None:
    console.login("admin1")
    with pytest.raises(DBAPIError, match="append-only"), console.engine.begin() as conn:
        conn.execute(text("UPDATE console_audit SET username = 'x'"))
    with pytest.raises(DBAPIError, match="append-only"), console.engine.begin() as conn:
        conn.execute(text("DELETE FROM console_audit"))


def test_the_cookie_is_secure_over_https(console: Console) -> None:
    # uvicorn trusts X-Forwarded-Proto from loopback (a TLS proxy in front of head office).
    c = console.client(headers={"X-Forwarded-Proto": "https"})
    page = c.get("/console/login")
    pre = next(h for h in page.headers.get_list("set-cookie") if h.startswith("posm_login_csrf="))
    assert "secure" in pre.lower()
    r = c.post(
        "/console/login",
        data={"csrf": csrf_of(page.text), "username": "admin1", "password": PASSWORD},
        headers={"Cookie": pre.split(";")[0]},
    )
    assert r.status_code == 303
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("posm_console="))
    assert "secure" in cookie.lower()


def test_an_admin_creates_and_switches_off_accounts_in_the_console(console: Console) -> None:
    admin = console.login("admin1")
    page = admin.get("/console/accounts")
    assert page.status_code == 200 and "admin1" in page.text
    csrf = csrf_of(page.text)
    no_store = admin.post("/console/accounts/new", data={
        "csrf": csrf, "username": "mgr9", "name": "店长九", "role": "store_manager",
        "password": "good password 9",
    }, headers={"Accept-Language": "zh-CN"})  # fmt: skip
    assert no_store.status_code == 422 and "店长至少需要一个已有门店" in no_store.text
    made = admin.post(
        "/console/accounts/new",
        content="csrf=" + csrf + "&username=mgr9&name=M9&role=store_manager"
        "&stores=S002&stores=S003&password=good+password+9",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert made.status_code == 303
    with console.engine.connect() as conn:
        acc_id, stores = conn.execute(
            text("SELECT id, stores FROM console_accounts WHERE username = 'mgr9'")
        ).one()
    assert stores == ["S002", "S003"]
    mgr = console.login("mgr9", "good password 9")
    assert mgr.get("/console/dashboard").status_code == 200
    assert mgr.get("/console/accounts").status_code == 403
    off = admin.post(f"/console/accounts/{acc_id}/active", data={"csrf": csrf, "active": "0"})
    assert off.status_code == 303
    assert mgr.get("/console/dashboard").status_code == 303  # its session ended
    c = console.client()
    assert c.post("/console/login", data=console.login_form(c, "mgr9", "good password 9")) \
        .status_code == 401  # fmt: skip
    trail = admin.get("/console/accounts", params={"action": "account.off"})
    assert "mgr9" in trail.text
    created = [a for a in console.audit("account.create") if a["subject"] == "mgr9"]
    assert [a["username"] for a in created] == ["admin1"]


def test_wrong_passwords_throttle_the_clients_address(console: Console) -> None:
    from pos_member.headoffice.app import create_app
    from pos_member.headoffice.settings import HQSettings
    from pos_member.headoffice.testing import ServerThread

    settings = HQSettings(db_url="sqlite://", auth_max_failures=3, console_max_failures=100)
    server = ServerThread(create_app(settings, console.engine)).start()
    try:
        c = console.client()
        statuses = []
        for i in range(4):
            page = c.get(f"{server.url}/console/login")
            form = {"csrf": csrf_of(page.text) if page.status_code == 200 else "x",
                    "username": f"nobody{i}", "password": "guess guess 1"}  # fmt: skip
            statuses.append(c.post(f"{server.url}/console/login", data=form).status_code)
    finally:
        server.stop()
    assert statuses[:3] == [401, 401, 401] and statuses[3] == 429


def test_a_locked_out_address_gets_a_page_saying_when_to_try_again(console: Console) -> None:
    from pos_member.headoffice.app import create_app
    from pos_member.headoffice.settings import HQSettings
    from pos_member.headoffice.testing import ServerThread

    settings = HQSettings(db_url="sqlite://", auth_max_failures=2, auth_lockout_s=600,
                          console_max_failures=100)  # fmt: skip
    server = ServerThread(create_app(settings, console.engine)).start()
    try:
        pages = {}
        for lang in ("en", "zh_CN"):
            c = console.client(cookies={"posm_lang": lang})
            for i in range(3):
                page = c.get(f"{server.url}/console/login")
                if page.status_code == 429:
                    break
                form = {"csrf": csrf_of(page.text), "username": f"nobody{i}",
                        "password": "guess guess 1"}  # fmt: skip
                c.post(f"{server.url}/console/login", data=form)
            pages[lang] = c.get(f"{server.url}/console/login")
        api = httpx.get(f"{server.url}/api/v1/sync/pull", timeout=10)
    finally:
        server.stop()
    en, zh = pages["en"], pages["zh_CN"]
    assert en.status_code == zh.status_code == 429
    assert en.headers["content-type"].startswith("text/html")
    assert int(en.headers["retry-after"]) > 500
    assert "<html" in en.text and "Try again in 10 min (at " in en.text and " UTC)" in en.text
    assert "请在 10 分钟后（" in zh.text and 'lang="zh-CN"' in zh.text
    # Machines keep the JSON answer.
    assert api.status_code == 429 and api.json()["code"]

"""The member page over HTTP against real PostgreSQL: SMS sign-in and each way it is
refused, sessions and CSRF, joining from a poster with consent per purpose, the PIN
reaching the change feed, consents, and what the page shows."""

from __future__ import annotations

import base64
import re
import uuid

import httpx
from sqlalchemy import text

from pos_member.headoffice import device_keys
from pos_member.headoffice.member_i18n import EN, ZH
from pos_member.services.auth import pin_matches
from tests.headoffice.member.conftest import MemberHQ, csrf_of
from tests.member_phone import Phone


def _phone(mhq: MemberHQ, n: int) -> tuple[int, str]:
    return mhq.members_with_phone()[n]


def test_both_languages_have_the_same_words() -> None:
    assert set(EN) == set(ZH)


def test_sign_in_by_sms_code_opens_the_member_page(mhq: MemberHQ) -> None:
    mid, phone = _phone(mhq, 0)
    c = mhq.sign_in(phone)
    page = c.get("/m/")
    assert page.status_code == 200
    assert f'data-member="{mid}"' in page.text
    assert phone[:3] + "****" + phone[-4:] in page.text  # masked
    cookie = page.request.headers.get("cookie", "")
    assert "posm_member=" in cookie
    raw = next(h for h in c.cookies.jar if h.name == "posm_member")
    assert raw.has_nonstandard_attr("HttpOnly")
    with mhq.engine.connect() as conn:
        stored = conn.execute(
            text(
                "SELECT code_hash, used_at FROM member_sms_codes WHERE phone = :p ORDER BY id DESC"
            ),
            {"p": phone},
        ).first()
    assert stored is not None and stored.used_at is not None
    assert mhq.last_code(phone) not in stored.code_hash  # hashed, never in clear


def test_a_wrong_code_is_refused_and_counted(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 1)
    c = mhq.client()
    r = mhq.ask_code(c, phone)
    good = mhq.last_code(phone)
    bad = f"{(int(good) + 1) % 10**6:06d}"
    r = c.post("/m/login", data={"csrf": csrf_of(r.text), "phone": phone, "code": bad})
    assert r.status_code == 401
    assert EN["refused.wrong"] in r.text or ZH["refused.wrong"] in r.text
    assert "posm_member" not in c.cookies
    with mhq.engine.connect() as conn:
        n = conn.execute(
            text("SELECT attempts FROM member_sms_codes WHERE phone = :p ORDER BY id DESC"),
            {"p": phone},
        ).scalar_one()
    assert n == 1
    # The right code still works after one wrong guess.
    r = c.post("/m/login", data={"csrf": csrf_of(r.text), "phone": phone, "code": good})
    assert r.status_code == 303


def test_a_used_code_is_refused_the_second_time(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 2)
    mhq.sign_in(phone)
    c = mhq.client(headers={"Accept-Language": "en"})
    page = c.get("/m/login")
    r = c.post("/m/login", data={"csrf": csrf_of(page.text), "phone": phone,
                                 "code": mhq.last_code(phone)})  # fmt: skip
    assert r.status_code == 401
    assert EN["refused.used"] in r.text


def test_an_expired_code_is_refused(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 3)
    c = mhq.client(headers={"Accept-Language": "en"})
    r = mhq.ask_code(c, phone)
    with mhq.engine.begin() as conn:
        conn.execute(
            text("UPDATE member_sms_codes SET expires_at = '2000-01-01T00:00:00' WHERE phone = :p"),
            {"p": phone},
        )
    r = c.post("/m/login", data={"csrf": csrf_of(r.text), "phone": phone,
                                 "code": mhq.last_code(phone)})  # fmt: skip
    assert r.status_code == 401
    assert EN["refused.expired"].format(minutes="5") in r.text


def test_too_many_wrong_guesses_burn_the_code(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 4)
    c = mhq.client(headers={"Accept-Language": "en"})
    r = mhq.ask_code(c, phone)
    good = mhq.last_code(phone)
    bad = f"{(int(good) + 7) % 10**6:06d}"
    for _ in range(mhq.cfg.max_attempts):
        r = c.post("/m/login", data={"csrf": csrf_of(r.text), "phone": phone, "code": bad})
        assert r.status_code == 401
    r = c.post("/m/login", data={"csrf": csrf_of(r.text), "phone": phone, "code": good})
    assert r.status_code == 401
    assert EN["refused.too_many"] in r.text


def test_codes_are_throttled_per_phone(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 5)
    c = mhq.client(headers={"Accept-Language": "en"})
    assert mhq.ask_code(c, phone).status_code == 200
    sent = len(mhq.sink.messages())
    r = mhq.ask_code(c, phone)  # within a minute of the first
    assert r.status_code == 422 and EN["refused.wait"] in r.text
    old = mhq.cfg.resend_s
    mhq.cfg.resend_s = 0
    try:
        for _ in range(mhq.cfg.per_phone_hour - 1):
            assert mhq.ask_code(c, phone).status_code == 200
        r = mhq.ask_code(c, phone)
        assert r.status_code == 422 and EN["refused.throttled"] in r.text
    finally:
        mhq.cfg.resend_s = old
    assert len(mhq.sink.messages()) == sent + mhq.cfg.per_phone_hour - 1


def test_codes_are_throttled_per_address(mhq: MemberHQ) -> None:
    c = mhq.client(headers={"Accept-Language": "en"})
    with mhq.engine.connect() as conn:
        used = conn.execute(
            text("SELECT count(*) FROM member_sms_codes WHERE client = '127.0.0.1' "
                 "AND created_at > :t"), {"t": "2000-01-01"},
        ).scalar_one()  # fmt: skip
    old = mhq.cfg.per_client_hour
    mhq.cfg.per_client_hour = int(used)
    try:
        r = mhq.ask_code(c, _phone(mhq, 6)[1])
        assert r.status_code == 422 and EN["refused.throttled"] in r.text
    finally:
        mhq.cfg.per_client_hour = old


def test_provider_down_says_so_and_writes_nothing(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 7)
    c = mhq.client(headers={"Accept-Language": "en"})
    mhq.sink.down = True
    try:
        r = mhq.ask_code(c, phone)
    finally:
        mhq.sink.down = False
    assert r.status_code == 503
    assert EN["refused.sms_down"] in r.text
    with mhq.engine.connect() as conn:
        n = conn.execute(
            text("SELECT count(*) FROM member_sms_codes WHERE phone = :p"), {"p": phone}
        ).scalar_one()
    assert n == 0
    # Once the provider is back, the person just asks again: no wait, no throttle used up.
    assert mhq.ask_code(c, phone).status_code == 200


def test_an_unknown_phone_and_a_malformed_one_are_refused(mhq: MemberHQ) -> None:
    c = mhq.client(headers={"Accept-Language": "en"})
    r = mhq.ask_code(c, "13000000009")
    assert r.status_code == 422 and EN["refused.unknown"] in r.text
    r = mhq.ask_code(c, "12345")
    assert r.status_code == 422 and EN["refused.phone"] in r.text


def test_posts_without_the_csrf_token_are_refused(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 8)
    c = mhq.client()
    c.get("/m/login")
    r = c.post("/m/code", data={"csrf": "forged", "phone": phone})
    assert r.status_code == 403
    signed = mhq.sign_in(phone)
    r = signed.post("/m/prefs", data={"csrf": "forged", "marketing": "1"})
    assert r.status_code == 403
    r = signed.post("/m/devices", json={"public_key": "x"}, headers={"X-CSRF-Token": "forged"})
    assert r.status_code == 403


def test_set_pin_refuses_weak_pins_and_reaches_the_change_feed(mhq: MemberHQ) -> None:
    mid, phone = _phone(mhq, 9)
    c = mhq.sign_in(phone)
    c.headers["Accept-Language"] = "en"
    csrf = csrf_of(c.get("/m/").text)
    for weak in ("123456", "111111", phone[-6:]):
        r = c.post("/m/pin", data={"csrf": csrf, "pin": weak, "again": weak})
        assert r.status_code == 422, weak
        assert "Choose another PIN" in r.text
    r = c.post("/m/pin", data={"csrf": csrf, "pin": "902417", "again": "902418"})
    assert r.status_code == 422 and EN["refused.pin_mismatch"] in r.text
    with mhq.engine.connect() as conn:
        seq_before = conn.execute(
            text("SELECT seq FROM changes WHERE entity = 'member' AND key = :k"), {"k": str(mid)}
        ).scalar_one_or_none()
    r = c.post("/m/pin", data={"csrf": csrf, "pin": "902417", "again": "902417"})
    assert r.status_code == 303
    with mhq.engine.connect() as conn:
        h = conn.execute(
            text("SELECT pay_pin_hash FROM members WHERE id = :i"), {"i": mid}
        ).scalar_one()
        seq_after = conn.execute(
            text("SELECT seq FROM changes WHERE entity = 'member' AND key = :k"), {"k": str(mid)}
        ).scalar_one()
    assert pin_matches(h, "902417") and not pin_matches(h, "902418")
    assert seq_before is None or seq_after > seq_before
    # A till pulling the feed gets the new hash, as with a PIN set at a till.
    token = mhq.token("S001", "T01")
    cursor = 0
    found = None
    while found is None:
        page = httpx.get(
            f"{mhq.url}/api/v1/sync/pull",
            params={"since": cursor, "limit": 2000},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).json()
        for ch in page["changes"]:
            if ch["entity"] == "member" and ch["data"]["id"] == mid:
                found = ch["data"]
        if page.get("next_cursor", cursor) == cursor or not page["changes"]:
            break
        cursor = page["next_cursor"]
    assert found is not None and pin_matches(found["pay_pin_hash"], "902417")


def test_consents_are_saved_and_logged(mhq: MemberHQ) -> None:
    mid, phone = _phone(mhq, 10)
    c = mhq.sign_in(phone)
    csrf = csrf_of(c.get("/m/").text)
    r = c.post("/m/prefs", data={"csrf": csrf, "marketing": "1"})  # balance SMS off
    assert r.status_code == 303
    with mhq.engine.connect() as conn:
        p = conn.execute(
            text("SELECT marketing, balance_sms FROM member_prefs WHERE member_id = :i"), {"i": mid}
        ).one()
        log = conn.execute(
            text(
                "SELECT purpose, granted FROM member_consent_log WHERE member_id = :i ORDER BY id"
            ),
            {"i": mid},
        ).all()
    assert (p.marketing, p.balance_sms) == (True, False)
    assert [tuple(x) for x in log] == [("marketing", True), ("balance_sms", False)]


def test_join_from_a_poster_needs_membership_consent(mhq: MemberHQ) -> None:
    phone = "13912345678"
    c = mhq.client(headers={"Accept-Language": "en"})
    page = c.get("/m/join", params={"store": "S001"})
    assert page.status_code == 200
    csrf = csrf_of(page.text)
    r = c.post("/m/join", data={"csrf": csrf, "store": "S001", "name": "Li", "phone": phone,
                                "step": "code"})  # fmt: skip
    assert r.status_code == 422 and EN["refused.consent"] in r.text
    r = c.post("/m/join", data={"csrf": csrf, "store": "S001", "name": "Li", "phone": phone,
                                "membership": "1", "step": "code"})  # fmt: skip
    assert r.status_code == 200
    r = c.post("/m/join", data={"csrf": csrf, "store": "S001", "name": "Li", "phone": phone,
                                "membership": "1", "step": "join",
                                "code": mhq.last_code(phone)})  # fmt: skip
    assert r.status_code == 303
    with mhq.engine.connect() as conn:
        row = conn.execute(
            text("SELECT id, consent_at, consent_version FROM members WHERE phone = :p"),
            {"p": phone},
        ).one()
        prefs = conn.execute(
            text("SELECT marketing, balance_sms FROM member_prefs WHERE member_id = :i"),
            {"i": row.id},
        ).one()
        feed = conn.execute(
            text("SELECT 1 FROM changes WHERE entity = 'member' AND key = :k"), {"k": str(row.id)}
        ).first()
    assert row.consent_at and row.consent_version
    assert (prefs.marketing, prefs.balance_sms) == (False, True)  # marketing not ticked
    assert feed is not None  # tills learn the new member
    assert row.id >= 10_000_000_000  # from head office's own block, no till's
    assert f'data-member="{row.id}"' in c.get("/m/").text


def test_join_refuses_an_unknown_store_and_a_taken_phone(mhq: MemberHQ) -> None:
    c = mhq.client(headers={"Accept-Language": "en"})
    assert c.get("/m/join", params={"store": "NOPE"}).status_code == 404
    _mid, phone = _phone(mhq, 11)
    page = c.get("/m/join", params={"store": "S001"})
    r = c.post("/m/join", data={"csrf": csrf_of(page.text), "store": "S001", "name": "W",
                                "phone": phone, "membership": "1", "step": "code"})  # fmt: skip
    assert r.status_code == 422 and EN["refused.taken"] in r.text


def test_the_page_shows_balance_points_and_statement(mhq: MemberHQ) -> None:
    mid, phone = _phone(mhq, 12)
    token = mhq.token("S001", "T01")
    eid = str(uuid.uuid4())
    res = mhq.push(
        token,
        [
            {
                "id": eid,
                "kind": "recharge.completed",
                "store_id": "S001",
                "terminal_id": "T01",
                "created_at": "2026-11-23T09:00:00+00:00",
                "payload": {
                    "member_id": mid,
                    "amount_fen": 50000,
                    "bonus_fen": 2500,
                    "business_date": "2026-11-23",
                    "tenders": [{"kind": "cash", "amount_fen": 50000}],
                },
            }
        ],
    )
    assert res["results"][0]["status"] == "applied", res
    c = mhq.sign_in(phone)
    c.headers["Accept-Language"] = "en"
    page = c.get("/m/").text
    with mhq.engine.connect() as conn:
        p, b = conn.execute(
            text("SELECT sv_principal_fen, sv_bonus_fen FROM members WHERE id = :i"), {"i": mid}
        ).one()
    assert f'id="sv">¥{(p + b) // 100:,}.{(p + b) % 100:02d}<' in page
    assert f"Paid in ¥{p // 100:,}.{p % 100:02d}" in page
    assert re.search(r"<td>Recharge</td>\s*<td class=\"num\">¥525.00</td>", page)
    assert 'id="statement"' in page and 'id="coupons"' in page and 'id="tier"' in page


def test_sign_out_ends_the_session(mhq: MemberHQ) -> None:
    _mid, phone = _phone(mhq, 13)
    c = mhq.sign_in(phone)
    csrf = csrf_of(c.get("/m/").text)
    token = c.cookies["posm_member"]
    assert c.post("/m/logout", data={"csrf": csrf}).status_code == 303
    again = mhq.client(cookies={"posm_member": token})
    assert 'action="/m/code"' in again.get("/m/").text  # the sign-in page


def test_devices_register_list_and_revoke_ends_the_lost_phones_session(mhq: MemberHQ) -> None:
    mid, phone = _phone(mhq, 18)
    lost = mhq.sign_in(phone)
    csrf = csrf_of(lost.get("/m/").text)
    bad = lost.post("/m/devices", json={"public_key": "AAAA", "label": "x"},
                    headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert bad.status_code == 422
    not_a_point = base64.urlsafe_b64encode(b"\x05" + b"\x01" * 64).decode().rstrip("=")
    bad = lost.post("/m/devices", json={"public_key": not_a_point},
                    headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert bad.status_code == 422
    handset = Phone()
    raw = base64.urlsafe_b64encode(handset.public_raw).decode().rstrip("=")
    r = lost.post("/m/devices", json={"public_key": raw, "label": "Android"},
                  headers={"X-CSRF-Token": csrf})  # fmt: skip
    assert r.status_code == 200, r.text
    key_id = r.json()["key_id"]
    with mhq.engine.connect() as conn:
        assert r.json()["chain"] == device_keys.chain_code(conn)
    # On a new phone the member sees the lost one and revokes it.
    mhq.cfg.resend_s = 0
    try:
        new = mhq.sign_in(phone)
    finally:
        mhq.cfg.resend_s = 60.0
    page = new.get("/m/").text
    assert f"data-key='{key_id}'" in page or f'data-key="{key_id}"' in page
    other = new.post("/m/devices/revoke", data={"csrf": csrf_of(page), "key_id": "999999999"})
    assert other.status_code == 404
    r = new.post("/m/devices/revoke", data={"csrf": csrf_of(page), "key_id": str(key_id)})
    assert r.status_code == 303
    with mhq.engine.connect() as conn:
        keys = device_keys.device_keys_for_member(conn, mid)
    assert [k.revoked for k in keys] == [True]
    # The lost phone's session has ended: it cannot register another key.
    assert lost.post("/m/devices", json={"public_key": raw},
                     headers={"X-CSRF-Token": csrf}).status_code == 401  # fmt: skip
    assert 'id="code"' in new.get("/m/").text


def test_the_store_poster_and_the_language_switch(mhq: MemberHQ) -> None:
    c = mhq.client()
    r = c.get("/m/poster/S001.svg")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.lstrip().startswith("<svg")
    assert c.get("/m/poster/..%2Fx.svg").status_code == 404
    assert ZH["signin.title"] in c.get("/m/login").text  # Chinese by default
    r = c.get("/m/lang/en", params={"next": "/m/login"})
    assert r.status_code == 303 and r.headers["location"] == "/m/login"
    assert EN["signin.send"] in c.get("/m/login").text
    r = c.get("/m/lang/en", params={"next": "https://evil.example/"})
    assert r.headers["location"] == "/m/"  # never off the site
    assert c.get("/m/static/nope.js").status_code == 404
    assert c.get("/m/static/qr.js").headers["content-type"].startswith("text/javascript")

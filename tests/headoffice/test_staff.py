"""The managers' staff endpoints (``headoffice.staff`` behind ``staff_api``): register,
change and list the staff whose approvals the tills' events carry, each change audited."""

from __future__ import annotations

from sqlalchemy import text

from tests.headoffice.conftest import ADMIN, HQ


def _audit(hq: HQ, subject: str) -> list[dict[str, object]]:
    with hq.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT detail FROM admin_log WHERE action = 'staff.put' AND subject = :s "
                 "ORDER BY id"),
            {"s": subject},
        ).all()  # fmt: skip
    return [r[0] for r in rows]


def test_staff_are_registered_changed_listed_and_every_change_audited(hq: HQ) -> None:
    with hq.client(ADMIN) as c:
        made = c.put("/api/v1/staff/SV77", json={"name": "王芳", "role": "supervisor"})
        assert made.status_code == 200, made.text
        assert made.json() == {"id": "SV77", "name": "王芳", "role": "supervisor", "active": True}
        changed = c.put(
            "/api/v1/staff/SV77", json={"name": "王芳", "role": "manager", "active": False}
        )
        assert changed.status_code == 200, changed.text
        listed = {s["id"]: s for s in c.get("/api/v1/staff").json()}
    assert listed["SV77"] == {"id": "SV77", "name": "王芳", "role": "manager", "active": False}
    ids = list(listed)
    assert ids == sorted(ids)
    assert _audit(hq, "SV77") == [
        {"role": "supervisor", "active": True},
        {"role": "manager", "active": False},
    ]


def test_a_role_head_office_does_not_know_is_refused_and_nothing_is_written(hq: HQ) -> None:
    with hq.client(ADMIN) as c:
        bad = c.put("/api/v1/staff/XX01", json={"name": "李雷", "role": "owner"})
        assert bad.status_code == 422
        assert bad.json()["code"] == "invalid"
        assert "XX01" not in {s["id"] for s in c.get("/api/v1/staff").json()}
    assert _audit(hq, "XX01") == []


def test_staff_endpoints_need_the_managers_token(hq: HQ) -> None:
    with hq.client(hq.token()) as c:
        assert c.get("/api/v1/staff").status_code == 401
        assert c.put("/api/v1/staff/SV78", json={"name": "x", "role": "cashier"}).status_code == 401

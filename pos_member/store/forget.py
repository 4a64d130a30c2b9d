"""What the till forgets of a member head office erased or restricted (issue 18).

Called by the pull (``sync.apply``) in the page's transaction, after the member's
row lost its personal columns (``store.pii.erased_columns``). Balances, ledgers,
sales and coupons stay under the member id (money is never erased); what else
names the person goes:

- ``member_profiles``: gender and the consent's wording (the consent's time stays:
  it is the record that the member once agreed);
- ``member_device_keys``: the member's phone keys (no member code of theirs works);
- ``held_sales``: a held basket no longer carries the member (recalled, it is a
  basket without a member, and the counter cannot attach them again);

Receipts in the reprint queue are rebuilt from the database when printed, so they
show the emptied row (no name, no phone). Rows the ledgers' triggers keep
(``audit_log``, ``sales``) never held a name or phone in plain text.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, bindparam, text

TESTED_IN = "tests/sync/test_erasure_feed.py"


def forget_member_copies(conn: Connection, member_ids: list[int]) -> None:
    if not member_ids:
        return
    ids = {"ids": member_ids}

    def run(sql: str) -> None:
        conn.execute(text(sql).bindparams(bindparam("ids", expanding=True)), ids)

    run("UPDATE member_profiles SET gender = NULL, consent_version = NULL WHERE member_id IN :ids")
    run("DELETE FROM member_device_keys WHERE member_id IN :ids")
    held = conn.execute(
        text("SELECT sale_id, draft FROM held_sales WHERE member_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        ids,
    ).all()
    for sale_id, draft in held:
        doc = json.loads(draft) if isinstance(draft, str) else dict(draft)
        doc["member_id"] = None
        conn.execute(
            text("UPDATE held_sales SET member_id = NULL, draft = :d WHERE sale_id = :s"),
            {"d": json.dumps(doc, ensure_ascii=False), "s": sale_id},
        )

"""Members' personal fields as the till keeps them (issue 18, docs/privacy.md).

The counter needs to *recognise* a member, not to know them: a ``members`` row
holds the masked name (张*) and masked phone (138****5678) it shows, the last
four digits the phone-ending pick list searches, and a keyed hash (HMAC-SHA256,
``Sealer.blind_index``) of the normalised phone and of the full name for exact
lookups. The full name and phone are kept *sealed* (AES-256-GCM under the data
key in ``data.key`` beside the database file, never inside it) for the roles
that need them: the manager window, the PIN reset's identity check, the 退卡
holder check, the push to head office. A plain SHA-256 of an 11-digit phone
would be reversed by trying the 10^10 numbers; without the key the HMAC cannot be.

The outbox keeps the same rule: a pending event's personal fields (``name``,
``phone``, ``contact`` at any depth) are moved into one sealed ``_pii`` value
when the row is written and put back only when the event is pushed.

Nothing here logs a value.
"""

from __future__ import annotations

import base64
import hmac
import json
import secrets
import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection

from pos_member.domain.cards import mask_name, mask_phone
from pos_member.sealing import Sealer, SealError, default_key_path

TESTED_IN = "tests/store/test_pii_migration.py"

NAME = "member.name"
PHONE = "member.phone"
OUTBOX = "outbox.pii"
#: The buyer's (or holder's) name and contact in ``real_name_records`` (migration 0124).
REAL_NAME = "real_name.name"
REAL_CONTACT = "real_name.contact"
#: The payload keys sealed in outbox rows, wherever they appear.
PII_KEYS = frozenset({"name", "phone", "contact"})
SEALED_KEY = "_pii"
#: Subtrees that name goods, not people (a sale's lines): left as written, and not walked
#: (a 50-line sale would otherwise seal its product names, 0.16 ms for nothing).
GOODS_KEYS = frozenset({"lines", "no_receipt_lines"})

#: Member statuses the counter never finds by phone, name or search (head office's
#: erasure or restriction; ``sync.apply``).
HIDDEN_STATUSES = ("erased", "restricted")

#: The columns a ``members`` row holds about the person (all of them emptied by erasure).
PERSONAL_COLUMNS = (
    "name_masked",
    "name_sealed",
    "name_index",
    "phone_index",
    "phone_last4",
    "phone_masked",
    "phone_sealed",
)


@cache
def sealer_at(db_path: Path) -> Sealer:
    """The data key for the database at ``db_path`` (``POS_MEMBER_DATA_KEY_FILE``, else
    ``data.key`` beside it; created 0600 on first use)."""
    return Sealer.from_file(default_key_path(db_path))


def db_file(conn: Connection | sqlite3.Connection) -> Path:
    """The main database file of a connection."""
    rows: list[Any]
    if isinstance(conn, sqlite3.Connection):
        rows = conn.execute("PRAGMA database_list").fetchall()
    else:
        rows = list(conn.exec_driver_sql("PRAGMA database_list").fetchall())
    for _seq, name, file in rows:
        if name == "main" and file:
            return Path(file)
    raise RuntimeError("an in-memory database has no data key beside it")


def sealer_of(conn: Connection | sqlite3.Connection) -> Sealer:
    return sealer_at(db_file(conn))


#: Hex digits of the phone's HMAC kept (80 bits): collisions among 10^7 members have a
#: chance below 10^-10, and guessing a phone from it still needs the key.
PHONE_INDEX_HEX = 20


@cache
def _keys(sealer: Sealer) -> tuple[bytes, bytes, AESGCM]:
    """The sub-keys ``Sealer`` derives on every call, derived once per data key: the
    phone lookup at the counter and a seed of a million members pay for one HMAC and
    one AES-GCM each, not for the derivations too. Same values as ``Sealer``'s."""
    sub = sealer._subkey  # the same derivation, cached
    return sub("index:" + PHONE), sub("index:" + NAME), AESGCM(sub("seal"))


def phone_index(sealer: Sealer, phone: str) -> str:
    """The keyed hash a normalised 11-digit phone is looked up by
    (``Sealer.blind_index(phone, PHONE)``, its first ``PHONE_INDEX_HEX`` digits)."""
    return hmac.digest(_keys(sealer)[0], phone.encode("utf-8"), "sha256").hex()[:PHONE_INDEX_HEX]


def name_index(sealer: Sealer, name: str) -> str:
    """``Sealer.blind_index(name, NAME)`` of the stripped full name."""
    return hmac.digest(_keys(sealer)[1], name.strip().encode("utf-8"), "sha256").hex()


def _seal(sealer: Sealer, text: str, purpose: str) -> str:
    """``Sealer.seal`` with the cached cipher (same format: ``s1:`` + nonce + sealed)."""
    nonce = secrets.token_bytes(12)
    ct = _keys(sealer)[2].encrypt(nonce, text.encode("utf-8"), purpose.encode("utf-8"))
    return "s1:" + base64.urlsafe_b64encode(nonce + ct).decode("ascii")


def member_columns(sealer: Sealer, name: str | None, phone: str | None) -> dict[str, Any]:
    """The ``members`` columns for a person's name and (normalised) phone."""
    n = (name or "").strip()
    p = (phone or "").strip()
    return {
        "name_masked": mask_name(n),
        "name_sealed": _seal(sealer, n, NAME) if n else None,
        "name_index": name_index(sealer, n) if n else None,
        "phone_index": phone_index(sealer, p) if p else None,
        "phone_last4": p[-4:] if p else None,
        "phone_masked": mask_phone(p) if p else None,
        "phone_sealed": _seal(sealer, p, PHONE) if p else None,
    }


def erased_columns() -> dict[str, Any]:
    """What erasure leaves of the person: nothing (balances stay under the member id)."""
    return {c: ("" if c == "name_masked" else None) for c in PERSONAL_COLUMNS}


def open_or_empty(sealer: Sealer, sealed: str | None, purpose: str) -> str:
    """The full value of a sealed column; "" when erased or absent, or (logged nowhere)
    when it does not open under this key (a database moved without its key)."""
    if not sealed:
        return ""
    try:
        return sealer.open(sealed, purpose)
    except SealError:
        return ""


def full_name(sealer: Sealer, sealed: str | None) -> str:
    return open_or_empty(sealer, sealed, NAME)


def full_phone(sealer: Sealer, sealed: str | None) -> str:
    return open_or_empty(sealer, sealed, PHONE)


def real_name_columns(sealer: Sealer, name: str, contact: str | None) -> dict[str, Any]:
    """The ``real_name_records`` columns for a buyer's name and contact: masked name for
    the screen, both values sealed (the prepaid-card law keeps them; the file must not)."""
    n = (name or "").strip()
    c = (contact or "").strip()
    return {
        "name_masked": mask_name(n),
        "name_sealed": _seal(sealer, n, REAL_NAME) if n else "",
        "contact_sealed": _seal(sealer, c, REAL_CONTACT) if c else None,
    }


# --- outbox payloads --------------------------------------------------------------------


def _pull(node: Any, path: str, out: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        kept: dict[str, Any] = {}
        for k, v in node.items():
            here = f"{path}/{k}"
            if k in PII_KEYS and isinstance(v, str) and v:
                out[here] = v
            elif k in GOODS_KEYS:
                kept[k] = v
            else:
                kept[k] = _pull(v, here, out)
        return kept
    if isinstance(node, list):
        return [_pull(v, f"{path}/{i}", out) for i, v in enumerate(node)]
    return node


def seal_payload(sealer: Sealer, payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` with its personal fields moved into one sealed ``_pii`` value."""
    found: dict[str, Any] = {}
    kept = _pull(payload, "", found)
    if not found:
        return payload
    blob = json.dumps(found, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return {**kept, SEALED_KEY: sealer.seal(blob, OUTBOX)}


def _put(node: Any, parts: list[str], value: Any) -> None:
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        key: Any = int(part) if isinstance(node, list) else part
        if last:
            node[key] = value
        else:
            node = node[key]


def open_payload(sealer: Sealer, payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as the service wrote it (the personal fields put back), for the push."""
    sealed = payload.get(SEALED_KEY)
    if not isinstance(sealed, str):
        return payload
    out: dict[str, Any] = json.loads(
        json.dumps({k: v for k, v in payload.items() if k != SEALED_KEY})
    )
    try:
        found = json.loads(sealer.open(sealed, OUTBOX))
    except SealError:
        return out  # erased since (or the key lost): the event goes without them
    for path, value in found.items():
        _put(out, path.split("/")[1:], value)
    return out

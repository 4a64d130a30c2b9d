"""From the services' outbox payloads to the wire's event payloads.

The services write what happened at the counter in their own words (a sale
with its tenders and how much principal and bonus each stored-value tender
took; a refund with the money going back per bucket; a recharge with its
principal and bonus). Head office wants the ledger effects spelled out
(``schemas.SalePayload`` and friends). This module is the one place that
translates; a payload already in wire form passes unchanged, and kinds
head office only records (``shift.closed``, ``member.updated``...) pass as
they are. The prepaid-card kinds (``recharge.reversed``, ``card.closed``) are
written in wire form by the services and pass unchanged.
"""

from __future__ import annotations

from typing import Any

from pos_member.domain.events import EventKind
from pos_member.domain.tenders import SV_BONUS, SV_PRINCIPAL, TenderBucket


def _tender(t: dict[str, Any]) -> dict[str, Any]:
    out = {"kind": t["kind"], "amount_fen": int(t["amount_fen"])}
    if t.get("method"):
        out["method"] = t["method"]
    if t.get("points"):
        out["points"] = int(t["points"])
    return out


def _line(ln: dict[str, Any]) -> dict[str, Any]:
    return {
        "line_no": int(ln["line_no"]),
        "product_code": str(ln.get("product_code") or "")[:32],
        "units": int(ln.get("grams") or 0) or int(ln.get("quantity") or 0),
        "net_fen": int(ln.get("net_fen") or 0),
        "points_earned": int(ln.get("points_earned") or 0),
        "points_paid": int(ln.get("points_paid") or 0),
    }


def _refund_lines(lines: Any) -> list[dict[str, int]]:
    if not isinstance(lines, dict):
        return []
    return [
        {"line_no": int(k), "units": int(v)}
        for k, v in sorted(lines.items(), key=lambda kv: int(kv[0]))
    ]


def _date(payload: dict[str, Any]) -> str:
    return str(payload.get("business_date") or str(payload.get("created_at", ""))[:10])


def to_wire(kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The wire payload for an outbox row of ``kind``."""
    if kind == EventKind.SALE and "sv_principal_fen" not in payload:
        sv = [t for t in payload.get("tenders", []) if t.get("kind") == "stored_value"]
        out = {
            "sale_id": payload["sale_id"],
            "receipt_no": payload["receipt_no"],
            "business_date": _date(payload),
            "member_id": payload.get("member_id"),
            "offline": bool(payload.get("offline", False)),
            "total_fen": int(payload["total_fen"]),
            "tenders": [_tender(t) for t in payload.get("tenders", [])],
            # Tenders record what was taken (positive); the ledger moves the other way.
            "sv_principal_fen": -sum(int(t.get("sv_principal_fen", 0)) for t in sv),
            "sv_bonus_fen": -sum(int(t.get("sv_bonus_fen", 0)) for t in sv),
            "points_earned": int(payload.get("points_earned", 0)),
            "points_redeemed": int(payload.get("points_redeemed", 0)),
        }
        for k in (
            "card_number",
            "id_method",
            "rules_version",
            "coupon_codes",
            "original_sale_id",
            "hold_id",
        ):
            if payload.get(k) is not None:
                out[k] = payload[k]
        if payload.get("lines"):
            out["lines"] = [_line(ln) for ln in payload["lines"]]
        return out
    if kind == EventKind.REFUND and "buckets" in payload:
        buckets = {k: int(v) for k, v in payload["buckets"].items()}
        principal = buckets.pop(SV_PRINCIPAL, 0)
        bonus = buckets.pop(SV_BONUS, 0)
        points_value = buckets.pop("points", 0)
        given_back = int(payload.get("points_given_back", 0))
        tenders: list[dict[str, Any]] = []
        if principal or bonus:
            tenders.append({"kind": "stored_value", "amount_fen": -(principal + bonus)})
        if points_value or given_back:
            tenders.append({"kind": "points", "amount_fen": -points_value, "points": -given_back})
        for name, v in sorted(buckets.items()):
            b = TenderBucket.parse(name)
            t = {"kind": b.kind, "amount_fen": -v}
            if b.method:
                t["method"] = b.method[:16]
            tenders.append(t)
        return {
            "sale_id": payload.get("refund_id") or payload["sale_id"],
            "original_sale_id": payload.get("sale_id"),
            "receipt_no": payload["receipt_no"],
            "business_date": _date(payload),
            "member_id": payload.get("member_id"),
            "offline": bool(payload.get("offline", False)),
            "total_fen": -sum(int(v) for v in payload["buckets"].values()),
            "tenders": tenders,
            "sv_principal_fen": principal,
            "sv_bonus_fen": bonus,
            "points_earned": -int(payload.get("points_taken_back", 0)),
            "points_redeemed": -given_back,
            # Which of the sale's lines, and how many units of each, come back.
            **({"lines": _refund_lines(payload["lines"])} if payload.get("lines") else {}),
            # A card in the member's name took the stored value (the cap; the law).
            **(
                {"sv_member_id": int(payload["sv_member_id"])}
                if payload.get("sv_member_id")
                else {}
            ),
            # Coupons a whole refund gives back: usable again, at every store.
            **({"coupon_codes": payload["coupons_back"]} if payload.get("coupons_back") else {}),
            # A refund without a receipt (无单退货): its goods by product code, no sale.
            **(
                {"no_receipt": True, "lines": payload["no_receipt_lines"]}
                if payload.get("no_receipt")
                else {}
            ),
        }
    if kind == EventKind.RECHARGE and "amount_fen" not in payload:
        return {
            "member_id": payload["member_id"],
            "receipt_no": payload.get("receipt_no", ""),
            "business_date": _date(payload),
            "amount_fen": int(payload["principal_fen"]),
            "bonus_fen": int(payload.get("bonus_fen", 0)),
            "tenders": [_tender(t) for t in payload.get("tenders", [])],
            "offline": bool(payload.get("offline", False)),
            # The prepaid-card law's fields (``schemas.RechargePayload``), when present.
            **{
                k: payload[k]
                for k in ("card_class", "cap_fen", "balance_after_fen", "buyer", "bank_transfer")
                if payload.get(k) is not None
            },
        }
    if kind == EventKind.MEMBER_REGISTERED:
        keep = (
            "member_id", "name", "phone", "birthday", "tier_code", "joined_on", "card_number",
            "card_uid", "card_kind", "pay_pin_hash", "gender", "consent_at", "consent_version",
            "anonymous", "card_class", "card_expires_on",
        )  # fmt: skip
        return {k: payload[k] for k in keep if payload.get(k) is not None}
    return payload

"""The programme as forms: tiers and their discounts, points, the recharge bonus table,
the sign-up coupon and the promotions, each field checked here with a message in the
person's language; then the domain's own checks (``ProgrammeRules.from_dict``, whose
promotion messages are bilingual and are said in the person's half). A draft is
checked against the live version (``diff``), priced on a sample cart under both with
the till's ``pricing.price_sale``, scheduled by ``effective_from`` and published
through ``programme.publish_rules``; an earlier version is rolled back to by
publishing a copy of it as a new version. Every publish is audited.

The fields the forms do not show (prepaid law, card numbers, count cards...) ride
along untouched in the draft's ``base`` document. The JSON editor stays at
``/console/programme/advanced``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from fastapi.responses import Response
from markupsafe import Markup, escape
from sqlalchemy import Connection, select

from pos_member.domain.cart import MAX_QUANTITY, MAX_WEIGHT_G, CartLine, Product
from pos_member.domain.errors import UserFacingError
from pos_member.domain.money import Money
from pos_member.domain.pricing import MemberSnapshot, PricedSale, price_sale
from pos_member.domain.promotions import STORE_TZ, PromotionInvalid, PromotionKind
from pos_member.domain.promotions import promotion_from_dict as promotion_of
from pos_member.domain.rules import BirthdayWindow, CouponKind, ExpiryPolicy, ProgrammeRules
from pos_member.headoffice import models as m
from pos_member.headoffice import programme
from pos_member.headoffice.console import accounts
from pos_member.headoffice.console.accounts import Can
from pos_member.headoffice.console.diff import document_diff
from pos_member.headoffice.console.routes import PREFIX, Ctx, _back, _day, _window_words, _yuan
from pos_member.headoffice.validate import EventRefused

TESTED_IN = "tests/headoffice/console/test_console_programme_forms.py"

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
#: One item of a list field (SKUs, categories, tier codes): no separators, at most 32.
ITEM_RE = re.compile(r"^[^\s,，、;；:：]{1,32}$")
YUAN_RE = re.compile(r"^\d{1,9}(?:\.\d{1,2})?$")
NUMBER_RE = re.compile(r"^\d{1,3}(?:\.\d{1,4})?$")
LIST_SPLIT = re.compile(r"[,，、\s]+")
PAIR_SPLIT = re.compile(r"[:：]")
STEP_SPLIT = re.compile(r"[;；\n]+")
CART_ROWS = 4
HUNDRED = Decimal(100)

#: The fields of each kind of promotion beyond those every promotion has.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    PromotionKind.SPECIAL_PRICE: ("prices",),
    PromotionKind.QUANTITY_BREAK: ("steps",),
    PromotionKind.NTH_ITEM: ("nth", "rate"),
    PromotionKind.BUY_GET: ("buy", "get", "gift_sku"),
    PromotionKind.PERCENT_OFF: ("rate",),
    PromotionKind.SPEND_PERCENT: ("steps",),
    PromotionKind.SPEND_OFF: ("steps",),
    PromotionKind.EVERY_OFF: ("every", "off", "cap"),
    PromotionKind.ADD_ON: ("threshold", "gift_sku", "add_on_price", "add_on_units"),
}


def domain_words(message: str, lang: str) -> str:
    """A domain message written "中文 / English" (``promotions``) in the person's half; the
    code and name before a "：" stay as they are. Other messages are said as they are."""
    head, sep, rest = message.partition("：")
    if not sep:
        head, rest = "", message
    zh, slash, en = rest.partition(" / ")
    if not slash:
        return message
    said = zh if lang == "zh_CN" else en
    if not head:
        return said
    return f"{head}：{said}" if lang == "zh_CN" else f"{head}: {said}"


# --- a document as field values, and back ----------------------------------------


def _plain(fen: Any) -> str:
    """Fen as yuan for an input field: 1000 -> '10', 990 -> '9.90'."""
    return Money(int(fen)).plain().removesuffix(".00")


def _pct(rate: Any) -> str:
    """0.95 -> '95', 0.925 -> '92.5', 1 -> '100': the share of the price paid."""
    return format((Decimal(str(rate)) * HUNDRED).normalize(), "f")


def _num(value: Any) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def _steps_text(kind: str, steps: list[dict[str, Any]]) -> str:
    parts = []
    for s in steps:
        if kind == PromotionKind.SPEND_OFF:
            parts.append(f"{_plain(s['threshold'])}:{_plain(s.get('off', 0))}")
        elif kind == PromotionKind.SPEND_PERCENT:
            parts.append(f"{_plain(s['threshold'])}:{_pct(s.get('rate', 1))}")
        else:
            parts.append(f"{s['threshold']}:{_pct(s.get('rate', 1))}")
    return "; ".join(parts)


def values_of(doc: Mapping[str, Any]) -> dict[str, str]:
    """The form's field values for ``doc`` (a rules document)."""
    v: dict[str, str] = {}
    tiers = list(doc.get("tiers", ()))
    for i, t in enumerate(tiers):
        v |= {f"tier.{i}.code": str(t["code"]), f"tier.{i}.orig": str(t["code"]),
              f"tier.{i}.name": str(t["name"]), f"tier.{i}.rank": str(t["rank"]),
              f"tier.{i}.discount": _pct(t["discount_rate"]),
              f"tier.{i}.multiplier": _num(t["points_multiplier"]),
              f"tier.{i}.upgrade": _plain(t["upgrade_spend"])}  # fmt: skip
    v["tier.rows"] = str(len(tiers) + 1)
    earn, redeem = doc.get("earn", {}), doc.get("redeem", {})
    v |= {
        "earn.spend_per_point": _plain(earn.get("spend_per_point", 100)),
        "earn.minimum_spend": _plain(earn.get("minimum_spend", 0)),
        "earn.points_paid_earns": "1" if earn.get("points_paid_earns") else "",
        "earn.redeeming_earns_none": "1" if earn.get("redeeming_earns_none") else "",
        "redeem.points_per_unit": str(redeem.get("points_per_unit", 100)),
        "redeem.unit_value": _plain(redeem.get("unit_value", 100)),
        "redeem.max_share": _pct(redeem.get("max_share", 1)),
    }
    expiry, birthday = doc.get("expiry", {}), doc.get("birthday", {})
    v |= {
        "expiry.policy": str(expiry.get("policy", ExpiryPolicy.END_OF_NEXT_YEAR.value)),
        "expiry.days": str(expiry.get("days", 365)),
        "birthday.window": str(birthday.get("window", BirthdayWindow.MONTH.value)),
        "birthday.points_multiplier": _num(birthday.get("points_multiplier", 2)),
        "birthday.extra_discount": _pct(birthday.get("extra_discount_rate", 1)),
        "referral_points": str(doc.get("referral_points", 0)),
        "card_fee": _plain(doc.get("card_fee", 0)),
        "replacement_fee": _plain(doc.get("replacement_fee", 0)),
    }
    table = list(doc.get("stored_value", {}).get("bonus_table", ()))
    for i, r in enumerate(table):
        v[f"bonus.{i}.threshold"] = _plain(r["threshold"])
        v[f"bonus.{i}.bonus"] = _plain(r["bonus"])
    v["bonus.rows"] = str(len(table) + 2)
    c = doc.get("signup_coupon")
    v["signup.on"] = "1" if c else ""
    c = c or {"name": "", "kind": "amount_off", "value": 0, "rate": "1", "minimum_spend": 0,
              "valid_days": 90, "stackable": False}  # fmt: skip
    v |= {"signup.name": str(c["name"]), "signup.kind": str(c["kind"]),
          "signup.value": _plain(c["value"]), "signup.rate": _pct(c["rate"]),
          "signup.minimum_spend": _plain(c["minimum_spend"]),
          "signup.valid_days": str(c["valid_days"]),
          "signup.stackable": "1" if c["stackable"] else ""}  # fmt: skip
    promos = list(doc.get("promotions", ()))
    for i, p in enumerate(promos):
        v |= _promotion_values(i, p)
    v["promo.rows"] = str(len(promos) + 1)
    return v


def _promotion_values(i: int, p: Mapping[str, Any]) -> dict[str, str]:
    w, au, sc = p.get("window", {}), p.get("audience", {}), p.get("scope", {})
    hours = w.get("hours")
    k = f"promo.{i}."
    v = {
        k + "code": str(p["code"]), k + "orig": str(p["code"]), k + "kind": str(p["kind"]),
        k + "name": str(p.get("name", "")), k + "since": str(w.get("since") or ""),
        k + "until": str(w.get("until") or ""),
        k + "weekdays": ",".join(str(d) for d in w.get("weekdays", ())),
        k + "hours": f"{hours[0]}-{hours[1]}" if hours else "",
        k + "members_only": "1" if au.get("members_only") else "",
        k + "tiers": ",".join(au.get("tiers", ())), k + "skus": ",".join(sc.get("skus", ())),
        k + "categories": ",".join(sc.get("categories", ())),
        k + "exclude": ",".join(sc.get("exclude_skus", ())),
        k + "group": str(p.get("exclusive_group", "")), k + "priority": str(p.get("priority", 0)),
    }  # fmt: skip
    kind = str(p["kind"])
    for f in KIND_FIELDS.get(kind, ()):
        if f == "steps":
            v[k + f] = _steps_text(kind, list(p.get("steps", ())))
        elif f == "prices":
            v[k + f] = "; ".join(f"{s}:{_plain(fen)}" for s, fen in p.get("prices", ()))
        elif f == "rate":
            v[k + f] = _pct(p.get("rate", 1))
        elif f in ("every", "off", "cap", "add_on_price", "threshold"):
            v[k + f] = _plain(p.get(f, 0))
        else:
            v[k + f] = str(p.get(f, ""))
    return v


@dataclass
class Draft:
    """A draft document from the form, with each field's problem (field -> message)."""

    doc: dict[str, Any]
    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.general


class _Reader:
    """Reads and checks the form's fields, noting each field's first problem."""

    def __init__(self, values: Mapping[str, str], t: Callable[..., str]) -> None:
        self.v, self.t = values, t
        self.errors: dict[str, str] = {}

    def s(self, name: str) -> str:
        return self.v.get(name, "").strip()

    def on(self, name: str) -> bool:
        return self.v.get(name, "") not in ("", "0")

    def fail(self, name: str, key: str, **values: Any) -> None:
        self.errors.setdefault(name, self.t(key, **values))

    def yuan(self, name: str, positive: bool = False) -> int | None:
        raw = self.s(name).replace(",", "").replace("¥", "").replace("，", "")
        if raw == "" and not positive:
            return 0
        if not YUAN_RE.match(raw):
            self.fail(name, "prog.f.yuan")
            return None
        fen = int(Decimal(raw) * 100)
        if positive and fen <= 0:
            self.fail(name, "prog.f.positive")
            return None
        return fen

    def _number(self, name: str) -> Decimal | None:
        raw = self.s(name).replace("%", "")
        if not NUMBER_RE.match(raw):
            return None
        try:
            return Decimal(raw)
        except InvalidOperation:  # pragma: no cover - the pattern allows only numbers
            return None

    def paid(self, name: str, free_ok: bool = False) -> str | None:
        """A share of the price paid in percent (95) as the document's rate ("0.95")."""
        n = self._number(name)
        if n is None or n > HUNDRED or (n <= 0 and not (free_ok and n == 0)):
            self.fail(name, "prog.f.share" if free_ok else "prog.f.percent")
            return None
        return format((n / HUNDRED).normalize(), "f")

    def share(self, name: str) -> str | None:
        n = self._number(name)
        if n is None or n > HUNDRED:
            self.fail(name, "prog.f.share")
            return None
        return format((n / HUNDRED).normalize(), "f")

    def factor(self, name: str) -> str | None:
        n = self._number(name)
        if n is None or n > HUNDRED:
            self.fail(name, "prog.f.factor")
            return None
        return format(n.normalize(), "f")

    def whole(self, name: str, lo: int, hi: int) -> int | None:
        raw = self.s(name)
        if not raw.isdigit() or not (lo <= int(raw) <= hi):
            self.fail(name, "prog.f.whole", lo=lo, hi=hi)
            return None
        return int(raw)

    def code(self, name: str) -> str | None:
        raw = self.s(name)
        if not CODE_RE.match(raw):
            self.fail(name, "prog.f.need_code")
            return None
        return raw

    def codes(self, name: str) -> list[str]:
        out = [c for c in LIST_SPLIT.split(self.s(name)) if c]
        if any(not ITEM_RE.match(c) for c in out):
            self.fail(name, "prog.f.list")
        return out

    def day(self, name: str) -> str | None:
        raw = self.s(name)
        if not raw:
            return None
        if _day(raw) is None:
            self.fail(name, "prog.f.day_bad")
        return raw

    def rows(self, name: str, most: int = 200) -> int:
        raw = self.s(name)
        return min(int(raw), most) if raw.isdigit() else 0


def draft_of(base: Mapping[str, Any], values: Mapping[str, str], t: Callable[..., str],
             lang: str) -> Draft:  # fmt: skip
    """The document the form says, on top of ``base`` (what the forms do not show)."""
    r = _Reader(values, t)
    doc: dict[str, Any] = json.loads(json.dumps({k: v for k, v in base.items() if k != "version"}))
    doc["tiers"] = _tiers(r, base)
    doc["earn"] = {**doc.get("earn", {}), "spend_per_point": r.yuan("earn.spend_per_point", True),
                   "minimum_spend": r.yuan("earn.minimum_spend"),
                   "points_paid_earns": r.on("earn.points_paid_earns"),
                   "redeeming_earns_none": r.on("earn.redeeming_earns_none")}  # fmt: skip
    doc["redeem"] = {"points_per_unit": r.whole("redeem.points_per_unit", 1, 1_000_000),
                     "unit_value": r.yuan("redeem.unit_value", True),
                     "max_share": r.share("redeem.max_share")}  # fmt: skip
    policy = r.s("expiry.policy")
    if policy not in {p.value for p in ExpiryPolicy}:
        r.fail("expiry.policy", "prog.f.kind_bad")
    doc["expiry"] = {"policy": policy, "days": r.whole("expiry.days", 1, 3650)}
    window = r.s("birthday.window")
    if window not in {w.value for w in BirthdayWindow}:
        r.fail("birthday.window", "prog.f.kind_bad")
    doc["birthday"] = {"window": window,
                       "points_multiplier": r.factor("birthday.points_multiplier"),
                       "extra_discount_rate": r.paid("birthday.extra_discount")}  # fmt: skip
    doc["referral_points"] = r.whole("referral_points", 0, 1_000_000)
    doc["card_fee"] = r.yuan("card_fee")
    doc["replacement_fee"] = r.yuan("replacement_fee")
    doc["stored_value"] = {**doc.get("stored_value", {}), "bonus_table": _bonus_table(r)}
    doc["signup_coupon"] = _signup(r)
    doc["promotions"] = _promotions(r, base, lang)
    draft = Draft(doc, dict(values), r.errors)
    if draft.errors:
        draft.general.append(t("prog.f.fix"))
        return draft
    try:
        ProgrammeRules.from_dict({**doc, "version": 1})
    except (KeyError, ValueError, TypeError, ArithmeticError) as exc:
        draft.general.append(t("prog.invalid", detail=domain_words(str(exc), lang)))
    return draft


def _tiers(r: _Reader, base: Mapping[str, Any]) -> list[dict[str, Any]]:
    by_code = {t["code"]: t for t in base.get("tiers", ())}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i in range(r.rows("tier.rows")):
        k = f"tier.{i}."
        if r.on(k + "remove"):
            continue
        if not any(r.s(k + f) for f in ("code", "name", "discount", "upgrade")):
            continue  # the empty row for a new tier, left empty
        code = r.code(k + "code")
        if code is not None and code in seen:
            r.fail(k + "code", "prog.f.dup_code", code=code)
        seen.add(code or "")
        if not r.s(k + "name"):
            r.fail(k + "name", "prog.f.need_name")
        old = by_code.get(r.s(k + "orig"), {})
        out.append({**old, "code": code, "name": r.s(k + "name")[:32],
                    "rank": r.whole(k + "rank", 0, 99), "discount_rate": r.paid(k + "discount"),
                    "points_multiplier": r.factor(k + "multiplier"),
                    "upgrade_spend": r.yuan(k + "upgrade"), "colour": old.get("colour", "#808080"),
                    "_row": i})  # fmt: skip
    if not out:
        r.fail("tier.0.code", "prog.f.need_tier")
    ranked = sorted((t for t in out if t["rank"] is not None and t["upgrade_spend"] is not None),
                    key=lambda t: t["rank"])  # fmt: skip
    for lower, higher in pairwise(ranked):
        if higher["upgrade_spend"] < lower["upgrade_spend"]:
            r.fail(f"tier.{higher['_row']}.upgrade", "prog.f.upgrade_order")
    for t in out:
        del t["_row"]
    return out


def _bonus_table(r: _Reader) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    for i in range(r.rows("bonus.rows")):
        k = f"bonus.{i}."
        if not r.s(k + "threshold") and not r.s(k + "bonus"):
            continue
        threshold = r.yuan(k + "threshold", positive=True)
        bonus = r.yuan(k + "bonus")
        if threshold is not None and threshold in seen:
            r.fail(k + "threshold", "prog.f.dup_code", code=_plain(threshold))
        seen.add(threshold or 0)
        rows.append({"threshold": threshold, "bonus": bonus})
    return sorted(rows, key=lambda x: x["threshold"] or 0)


def _signup(r: _Reader) -> dict[str, Any] | None:
    if not r.on("signup.on"):
        return None
    kind = r.s("signup.kind")
    if kind not in {k.value for k in CouponKind}:
        r.fail("signup.kind", "prog.f.kind_bad")
    if not r.s("signup.name"):
        r.fail("signup.name", "prog.f.need_name")
    percent = kind == CouponKind.PERCENT_OFF
    rate = r.paid("signup.rate") if percent else "1"
    if percent and rate == "1":
        r.fail("signup.rate", "prog.f.percent_off")
    return {"name": r.s("signup.name")[:64], "kind": kind,
            "valid_days": r.whole("signup.valid_days", 1, 3650),
            "value": 0 if percent else r.yuan("signup.value", positive=True), "rate": rate,
            "minimum_spend": r.yuan("signup.minimum_spend"),
            "stackable": r.on("signup.stackable")}  # fmt: skip


def _promotions(r: _Reader, base: Mapping[str, Any], lang: str) -> list[dict[str, Any]]:
    by_code = {p["code"]: p for p in base.get("promotions", ())}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for i in range(r.rows("promo.rows")):
        k = f"promo.{i}."
        if r.on(k + "remove") or not (r.s(k + "code") or r.s(k + "name")):
            continue
        code = r.code(k + "code")
        if code is not None and code in seen:
            r.fail(k + "code", "prog.f.dup_code", code=code)
        seen.add(code or "")
        kind = r.s(k + "kind")
        if kind not in KIND_FIELDS:
            r.fail(k + "kind", "prog.f.kind_bad")
            continue
        old = by_code.get(r.s(k + "orig"), {})
        if old.get("kind") != kind:
            old = {}
        p = _promotion(r, k, code, kind, old)
        if not any(n.startswith(k) for n in r.errors):
            try:
                promotion_of(p)
            except PromotionInvalid as exc:
                r.errors[k + "row"] = domain_words(str(exc), lang)
        out.append(p)
    return out


def _promotion(r: _Reader, k: str, code: str | None, kind: str,
               old: Mapping[str, Any]) -> dict[str, Any]:  # fmt: skip
    hours: list[int] | None = None
    if r.s(k + "hours"):
        hit = re.match(r"^(\d{1,2})\s*[-–~至]\s*(\d{1,2})$", r.s(k + "hours"))
        if hit is None or not (0 <= int(hit[1]) < int(hit[2]) <= 24):
            r.fail(k + "hours", "prog.f.hours_bad")
        else:
            hours = [int(hit[1]), int(hit[2])]
    weekdays = [d for d in LIST_SPLIT.split(r.s(k + "weekdays")) if d]
    if any(not d.isdigit() or not 1 <= int(d) <= 7 for d in weekdays):
        r.fail(k + "weekdays", "prog.f.weekdays_bad")
        weekdays = []
    since, until = r.day(k + "since"), r.day(k + "until")
    w, au, sc = old.get("window", {}), old.get("audience", {}), old.get("scope", {})
    p: dict[str, Any] = {
        **{f: old[f] for f in old if f not in ("window", "audience", "scope")},
        "code": code, "kind": kind, "name": r.s(k + "name")[:64],
        "window": {"since": since, "until": until, "weekdays": [int(d) for d in weekdays],
                   "hours": hours, "tz": w.get("tz", STORE_TZ)},
        "audience": {"members_only": r.on(k + "members_only"), "tiers": r.codes(k + "tiers"),
                     "stores": list(au.get("stores", ()))},
        "scope": {"skus": r.codes(k + "skus"), "categories": r.codes(k + "categories"),
                  "exclude_skus": r.codes(k + "exclude"), "brands": list(sc.get("brands", ()))},
        "exclusive_group": r.s(k + "group")[:32],
        "priority": r.whole(k + "priority", 0, 999) if r.s(k + "priority") else 0,
    }  # fmt: skip
    for f in KIND_FIELDS[kind]:
        name = k + f
        if name not in r.v:
            continue  # the kind was just chosen: its fields appear on the next page
        if f == "steps":
            p["steps"] = _steps(r, name, kind)
        elif f == "prices":
            p["prices"] = _prices(r, name)
        elif f == "rate":
            p["rate"] = r.paid(name, free_ok=kind == PromotionKind.NTH_ITEM)
        elif f in ("every", "off"):
            p[f] = r.yuan(name, positive=True)
        elif f in ("cap", "add_on_price", "threshold"):
            p[f] = r.yuan(name)
        elif f == "nth":
            p[f] = r.whole(name, 2, 99)
        elif f in ("buy", "get", "add_on_units"):
            p[f] = r.whole(name, 1, 99)
        elif f == "gift_sku":
            p[f] = r.s(name)[:32]
    return p


def _pairs(r: _Reader, name: str, bad: str) -> list[tuple[str, str]] | None:
    out = []
    for part in STEP_SPLIT.split(r.s(name)):
        if not part.strip():
            continue
        # "100:20" or "100：20" (a step typed with Chinese punctuation)
        ab = PAIR_SPLIT.split(part, maxsplit=1)
        if len(ab) != 2 or not ab[0].strip() or not ab[1].strip():
            r.fail(name, bad)
            return None
        out.append((ab[0].strip(), ab[1].strip()))
    return out


def _steps(r: _Reader, name: str, kind: str) -> list[dict[str, Any]]:
    pairs = _pairs(r, name, "prog.f.steps_bad") or []
    scratch = _Reader({"a": "", "b": ""}, r.t)
    steps = []
    for a, b in pairs:
        scratch.v = {"a": a, "b": b}
        if kind == PromotionKind.QUANTITY_BREAK:
            threshold = scratch.whole("a", 1, MAX_QUANTITY)
        else:
            threshold = scratch.yuan("a", positive=True)
        if kind == PromotionKind.SPEND_OFF:
            steps.append({"threshold": threshold, "off": scratch.yuan("b", positive=True),
                          "rate": "1"})  # fmt: skip
        else:
            steps.append({"threshold": threshold, "off": 0, "rate": scratch.paid("b")})
    if scratch.errors:
        r.fail(name, "prog.f.steps_bad")
    return steps


def _prices(r: _Reader, name: str) -> list[list[Any]]:
    pairs = _pairs(r, name, "prog.f.prices_bad") or []
    out: list[list[Any]] = []
    for sku, price in pairs:
        fen = _Reader({"p": price}, r.t).yuan("p")
        if fen is None or not CODE_RE.match(sku):
            r.fail(name, "prog.f.prices_bad")
            continue
        out.append([sku, fen])
    return out


# --- preview: a sample cart under the draft and the live version -------------------


def _product(row: Any) -> Product:
    """Head office's product row as the till's catalogue item."""
    return Product(
        sku=row.code, name=row.name, price=Money(row.price_fen),
        member_price=None if row.member_price_fen is None else Money(row.member_price_fen),
        earns_points=row.earns_points, no_further_discount=not row.discountable,
        sold_by_weight=row.weighed, barcode=row.barcode, category=row.category or "",
    )  # fmt: skip


def products(conn: Connection) -> list[Any]:
    return list(
        conn.execute(
            select(m.ProductRow).where(m.ProductRow.active.is_(True)).order_by(m.ProductRow.code)
            .limit(500)
        ).all()
    )  # fmt: skip


@dataclass
class Side:
    """One column of the preview: the cart priced under one version."""

    title: str
    sale: PricedSale | None = None
    lines: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    note: str = ""


def _cart(ctx: Ctx, conn: Connection) -> tuple[list[CartLine], list[str]]:
    codes = [ctx.f(f"cart.{i}.product") for i in range(CART_ROWS)]
    rows = {}
    wanted = [c for c in codes if c]
    if wanted:
        rows = {
            r.code: r
            for r in conn.execute(select(m.ProductRow).where(m.ProductRow.code.in_(wanted))).all()
        }
    lines: list[CartLine] = []
    errors: list[str] = []
    for i, code in enumerate(codes):
        raw = ctx.f(f"cart.{i}.qty").strip()
        if not code and not raw:
            continue
        row = rows.get(code)
        if row is None:
            errors.append(ctx.t("prog.f.unknown_product"))
            continue
        most = MAX_WEIGHT_G if row.weighed else MAX_QUANTITY
        if not raw.isdigit() or not 1 <= int(raw) <= most:
            errors.append(ctx.t("prog.f.bad_qty"))
            continue
        product = _product(row)
        n = int(raw)
        lines.append(CartLine(len(lines) + 1, product, quantity=1 if row.weighed else n,
                              weight_g=n if row.weighed else None))  # fmt: skip
    if not lines and not errors:
        errors.append(ctx.t("prog.f.cart_empty"))
    return lines, errors


def _price(ctx: Ctx, title: str, rules: ProgrammeRules, lines: list[CartLine], tier: str,
           day: date) -> Side:  # fmt: skip
    side = Side(title)
    member = None
    if tier:
        if tier in {t.code for t in rules.tiers}:
            member = MemberSnapshot("preview", tier)
        else:
            side.note = ctx.t("prog.f.tier_gone", tier=tier)
    at = datetime.combine(day, time(12), ZoneInfo(STORE_TZ))
    try:
        sale = price_sale(lines, member, rules, today=day, at=at)
    except UserFacingError as exc:
        side.error = ctx.t("prog.f.price_refused", detail=exc.message)
        return side
    side.sale = sale
    for pl in sale.lines:
        line = pl.line
        units = f"{line.weight_g} g" if line.product.sold_by_weight else f"×{line.quantity}"
        why = "；".join(a.reason for a in pl.adjustments if a.reason)
        side.lines.append({"name": line.product.name, "units": units,
                           "original": pl.original.fen, "net": pl.net.fen, "why": why})  # fmt: skip
    return side


def preview(ctx: Ctx, draft: Draft) -> dict[str, Any]:
    """Both columns for the sample cart of the form, or the cart's problems."""
    day = (
        _day(ctx.f("cart.day"))
        or _day(ctx.f("effective_from"))
        or date.fromisoformat(programme.chain_today())
    )
    with ctx.begin() as conn:
        lines, errors = _cart(ctx, conn)
        versions = programme.rules_versions(conn)
    if errors or not draft.ok:
        return {"errors": errors, "day": day.isoformat()}
    tier = ctx.f("cart.tier")[:32]
    draft_rules = ProgrammeRules.from_dict({**draft.doc, "version": 0})
    sides = [_price(ctx, ctx.t("prog.f.draft"), draft_rules, lines, tier, day)]
    live = programme.live_version(versions, day.isoformat())
    if live is None:
        sides.append(Side(ctx.t("prog.f.no_live_on"), error=ctx.t("prog.f.no_live_on")))
    else:
        rules = ProgrammeRules.from_dict(live["document"])
        sides.append(_price(ctx, ctx.t("prog.f.live_on", v=live["version"]), rules, lines, tier,
                            day))  # fmt: skip
    delta = ""
    a, b = sides[0].sale, sides[1].sale
    if a is not None and b is not None:
        gap = a.amount_due.fen - b.amount_due.fen
        if gap == 0:
            delta = ctx.t("prog.f.same_total")
        else:
            word = "prog.f.dearer" if gap > 0 else "prog.f.cheaper"
            said = ctx.t(word, amount=str(Money(abs(gap))))
            delta = ctx.t("prog.f.delta", delta=said)
    return {"errors": [], "sides": sides, "delta": delta, "day": day.isoformat()}


# --- the pages ---------------------------------------------------------------------


def _states(versions: list[dict[str, Any]], today: str) -> dict[str, Any] | None:
    live = programme.live_version(versions, today)
    for v in versions:
        if live is not None and v["version"] == live["version"]:
            v["state"] = "live"
        elif v["effective_from"] > today:
            v["state"] = "scheduled"
        else:
            v["state"] = "past"
    return live


def _said(ctx: Ctx, exc: EventRefused) -> str:
    if exc.code == "rules.window":
        return ctx.t("prog.window", detail=_window_words(ctx.lang, exc.detail))
    if exc.code == "rules.invalid":
        detail = domain_words(exc.detail.removeprefix("rules document: "), ctx.lang)
        return ctx.t("prog.invalid", detail=detail)
    return ctx.t("refused", detail=exc.detail)


def _tomorrow() -> str:
    return (date.fromisoformat(programme.chain_today()) + timedelta(days=1)).isoformat()


def forms_view(ctx: Ctx, draft: Draft | None = None, status: int = 200,
               **extra: Any) -> Response:  # fmt: skip
    today = programme.chain_today()
    with ctx.begin() as conn:
        versions = programme.rules_versions(conn)
        goods = products(conn)
    live = _states(versions, today)
    base_version = None
    if draft is None:
        load = ctx.q("load")
        base_version = (
            next((v for v in versions if str(v["version"]) == load), None)
            or live
            or (versions[0] if versions else None)
        )
        doc = {k: v for k, v in (base_version or {}).get("document", {}).items() if k != "version"}
        draft = Draft(doc, values_of(doc))
        draft.values |= {"base": json.dumps(doc, ensure_ascii=False),
                         "from_version": str(base_version["version"]) if base_version else "",
                         "effective_from": _tomorrow(), "effective_until": ""}  # fmt: skip
    else:
        base_version = next(
            (v for v in versions if str(v["version"]) == draft.values.get("from_version")), None
        )
        for rows_of, key in (("tier", "code"), ("bonus", "threshold"), ("promo", "code")):
            n = min(int(draft.values.get(f"{rows_of}.rows", "0") or 0), 200)
            filled = n > 0 and draft.values.get(f"{rows_of}.{n - 1}.{key}", "").strip()
            draft.values[f"{rows_of}.rows"] = str(n + 1 if filled or n == 0 else n)
    tiers = sorted({t["code"] for v in versions for t in v["document"].get("tiers", ())}
                   | {t["code"] for t in draft.doc.get("tiers", ()) if t.get("code")})  # fmt: skip
    return ctx.render(
        "programme_forms.html", status, versions=versions, live=live, draft=draft,
        product_options=_options(goods),
        v=lambda name, default="": draft.values.get(name, default),
        err=lambda name: draft.errors.get(name, ""), base_version=base_version,
        kinds=list(KIND_FIELDS), kind_fields=KIND_FIELDS, products=goods, tiers=tiers,
        cart_rows=CART_ROWS, today=today, rows=lambda name: int(draft.values.get(name, "0") or 0),
        **extra,
    )  # fmt: skip


def _options(goods: list[Any]) -> Callable[[str], Markup]:
    """The products as ``<option>``s, made once per page; each cart row's choice marked
    in its own copy."""
    html = "".join(
        f'<option value="{escape(g.code)}">{escape(g.code)} {escape(g.name)} '
        f"{_yuan(g.price_fen)}{'/kg' if g.weighed else ''}</option>"
        for g in goods
    )

    def marked(code: str) -> Markup:
        if not code:
            return Markup(html)  # every part above is escaped
        mark = f'<option value="{escape(code)}">'
        chosen = f'<option value="{escape(code)}" selected>'
        return Markup(html.replace(mark, chosen, 1))  # escaped as above

    return marked


def _posted_draft(ctx: Ctx) -> Draft:
    try:
        base = json.loads(ctx.f("base") or "{}")
    except json.JSONDecodeError:
        base = {}
    if not isinstance(base, dict):
        base = {}
    return draft_of(base, ctx.form, ctx.t, ctx.lang)


class _Rollback(Exception):
    pass


def _window(ctx: Ctx, draft: Draft) -> None:
    """The publish's own checks (window, overlap, the document), in a transaction rolled
    back; problems join the draft's."""
    since, until = ctx.f("effective_from"), ctx.f("effective_until") or None
    if _day(since) is None or (until and _day(until) is None):
        draft.errors["effective_from"] = ctx.t("prog.date")
        return
    try:
        with ctx.begin() as conn:
            programme.publish_rules(conn, draft.doc, since, until)
            raise _Rollback
    except _Rollback:
        pass
    except EventRefused as exc:
        draft.general.append(_said(ctx, exc))


#: ``routes.console_router``'s ``page(path, needs, method)`` decorator.
PageDeco = Callable[..., Callable[[Callable[[Ctx], Response]], Callable[[Ctx], Response]]]


def add_pages(page: PageDeco) -> None:
    """The programme's form pages, on the console's router (``routes.console_router``),
    and the coupons' (``coupon_forms``)."""
    from pos_member.headoffice.console import coupon_forms  # it builds on this module

    coupon_forms.add_pages(page)

    @page("/programme", Can.PROGRAMME)
    def programme_forms(ctx: Ctx) -> Response:
        return forms_view(ctx)

    @page("/programme/forms/check", Can.PUBLISH, "POST")
    def programme_forms_check(ctx: Ctx) -> Response:
        draft = _posted_draft(ctx)
        if draft.ok:
            _window(ctx, draft)
        if not draft.ok:
            return forms_view(ctx, draft, 422)
        with ctx.begin() as conn:
            live = programme.live_version(programme.rules_versions(conn), programme.chain_today())
        diff = document_diff(live["document"] if live else None, draft.doc)
        return forms_view(ctx, draft, checked=True, diff=diff)

    @page("/programme/forms/preview", Can.PROGRAMME, "POST")
    def programme_forms_preview(ctx: Ctx) -> Response:
        draft = _posted_draft(ctx)
        shown = preview(ctx, draft)
        bad = not draft.ok or bool(shown["errors"])
        return forms_view(ctx, draft, 422 if bad else 200, preview=shown)

    @page("/programme/forms/publish", Can.PUBLISH, "POST")
    def programme_forms_publish(ctx: Ctx) -> Response:
        assert ctx.who is not None
        draft = _posted_draft(ctx)
        if not draft.ok:
            return forms_view(ctx, draft, 422)
        since, until = ctx.f("effective_from"), ctx.f("effective_until") or None
        if _day(since) is None or (until and _day(until) is None):
            draft.errors["effective_from"] = ctx.t("prog.date")
            return forms_view(ctx, draft, 422)
        try:
            with ctx.begin() as conn:
                version = programme.publish_rules(conn, draft.doc, since, until)
                accounts.audit(conn, ctx.who, "rules.publish", str(version),
                               {"effective_from": since, "effective_until": until, "via": "forms",
                                "from_version": ctx.f("from_version") or None},
                               client=ctx.client)  # fmt: skip
        except EventRefused as exc:
            draft.general.append(_said(ctx, exc))
            return forms_view(ctx, draft, 422)
        return _back(f"{PREFIX}/programme", "prog.done", v=version, date=since)

    @page("/programme/rollback", Can.PUBLISH, "POST")
    def programme_rollback(ctx: Ctx) -> Response:
        assert ctx.who is not None
        raw, since = ctx.f("version").strip(), ctx.f("rollback_from").strip()
        with ctx.begin() as conn:
            versions = programme.rules_versions(conn)
        source = next((v for v in versions if str(v["version"]) == raw), None)
        if source is None:
            return forms_view(ctx, None, 404, rollback_error=ctx.t("prog.f.unknown_version",
                                                                    v=raw[:12]))  # fmt: skip
        if _day(since) is None:
            return forms_view(ctx, None, 422, rollback_error=ctx.t("prog.date"))
        doc = {k: v for k, v in source["document"].items() if k != "version"}
        try:
            with ctx.begin() as conn:
                version = programme.publish_rules(conn, doc, since, None)
                accounts.audit(conn, ctx.who, "rules.rollback", str(version),
                               {"from_version": source["version"], "effective_from": since},
                               client=ctx.client)  # fmt: skip
        except EventRefused as exc:
            return forms_view(ctx, None, 422, rollback_error=_said(ctx, exc))
        return _back(f"{PREFIX}/programme", "prog.f.rolled_back", v=version,
                     source=source["version"], date=since)  # fmt: skip

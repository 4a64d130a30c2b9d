"""Head office under the prepaid-card law: the chain's settings and the review of pushed events.

The chain is the issuer (发卡企业) of its members' stored value, a single-purpose
commercial prepaid card under MOFCOM's 《单用途商业预付卡管理办法(试行)》. This
module holds:

- the chain's **issuer settings** (``prepaid_settings``): issuer type (scale / group /
  brand: custody of 20 / 30 / 40 % of the previous quarter's outstanding
  principal), region (Beijing: 40 % custody and registration from ¥500,000
  outstanding; Shanghai: the quarterly filing by the 25th of the quarter's first
  month); every regional value is a default an override replaces;
- the **counter's rules** (caps per card class, the cash limit of a 退卡, the
  cooling-off window) are not here: they are the programme's ``prepaid`` section,
  which reaches the tills by the feed, and the review reads them from the version
  in force on each event's business date (``law_on``), so head office judges an
  event by the rules the counter was under;
- last year's **main-business revenue** (``prepaid_revenue``), which bounds the
  outstanding balance (40 % for retail);
- the **pro-rata rule** of 法释〔2025〕4号 computed from head office's own
  ledger (``closure_figures``): what was spent counts against the principal at
  paid ÷ (paid + bonus);
- the **review of pushed events** (called from ``push``): a recharge that takes a
  card past its class's cap is flagged ``over_cap``; a ``recharge.reversed`` and a
  ``card.closed`` are checked against head office's books, applied as they
  happened at the counter (never refused: the money has changed hands) and
  flagged where the books disagree. Each is kept in ``prepaid_closures`` with head
  office's figure beside the till's.

Amounts are integer fen; the reports live in ``prepaid_reports``.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any, Protocol

from sqlalchemy import Connection, func, insert, select, update

from pos_member.domain.rules import CardClass as DomainCardClass
from pos_member.domain.rules import PrepaidRules, VersionWindow, in_force, prepaid_from_dict
from pos_member.headoffice import models as m
from pos_member.headoffice.holds import held_for
from pos_member.headoffice.review import utc_key
from pos_member.headoffice.validate import EventRefused
from pos_member.wire.closure_quote import ClosureQuote, EarlierClosure
from pos_member.wire.schemas import (
    CardClass,
    CardClosedPayload,
    Event,
    EventKind,
    RechargePayload,
    RechargeReversedPayload,
)

YUAN = 100


class IssuerType(enum.StrEnum):
    """The issuer's kind under the measures (第七条), which sets its custody share."""

    SCALE = "scale"  # 规模发卡企业
    GROUP = "group"  # 集团发卡企业
    BRAND = "brand"  # 品牌发卡企业


class Region(enum.StrEnum):
    BEIJING = "beijing"
    SHANGHAI = "shanghai"
    JIANGSU = "jiangsu"
    OTHER = "other"


#: Custody (存管资金) as a share of the previous quarter's outstanding principal, ‰.
CUSTODY_PERMILLE = {IssuerType.SCALE: 200, IssuerType.GROUP: 300, IssuerType.BRAND: 400}


@dataclass(frozen=True, slots=True)
class RegionRules:
    """What a region adds to the national measures (each replaceable by a setting)."""

    custody_floor_permille: int = 0
    registration_threshold_fen: int | None = None
    filing_due_day: int | None = None


REGIONS: dict[Region, RegionRules] = {
    # 北京市单用途预付卡管理条例 (2022): registration from ¥500,000, 40 % custody (its 7-day
    # cooling-off is the programme's ``prepaid.region``, as Jiangsu's 15 days are).
    Region.BEIJING: RegionRules(
        custody_floor_permille=400, registration_threshold_fen=500_000 * YUAN
    ),
    # Shanghai: the quarterly report by the 25th of the quarter's first month.
    Region.SHANGHAI: RegionRules(filing_due_day=25),
    Region.JIANGSU: RegionRules(),
    Region.OTHER: RegionRules(),
}


@dataclass(frozen=True, slots=True)
class PrepaidSettings:
    """The chain's issuer settings; ``None`` overrides take the region's value.

    The caps, the 退卡 cash limit and the cooling-off are programme data (``law_on``).
    """

    issuer_type: IssuerType = IssuerType.SCALE
    region: Region = Region.OTHER
    revenue_ratio_permille: int = 400
    registration_threshold_fen: int | None = None
    custody_permille: int | None = None
    filing_due_day: int | None = None

    @property
    def rules(self) -> RegionRules:
        return REGIONS[self.region]

    def custody_rate_permille(self) -> int:
        if self.custody_permille is not None:
            return self.custody_permille
        return max(CUSTODY_PERMILLE[self.issuer_type], self.rules.custody_floor_permille)

    def registration_threshold(self) -> int | None:
        if self.registration_threshold_fen is not None:
            return self.registration_threshold_fen
        return self.rules.registration_threshold_fen

    def filing_due(self, year: int, quarter: int) -> date | None:
        """When the filing of ``quarter`` is due: the day of the next quarter's first month."""
        day = self.filing_due_day if self.filing_due_day is not None else self.rules.filing_due_day
        if day is None:
            return None
        ny, nq = next_quarter(year, quarter)
        return date(ny, 3 * nq - 2, day)

    def files_quarterly(self) -> bool:
        """Group and brand issuers report each quarter; so does anyone a region gives a date."""
        return self.issuer_type != IssuerType.SCALE or self.filing_due(2000, 1) is not None

    def as_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["issuer_type"] = self.issuer_type.value
        out["region"] = self.region.value
        out["effective"] = {
            "custody_permille": self.custody_rate_permille(),
            "registration_threshold_fen": self.registration_threshold(),
            "files_quarterly": self.files_quarterly(),
        }
        return out


SETTINGS_ID = 1
SETTABLE = frozenset(f.name for f in fields(PrepaidSettings))
#: Settings that always hold a value (the others may be cleared back to the region's).
REQUIRED = frozenset({"issuer_type", "region", "revenue_ratio_permille"})
#: Settings that were head office's before 0012 and are the programme's now: where each is.
MOVED_TO_PROGRAMME = {
    "named_cap_fen": "prepaid.named.cap",
    "anonymous_cap_fen": "prepaid.anonymous.cap",
    "cash_refund_max_fen": "prepaid.closure_cash_max",
    "cooling_off_days": "prepaid.region",
}


def load_settings(conn: Connection) -> PrepaidSettings:
    """The chain's settings (the national defaults until someone saves them)."""
    row = conn.execute(
        select(m.PrepaidSettingsRow).where(m.PrepaidSettingsRow.id == SETTINGS_ID)
    ).first()
    if row is None:
        return PrepaidSettings()
    r = row
    return PrepaidSettings(
        issuer_type=IssuerType(r.issuer_type),
        region=Region(r.region),
        revenue_ratio_permille=r.revenue_ratio_permille,
        registration_threshold_fen=r.registration_threshold_fen,
        custody_permille=r.custody_permille,
        filing_due_day=r.filing_due_day,
    )


def law_on(conn: Connection, business_date: str | date) -> PrepaidRules:
    """The prepaid-card rules of the programme version in force on ``business_date``
    (the one the tills read for that day: ``rules.in_force``); the law's defaults when
    no version holds the day."""
    day = business_date if isinstance(business_date, date) else date.fromisoformat(business_date)
    windows = []
    for v, since, until in conn.execute(
        select(m.RulesRow.version, m.RulesRow.effective_from, m.RulesRow.effective_until)
    ):
        try:
            windows.append(VersionWindow.parse(int(v), since, until))
        except ValueError:
            continue  # an unreadable window has no say (as in programme.py)
    version = in_force(windows, day)
    if version is None:
        return PrepaidRules()
    doc = conn.execute(
        select(m.RulesRow.document).where(m.RulesRow.version == version)
    ).scalar_one()
    return prepaid_from_dict(dict(doc).get("prepaid", {}))


def counter_rules(law: PrepaidRules) -> dict[str, Any]:
    """The programme's counter rules as the settings page shows them beside head office's."""
    return {
        "named_cap_fen": law.named.cap.fen,
        "anonymous_cap_fen": law.anonymous.cap.fen,
        "cap_counts_bonus": law.cap_counts_bonus,
        "closure_cash_max_fen": law.closure_cash_max.fen,
        "cooling_off_region": law.region,
        "cooling_off_days": law.cooling_off.days,
        "cooling_off_less_costs": law.cooling_off.less_costs,
        "enforce_real_name": law.enforce_real_name,
    }


def settings_view(conn: Connection, s: PrepaidSettings, today: date) -> dict[str, Any]:
    """``s`` as shown to managers, with the programme's counter rules in force ``today``."""
    return {**s.as_dict(), "programme": counter_rules(law_on(conn, today))}


def cap_fen(law: PrepaidRules, card_class: CardClass | str | None) -> int:
    """The balance a card of ``card_class`` may hold under ``law``; named by default."""
    cls = DomainCardClass.ANONYMOUS if card_class == CardClass.ANONYMOUS else DomainCardClass.NAMED
    return law.of(cls).cap.fen


def _refuse(field_name: str, detail: str) -> EventRefused:
    return EventRefused(422, f"prepaid.{field_name}", detail)


def _checked(s: PrepaidSettings) -> PrepaidSettings:
    """``s`` if every value is one the law and the calendar allow; else a message saying which."""
    for name in ("revenue_ratio_permille", "custody_permille"):
        v = getattr(s, name)
        if v is not None and not 0 <= v <= 1000:
            raise _refuse(name, f"{name} is in ‰: give a number from 0 to 1000")
    if s.filing_due_day is not None and not 1 <= s.filing_due_day <= 28:
        raise _refuse("filing_due_day", "filing_due_day is a day of the month, 1 to 28")
    if s.registration_threshold_fen is not None and s.registration_threshold_fen < 0:
        raise _refuse("registration_threshold_fen", "the threshold cannot be negative")
    return s


def parse_settings_change(changes: dict[str, Any], base: PrepaidSettings) -> PrepaidSettings:
    """``base`` with ``changes`` (names of ``PrepaidSettings``; ``None`` clears an override)."""
    moved = sorted(set(changes) & set(MOVED_TO_PROGRAMME))
    if moved:
        where = ", ".join(f"{n} is {MOVED_TO_PROGRAMME[n]}" for n in moved)
        raise _refuse(
            "moved",
            f"the counter's rules are the programme's, which the tills follow: {where}; "
            "publish a rules version with it (docs/prepaid.md)",
        )
    unknown = set(changes) - SETTABLE
    if unknown:
        raise _refuse("unknown", f"unknown setting(s): {', '.join(sorted(unknown))}")
    values = dict(changes)
    try:
        if "issuer_type" in values:
            values["issuer_type"] = IssuerType(values["issuer_type"])
        if "region" in values:
            values["region"] = Region(values["region"])
    except (ValueError, TypeError):
        raise _refuse(
            "choice",
            "issuer_type is scale, group or brand; region is beijing, shanghai, jiangsu or other",
        ) from None
    for name, v in values.items():
        if name in ("issuer_type", "region"):
            continue
        if v is None and name in REQUIRED:
            raise _refuse(name, f"{name} cannot be cleared: give an amount")
        if v is not None and (not isinstance(v, int) or isinstance(v, bool)):
            raise _refuse(name, f"{name} must be a whole number")
    return _checked(replace(base, **values))


def save_settings(conn: Connection, s: PrepaidSettings, now: str) -> PrepaidSettings:
    """Store ``s`` as the chain's settings and note who-changed-what in ``admin_log``."""
    s = _checked(s)
    values = {f.name: getattr(s, f.name) for f in fields(s)}
    values["issuer_type"] = s.issuer_type.value
    values["region"] = s.region.value
    row = m.PrepaidSettingsRow
    done = conn.execute(update(row).where(row.id == SETTINGS_ID).values(updated_at=now, **values))
    if not done.rowcount:
        conn.execute(insert(row).values(id=SETTINGS_ID, updated_at=now, **values))
    conn.execute(
        insert(m.AdminNote).values(
            at=now, action="prepaid.settings", subject="chain", detail=values
        )
    )
    return s


def record_revenue(conn: Connection, year: int, revenue_fen: int, now: str) -> None:
    """Record (or correct) a year's main-business revenue, in fen."""
    if not 2000 <= year <= 2099:
        raise _refuse("year", "the year must be between 2000 and 2099")
    if revenue_fen < 0:
        raise _refuse("revenue", "the revenue cannot be negative")
    row = m.PrepaidRevenueRow
    done = conn.execute(
        update(row).where(row.year == year).values(revenue_fen=revenue_fen, recorded_at=now)
    )
    if not done.rowcount:
        conn.execute(insert(row).values(year=year, revenue_fen=revenue_fen, recorded_at=now))
    conn.execute(
        insert(m.AdminNote).values(
            at=now, action="prepaid.revenue", subject=str(year), detail={"revenue_fen": revenue_fen}
        )
    )


def revenue_for(conn: Connection, year: int) -> int | None:
    return conn.execute(
        select(m.PrepaidRevenueRow.revenue_fen).where(m.PrepaidRevenueRow.year == year)
    ).scalar_one_or_none()


# --- quarters -------------------------------------------------------------------------------


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> date:
    ny, nq = next_quarter(year, quarter)
    return date.fromordinal(quarter_start(ny, nq).toordinal() - 1)


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def parse_quarter(text: str) -> tuple[int, int]:
    """``2026Q3`` (or ``2026-Q3``, ``2026q3``) as (2026, 3); a clear message otherwise."""
    t = text.strip().upper().replace("-", "")
    year, sep, q = t.partition("Q")
    if not sep or not year.isdigit() or q not in ("1", "2", "3", "4") or len(year) != 4:
        raise _refuse("quarter", "that is not a quarter: write it as 2026Q3")
    if not 2000 <= int(year) <= 2099:
        raise _refuse("quarter", "the quarter's year must be between 2000 and 2099, e.g. 2026Q3")
    return int(year), int(q)


# --- 法释〔2025〕4号: the pro-rata refund of a card with a bonus -------------------------------


@dataclass(frozen=True, slots=True)
class ClosureFigures:
    """A card's closure as head office's books compute it (all fen).

    ``spent = paid_in + bonus_given − balance``; ``spent_from_principal = spent ×
    paid_in ÷ (paid_in + bonus_given)``, rounded down to the fen (a half fen goes to
    the holder); ``refund = paid_in − spent_from_principal``, never more than the
    balance nor below zero; the rest of the balance is forfeited bonus. These are the
    till's figures (``domain.prepaid.closure_quote``): credit beyond the recharges
    counts as principal paid in.
    """

    paid_in_fen: int
    bonus_given_fen: int
    balance_fen: int
    spent_fen: int
    spent_from_principal_fen: int
    refund_fen: int
    bonus_forfeited_fen: int


def closure_figures(paid_in_fen: int, bonus_given_fen: int, balance_fen: int) -> ClosureFigures:
    """The 退卡 figures; e.g. 3,000 paid + 1,000 bonus, balance 406 → 2,695.50 spent from
    the principal, 304.50 refunded, 101.50 of bonus forfeited."""
    paid, bonus = max(paid_in_fen, 0), max(bonus_given_fen, 0)
    balance = max(balance_fen, 0)
    # Credit beyond what was paid in and given counts as principal (as at the till).
    paid += max(0, balance - paid - bonus)
    spent = max(paid + bonus - balance, 0)
    from_principal = spent * paid // (paid + bonus) if paid + bonus else 0
    refund = min(max(paid - from_principal, 0), balance)
    return ClosureFigures(
        paid_in_fen=paid,
        bonus_given_fen=bonus,
        balance_fen=balance_fen,
        spent_fen=spent,
        spent_from_principal_fen=paid - refund,
        refund_fen=refund,
        bonus_forfeited_fen=balance - refund,
    )


#: Ledger kinds that put money on a card (the opening balance too) or take it back unspent:
#: together they make ``paid_in``.
PAYING_KINDS = ("opening", "recharge", "reversal", "adjust")
CLOSURE = "closure"
REVERSAL = "reversal"


@dataclass(frozen=True, slots=True)
class Entry:
    """One stored-value ledger entry of a member (from the database or this push batch)."""

    event_id: str
    kind: str
    principal_fen: int
    bonus_fen: int
    business_date: str
    created_at: str


def member_entries(
    conn: Connection, member_id: int, pending: Sequence[dict[str, Any]] = ()
) -> list[Entry]:
    """The member's ledger as head office holds it, with the batch's unwritten rows after."""
    rows = conn.execute(
        select(
            m.SVEntryRow.event_id,
            m.SVEntryRow.kind,
            m.SVEntryRow.principal_delta_fen,
            m.SVEntryRow.bonus_delta_fen,
            m.SVEntryRow.business_date,
            m.SVEntryRow.created_at,
        )
        .where(m.SVEntryRow.member_id == member_id)
        .order_by(m.SVEntryRow.id)
    ).all()
    out = [Entry(*r) for r in rows]
    out.extend(
        Entry(
            r["event_id"],
            r["kind"],
            r["principal_delta_fen"],
            r["bonus_delta_fen"],
            r["business_date"],
            r["created_at"],
        )
        for r in pending
        if r["member_id"] == member_id
    )
    return out


def figures_from(entries: Sequence[Entry]) -> ClosureFigures:
    """The closure figures of the entries since the member's last 退卡."""
    last = max((i for i, e in enumerate(entries) if e.kind == CLOSURE), default=-1)
    live = entries[last + 1 :]
    paid = sum(e.principal_fen for e in live if e.kind in PAYING_KINDS)
    bonus = sum(e.bonus_fen for e in live if e.kind in PAYING_KINDS)
    balance = sum(e.principal_fen + e.bonus_fen for e in live)
    return closure_figures(paid, bonus, balance)


# --- the review of pushed events (called from push.py) ---------------------------------------

OVER_CAP = "over_cap"
#: A refund's stored value sent to a member of another name than the buyer's (the law
#: allows only a card in the same name): applied as it happened, for review.
REFUND_OTHER_NAME = "refund_other_name"
CLOSED_CARD_RECHARGED = "closed_card_recharged"
CLOSED_CARD_USED = "closed_card_used"
REAL_NAME_MISSING = "real_name_missing"


class MemberBalance(Protocol):
    principal: int
    bonus: int
    #: When head office first had the member's stored value closed (UTC key), or None.
    closed_at: str | None


class PushBatch(Protocol):
    """What ``push._Batch`` offers this module (kept structural: no import of ``push``)."""

    now: str
    sv_rows: list[dict[str, Any]]
    touched_members: set[int]

    @property
    def who(self) -> Any: ...

    @property
    def members(self) -> dict[int, Any]: ...


#: ``push._move``: applies ledger deltas to the member in the batch.
Move = Callable[..., None]


def closed_when(state: MemberBalance, at: str) -> bool:
    """Whether the member's stored value was closed (退卡) at or before ``at`` (UTC key)."""
    return state.closed_at is not None and at >= state.closed_at


def review_recharge(
    conn: Connection, state: MemberBalance, ev: Event, p: RechargePayload, flags: list[str]
) -> None:
    """Flag a recharge after which the member's value is above its card class's cap
    (``over_cap``), or onto stored value closed by a 退卡 before it, in event time
    (``closed_card_recharged``: a till that had not heard of the 退卡).

    The cap is the programme version's in force on the recharge's business date,
    counted as that version counts it (principal + bonus unless it says principal
    alone), on head office's balance after the recharge: an offline recharge over
    the cap reaches the review list, applied as it happened, never lost.
    """
    law = law_on(conn, p.business_date)
    counted = state.principal + state.bonus if law.cap_counts_bonus else state.principal
    if counted > cap_fen(law, p.card_class) and OVER_CAP not in flags:
        flags.append(OVER_CAP)
    if closed_when(state, utc_key(ev.created_at)):
        flags.append(CLOSED_CARD_RECHARGED)
    review_real_name(conn, ev, p, law, flags)


def review_refund_to_card(
    conn: Connection, state: MemberBalance, member_id: int, p: Any, flags: list[str]
) -> None:
    """Flag a refund whose stored value went to a card in the member's name (its own cap
    passed) that leaves that card above its class's cap on head office's balance
    (``over_cap``): an offline till's view could be behind; and one sent to a member of
    another name than the buyer's (``refund_other_name``). Applied, never refused."""
    law = law_on(conn, p.business_date)
    card_class = conn.execute(
        select(m.CardRow.card_class)
        .where(m.CardRow.member_id == member_id, m.CardRow.state == "active")
        .order_by(m.CardRow.id)
        .limit(1)
    ).scalar_one_or_none()
    counted = state.principal + state.bonus if law.cap_counts_bonus else state.principal
    if counted > cap_fen(law, card_class) and OVER_CAP not in flags:
        flags.append(OVER_CAP)
    names = dict(
        conn.execute(
            select(m.MemberRow.id, m.MemberRow.name).where(
                m.MemberRow.id.in_((member_id, p.member_id))
            )
        ).all()
    )
    buyer, target = names.get(p.member_id), names.get(member_id)
    if not buyer or buyer != target:
        flags.append(REFUND_OTHER_NAME)


def real_name_on_file(conn: Connection, ev: Event, member_id: int) -> None:
    """Note that head office has the member's real-name record from ``ev`` (the first)."""
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == member_id, m.MemberRow.real_name_at.is_(None))
        .values(real_name_at=utc_key(ev.created_at))
    )


def review_real_name(
    conn: Connection, ev: Event, p: RechargePayload, law: PrepaidRules, flags: list[str]
) -> None:
    """Flag a named card's recharge that brings no real-name record while head office has
    none on file for the member (``real_name_missing``), where the programme in force
    enforces the law's rule. Only a till that knows card classes (``card_class`` sent)
    is judged: an older till could not ask. Applied as it happened, never refused."""
    if p.buyer is not None:
        real_name_on_file(conn, ev, p.member_id)
        return
    if p.card_class != CardClass.NAMED or not law.enforce_real_name:
        return
    on_file = conn.execute(
        select(m.MemberRow.real_name_at).where(m.MemberRow.id == p.member_id)
    ).scalar_one_or_none()
    if on_file is None:
        flags.append(REAL_NAME_MISSING)


def review_sale(state: MemberBalance, ev: Event, sv_delta_fen: int, flags: list[str]) -> None:
    """Flag a sale paid from, or a refund made to, stored value closed by a 退卡 before it
    in event time (``closed_card_used``): applied as it happened, never refused."""
    if sv_delta_fen and closed_when(state, utc_key(ev.created_at)):
        flags.append(CLOSED_CARD_USED)


def _closed(conn: Connection, card_number: str) -> Any:
    """The first 退卡 of ``card_number`` at head office (None: never closed)."""
    c = m.PrepaidClosureRow
    return conn.execute(
        select(c.event_id, c.store_id, c.business_date, c.refund_fen, c.refund_method)
        .where(c.kind == CLOSURE, c.card_number == card_number)
        .order_by(c.id)
        .limit(1)
    ).first()


def _recorded(
    conn: Connection,
    batch: PushBatch,
    ev: Event,
    kind: str,
    p: RechargeReversedPayload | CardClosedPayload,
    refund_fen: int,
    expected_fen: int,
    method: str | None,
    flags: list[str],
) -> None:
    conn.execute(
        insert(m.PrepaidClosureRow).values(
            event_id=str(ev.id),
            kind=kind,
            member_id=p.member_id,
            card_number=p.card_number,
            recharge_event_id=getattr(p, "recharge_id", None),
            store_id=batch.who.store_id,
            terminal_id=batch.who.terminal_id,
            business_date=p.business_date,
            created_at=ev.created_at,
            principal_fen=p.sv_principal_fen,
            bonus_fen=p.sv_bonus_fen,
            refund_fen=refund_fen,
            expected_refund_fen=expected_fen,
            refund_method=method,
            flags=list(flags),
        )
    )


def review_reversal(
    conn: Connection,
    batch: PushBatch,
    ev: Event,
    p: RechargeReversedPayload,
    flags: list[str],
    move: Move,
) -> None:
    """A recharge refunded in the cooling-off window: checked against the books, applied once.

    Flags: ``reversal_no_recharge`` (head office has no such recharge of this member),
    ``reversal_amount`` (not the recharge's principal and bonus), ``reversal_used``
    (the member spent after the recharge), ``reversal_late`` (outside the region's
    window, or a region without one), ``reversal_costs`` (costs kept back where the
    region allows none), ``reversal_duplicate`` (that recharge was reversed before).
    The window is the programme's (``prepaid.region``) in force on the reversal's day,
    as the till checked it.
    """
    law = law_on(conn, p.business_date)
    entries = member_entries(conn, p.member_id, batch.sv_rows)
    recharge = next(
        (e for e in entries if e.event_id == p.recharge_id and e.kind == "recharge"), None
    )
    if recharge is None:
        flags.append("reversal_no_recharge")
    else:
        if (recharge.principal_fen, recharge.bonus_fen) != (p.principal_fen, p.bonus_fen):
            flags.append("reversal_amount")
        after = [e for e in entries if e.created_at > recharge.created_at]
        if any(e.kind == "spend" and (e.principal_fen or e.bonus_fen) for e in after):
            flags.append("reversal_used")
        days = date.fromisoformat(p.business_date) - date.fromisoformat(recharge.business_date)
        window = law.cooling_off.days
        if window == 0 or not 0 <= days.days <= window:
            flags.append("reversal_late")
    if p.costs_fen and not law.cooling_off.less_costs:
        flags.append("reversal_costs")
    earlier = conn.execute(
        select(func.count())
        .select_from(m.PrepaidClosureRow)
        .where(m.PrepaidClosureRow.recharge_event_id == p.recharge_id)
    ).scalar_one()
    if earlier:
        flags.append("reversal_duplicate")
    expected = recharge.principal_fen if recharge is not None else 0
    move(batch, ev, p.member_id, p.sv_principal_fen, p.sv_bonus_fen, 0, REVERSAL, p.business_date)
    _recorded(conn, batch, ev, REVERSAL, p, p.principal_fen - p.costs_fen, expected,
              p.refund_tenders[0].kind.value if p.refund_tenders else None, flags)  # fmt: skip


def review_closure(
    conn: Connection,
    batch: PushBatch,
    ev: Event,
    p: CardClosedPayload,
    flags: list[str],
    move: Move,
) -> None:
    """A 退卡: the till's figures against head office's, then applied as it happened.

    Flags: ``closure_refund`` (the refund is not head office's pro-rata figure),
    ``closure_balance`` (the balance closed is not head office's: an event elsewhere
    the till had not seen, or one head office has not yet had), ``closure_cash``
    (paid in cash though the balance closed is above the cash limit),
    ``closure_duplicate`` (the card was closed before by another event).
    """
    law = law_on(conn, p.business_date)
    mine = figures_from(member_entries(conn, p.member_id, batch.sv_rows))
    if p.principal_refunded_fen != mine.refund_fen:
        flags.append("closure_refund")
    if -(p.sv_principal_fen + p.sv_bonus_fen) != mine.balance_fen:
        flags.append("closure_balance")
    closed = -(p.sv_principal_fen + p.sv_bonus_fen)
    if p.tender == "cash" and closed > law.closure_cash_max.fen:
        flags.append("closure_cash")
    if _closed(conn, p.card_number) is not None:
        flags.append("closure_duplicate")
    move(batch, ev, p.member_id, p.sv_principal_fen, p.sv_bonus_fen, 0, CLOSURE, p.business_date)
    real_name_on_file(conn, ev, p.member_id)  # the holder's ID was checked and recorded
    _close_stored_value(conn, batch, ev, p)
    _recorded(conn, batch, ev, CLOSURE, p, p.principal_refunded_fen, mine.refund_fen, p.tender,
              flags)  # fmt: skip


def _close_stored_value(
    conn: Connection, batch: PushBatch, ev: Event, p: CardClosedPayload
) -> None:
    """Mark the member's stored value closed at head office, from the 退卡's event time
    (the earliest if two reach it), and send the member to every till by the feed: a
    till refuses money onto it from then on, and one that had not heard is flagged."""
    at = utc_key(ev.created_at)
    state = batch.members[p.member_id]
    if state.closed_at is not None and state.closed_at <= at:
        return
    state.closed_at = at
    conn.execute(
        update(m.MemberRow)
        .where(m.MemberRow.id == p.member_id)
        .values(sv_closed_at=at, sv_closed_on=p.business_date, updated_at=batch.now)
    )
    batch.touched_members.add(p.member_id)


def handlers(move: Move) -> dict[EventKind, Callable[..., None]]:
    """The push handlers of the prepaid kinds, given ``push._move`` to apply the deltas."""
    return {
        EventKind.RECHARGE_REVERSED: lambda c, b, e, p, f: review_reversal(c, b, e, p, f, move),
        EventKind.CARD_CLOSED: lambda c, b, e, p, f: review_closure(c, b, e, p, f, move),
    }


# --- the closure quote a till asks for before a 退卡 -------------------------------------------


def closure_quote(conn: Connection, card_number: str, now: str) -> ClosureQuote:
    """What head office's books say about closing ``card_number`` now (nothing is written)."""
    card = conn.execute(
        select(m.CardRow.member_id, m.CardRow.state).where(m.CardRow.number == card_number)
    ).first()
    if card is None or card.member_id is None:
        raise EventRefused(
            404, "card.unknown", f"head office has no member card {card_number}: check the number"
        )
    mid = int(card.member_id)
    member = conn.execute(
        select(
            m.MemberRow.sv_principal_fen, m.MemberRow.sv_bonus_fen, m.MemberRow.balance_version
        ).where(m.MemberRow.id == mid)
    ).one()
    fig = figures_from(member_entries(conn, mid))
    held_fen, _points = held_for(conn, mid, now)
    first = _closed(conn, card_number)
    law = law_on(conn, now[:10])
    balance = int(member.sv_principal_fen) + int(member.sv_bonus_fen)
    return ClosureQuote(
        member_id=mid,
        card_number=card_number,
        principal_fen=int(member.sv_principal_fen),
        bonus_fen=int(member.sv_bonus_fen),
        balance_fen=balance,
        paid_in_fen=fig.paid_in_fen,
        bonus_given_fen=fig.bonus_given_fen,
        spent_fen=fig.spent_fen,
        spent_from_principal_fen=fig.spent_from_principal_fen,
        refund_fen=fig.refund_fen,
        bonus_forfeited_fen=fig.bonus_forfeited_fen,
        cash_refund_max_fen=law.closure_cash_max.fen,
        cash_allowed=balance <= law.closure_cash_max.fen,
        pending_hold_fen=int(held_fen),
        wait=held_fen > 0 or balance < 0,
        balance_version=int(member.balance_version),
        closed=None if first is None else EarlierClosure(**first._asdict()),
        as_of=now,
    )

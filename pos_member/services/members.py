"""Members for the store manager: register, search, view, edit, statement, tier history.

Registration is one transaction: the member row, the profile (gender and
consent to data use with its time), the base tier in the tier history, the
sign-up coupon the rules give, the audit row and the ``member.registered``
outbox event. Member ids come from the block head office gave this terminal
at enrolment (the sync client keeps it in ``terminal_state``),
so a member registered offline keeps its id chain-wide.

Search never scans all members: a card number, a UID or a phone is an exact
match on a unique index, and a name is a prefix range on ``ix_members_name``.
Cashiers see masked results; managers see full details and every such view
is written to the audit log.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_member.domain.cards import (
    mask_card,
    mask_phone,
    normalise_phone,
)
from pos_member.domain.errors import NotAllowed, UnknownCard, ValidationError
from pos_member.domain.events import EventKind
from pos_member.domain.identifiers import (
    BY_CARD_NUMBER,
    BY_UID,
    SEARCH_KINDS,
    IdKind,
    Reading,
    identify_text,
)
from pos_member.domain.money import Money
from pos_member.domain.rules import Coupon as DomainCoupon
from pos_member.domain.rules import ProgrammeRules
from pos_member.domain.tenders import tender_name
from pos_member.domain.text import Text, person_words, phrase
from pos_member.sealing import Sealer
from pos_member.services.context import Context, Role, StaffSession
from pos_member.store import pii, state
from pos_member.store.db import UnitOfWork
from pos_member.store.models import (
    AuditEntry,
    Card,
    Coupon,
    Member,
    PointsEntry,
    PointsLot,
    Sale,
    StoredValueEntry,
)
from pos_member.store.models_manager import CardFee, CardTransfer, MemberProfile, TierChangeRow

log = logging.getLogger(__name__)

GENDERS = ("female", "male", "other")
CONSENT_VERSION = "2026-01"
NAME_MAX = 64
SEARCH_LIMIT_MAX = 200
# The highest code point: "name < prefix + TOP" closes a prefix range.
ZERO = Money(0)
_TOP = "\U0010ffff"
#: How many members of one surname a longer name prefix looks through (``find_members``).
NAME_SCAN = 2000


# --- values -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CardInfo:
    card_id: int
    number: str  # masked unless the view is full
    kind: str
    state: str
    issued_on: str | None


@dataclass(frozen=True, slots=True)
class MemberDetails:
    """A member as one screen shows them; ``full`` False means PII is masked."""

    member_id: int
    name: str
    phone: str
    birthday: str | None
    gender: str | None
    tier_code: str
    joined_on: str
    status: str
    sv_principal: Money
    sv_bonus: Money
    points: int
    consent_at: str | None
    cards: tuple[CardInfo, ...]
    full: bool

    @property
    def stored_value(self) -> Money:
        return self.sv_principal + self.sv_bonus


@dataclass(frozen=True, slots=True)
class RegisterRequest:
    staff: StaffSession
    name: str
    phone: str
    consent: bool
    birthday: date | None = None
    gender: str | None = None
    consent_version: str = CONSENT_VERSION


@dataclass(frozen=True, slots=True)
class Registered:
    member_id: int
    event_id: str
    tier_code: str
    signup_coupon: str | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: IdKind  # what the search text was read as (``identifiers.SEARCH_KINDS``)
    members: tuple[MemberDetails, ...]
    full: bool


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of a member's statement: a ledger entry (or a card event) with its reason."""

    at: str
    business_date: str
    ledger: str  # stored_value / points / card
    reason: str
    principal: Money = Money(0)
    bonus: Money = Money(0)
    points: int = 0
    # Balances after this line (stored value total, points).
    sv_after: Money = Money(0)
    points_after: int = 0
    receipt_no: str | None = None
    note: str = ""  # English; a ``Text`` (shown translated) unless a person typed it
    lot_expires_on: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    member_id: int
    lines: tuple[StatementLine, ...]
    sv_principal: Money
    sv_bonus: Money
    points: int


@dataclass(frozen=True, slots=True)
class TierHistoryLine:
    at: str
    from_tier: str | None
    to_tier: str
    reason: str
    window_spend: Money = field(default=Money(0))


# --- validation ---------------------------------------------------------------------------


def clean_name(name: str) -> str:
    """The name as one line of words: no control or direction characters, no digits."""
    if isinstance(name, str) and not name.strip():
        raise ValidationError(field="name", problem="the member's name is needed")
    cleaned = person_words(name, phrase("name"), max_len=NAME_MAX)
    if any(ch.isdigit() for ch in cleaned):
        raise ValidationError(field="name", problem="a name has no digits")
    return cleaned


def check_birthday(birthday: date | None, today: date) -> str | None:
    if birthday is None:
        return None
    if not isinstance(birthday, date):
        raise ValidationError(field="birthday", problem="a date is expected")
    if birthday > today:
        raise ValidationError(field="birthday", problem="cannot be in the future")
    if birthday.year < today.year - 120:
        raise ValidationError(
            field="birthday", problem="{date} is too long ago", date=birthday.isoformat()
        )
    return birthday.isoformat()


def check_gender(gender: str | None) -> str | None:
    if gender is None or gender == "":
        return None
    if gender not in GENDERS:
        raise ValidationError(
            field="gender", problem="'{gender}' is not female, male or other", gender=gender
        )
    return gender


def _phone_taken(s: Session, sealer: Sealer, phone: str, except_member: int | None = None) -> bool:
    other = s.scalar(select(Member.id).where(Member.phone_index == pii.phone_index(sealer, phone)))
    return other is not None and other != except_member


def _require(staff: StaffSession, role: Role, action: str) -> None:
    if staff.role < role:
        raise NotAllowed(action=action, role=role.label)


# --- member ids ---------------------------------------------------------------------------


def next_member_id(s: Session) -> int:
    """The next id of this terminal's block from head office (``sync.state.next_member_id``)."""
    return state.next_member_id(s.connection())


# --- register -----------------------------------------------------------------------------


def record_tier_change(
    uow: UnitOfWork,
    member_id: int,
    from_tier: str | None,
    to_tier: str,
    reason: str,
    business_date: date,
    *,
    window_spend: Money = ZERO,
    event_id: str | None = None,
    staff_id: str | None = None,
) -> None:
    """Append a line to the member's tier history (the checkout's upgrades can call this too)."""
    uow.session.add(
        TierChangeRow(
            member_id=member_id,
            at=uow.now,
            business_date=business_date.isoformat(),
            from_tier=from_tier,
            to_tier=to_tier,
            reason=reason,
            window_spend_fen=window_spend.fen,
            event_id=event_id,
            staff_id=staff_id,
        )
    )


def usable_coupons(s: Session, member_id: int, today: date) -> list[tuple[str, str]]:
    """(code, name) of the member's unused coupons valid ``today``, soonest to end first.

    What the cashier can offer; checkout re-checks every coupon rule when one is used.
    """
    day = today.isoformat()
    rows = s.execute(
        select(Coupon.code, Coupon.name)
        .where(
            Coupon.member_id == member_id,
            Coupon.unused(),
            Coupon.valid_from <= day,
            Coupon.valid_until >= day,
        )
        .order_by(Coupon.valid_until, Coupon.code)
    ).all()
    return [(str(code), str(name or "")) for code, name in rows]


def add_coupon_row(uow: UnitOfWork, member_id: int, rules_coupon: DomainCoupon) -> Coupon:
    """Store a coupon the domain issued to ``member_id``."""
    row = Coupon(
        code=rules_coupon.code,
        member_id=member_id,
        name=rules_coupon.name[:64],
        kind=rules_coupon.kind.value,
        value_fen=rules_coupon.value.fen,
        rate=str(rules_coupon.rate),
        min_spend_fen=rules_coupon.minimum_spend.fen,
        valid_from=rules_coupon.valid_from.isoformat(),
        valid_until=rules_coupon.valid_until.isoformat(),
        stackable=rules_coupon.stackable,
    )
    uow.session.add(row)
    return row


def coupon_payload(row: Coupon) -> dict[str, object]:
    return {
        "code": row.code,
        "member_id": row.member_id,
        "name": row.name,
        "kind": row.kind,
        "value_fen": row.value_fen,
        "rate": row.rate,
        "min_spend_fen": row.min_spend_fen,
        "valid_from": row.valid_from,
        "valid_until": row.valid_until,
        "stackable": row.stackable,
    }


def register_member(ctx: Context, req: RegisterRequest) -> Registered:
    """Register a member with their consent; gives the sign-up coupon the rules offer."""
    today = ctx.today()
    with ctx.store.reading() as rs:
        _, wanted = ctx.rules(rs)
    need = wanted.registration
    # The programme decides what is required beyond the phone and the consent.
    name = clean_name(req.name) if need.name_required or req.name.strip() else ""
    phone = normalise_phone(req.phone)
    if need.birthday_required and req.birthday is None:
        raise ValidationError(field="birthday", problem="the programme needs the birthday")
    if need.gender_required and not req.gender:
        raise ValidationError(field="gender", problem="the programme needs the gender")
    birthday = check_birthday(req.birthday, today)
    gender = check_gender(req.gender)
    if not 1 <= len(req.consent_version) <= 16:
        raise ValidationError(field="consent version", problem="1 to 16 characters expected")
    if req.consent is not True:
        raise ValidationError(
            field="consent",
            problem="the member must agree to the use of their data before registering",
        )
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        _, rules = ctx.rules(s)
        if _phone_taken(s, ctx.store.sealer, phone):
            raise ValidationError(
                field="phone",
                problem="{phone} already belongs to a member",
                phone=mask_phone(phone),
            )
        member_id = next_member_id(s)
        tier = rules.base_tier.code
        s.add(
            Member(
                id=member_id,
                **pii.member_columns(ctx.store.sealer, name, phone),
                birthday=birthday,
                tier_code=tier,
                joined_on=today.isoformat(),
                status="active",
                sv_principal_fen=0,
                sv_bonus_fen=0,
                points_balance=0,
                pay_pin_failures=0,
                updated_at=uow.now,
            )
        )
        s.flush()
        s.add(
            MemberProfile(
                member_id=member_id,
                gender=gender,
                consent_data_use=True,
                consent_at=uow.now,
                consent_version=req.consent_version,
                registered_by=req.staff.staff_id,
                registered_at=uow.now,
            )
        )
        event_id = uow.outbox(
            EventKind.MEMBER_REGISTERED,
            {
                "member_id": member_id,
                "name": name,
                "phone": phone,
                "birthday": birthday,
                "tier_code": tier,
                "joined_on": today.isoformat(),
                "gender": gender,
                "consent_at": uow.now,
                "consent_version": req.consent_version,
            },
        )
        record_tier_change(
            uow,
            member_id,
            None,
            tier,
            "signup",
            today,
            event_id=event_id,
            staff_id=req.staff.staff_id,
        )
        coupon_code = _signup_coupon(uow, rules, member_id, today)
        uow.audit(
            "member.register",
            staff_id=req.staff.staff_id,
            subject=str(member_id),
            event_id=event_id,
            detail={"consent_version": req.consent_version, "signup_coupon": coupon_code},
        )
    log.info("member %s registered at %s", member_id, ctx.terminal_id)
    return Registered(member_id, event_id, tier, coupon_code)


def _signup_coupon(
    uow: UnitOfWork, rules: ProgrammeRules, member_id: int, today: date
) -> str | None:
    template = rules.signup_coupon
    if template is None:
        return None
    # Member ids are unique chain-wide, so this code is too, even offline.
    code = f"SU{member_id}"
    coupon = template.issue(code, today, str(member_id))
    row = add_coupon_row(uow, member_id, coupon)
    uow.outbox(EventKind.COUPON_ISSUED, coupon_payload(row))
    return code


# --- search and view ----------------------------------------------------------------------


def classify_query(text: str, rules: ProgrammeRules) -> tuple[IdKind, str]:
    """What the manager typed, by the identifier registry (``SEARCH_KINDS``)."""
    raw = text.strip()
    if not raw:
        raise ValidationError(field="search", problem="type a phone, card number or name")
    found = identify_text(raw, Reading(card_rule=rules.card_rule), SEARCH_KINDS)
    if found.problem is not None:
        raise found.problem
    return found.kind, found.value


def _details(
    s: Session, members: list[Member], full: bool, sealer: Sealer
) -> tuple[MemberDetails, ...]:
    if not members:
        return ()
    ids = [m.id for m in members]
    cards: dict[int, list[CardInfo]] = {}
    for c in s.scalars(select(Card).where(Card.member_id.in_(ids)).order_by(Card.id)):
        assert c.member_id is not None
        cards.setdefault(c.member_id, []).append(
            CardInfo(c.id, c.number if full else mask_card(c.number), c.kind, c.state, c.issued_on)
        )
    profiles = {
        p.member_id: p
        for p in s.scalars(select(MemberProfile).where(MemberProfile.member_id.in_(ids)))
    }
    out = []
    for m in members:
        p = profiles.get(m.id)
        out.append(
            MemberDetails(
                member_id=m.id,
                name=pii.full_name(sealer, m.name_sealed) if full else m.name_masked,
                phone=pii.full_phone(sealer, m.phone_sealed) if full else (m.phone_masked or ""),
                birthday=m.birthday if full else None,
                gender=p.gender if (p and full) else None,
                tier_code=m.tier_code,
                joined_on=m.joined_on,
                status=m.status,
                sv_principal=Money(m.sv_principal_fen),
                sv_bonus=Money(m.sv_bonus_fen),
                points=m.points_balance,
                consent_at=p.consent_at if p else None,
                cards=tuple(cards.get(m.id, ())),
                full=full,
            )
        )
    return tuple(out)


def find_members(
    s: Session, kind: IdKind, key: str, limit: int, sealer: Sealer | None = None
) -> list[Member]:
    """The members matching ``key``: exact index lookups (the phone and the full name by
    their keyed hashes), or the surname (the masked name's first character) as a range.

    Members head office erased or restricted are never found."""
    sealer = sealer or pii.sealer_of(s.connection())
    visible = Member.status.not_in(pii.HIDDEN_STATUSES)
    if kind is IdKind.PHONE:
        return list(
            s.scalars(
                select(Member).where(Member.phone_index == pii.phone_index(sealer, key), visible)
            )
        )
    if kind in BY_CARD_NUMBER or kind in BY_UID:
        col = Card.number if kind in BY_CARD_NUMBER else Card.uid
        member_id = s.scalar(select(Card.member_id).where(col == key))
        if member_id is None:
            return []
        m = s.get(Member, member_id)
        return [m] if m is not None and m.status not in pii.HIDDEN_STATUSES else []
    exact = list(
        s.scalars(
            select(Member)
            .where(Member.name_index == pii.name_index(sealer, key), visible)
            .order_by(Member.id)
            .limit(limit)
        )
    )
    typed = key.strip()
    if len(typed) <= 1:
        surname = typed
        return list(
            s.scalars(
                select(Member)
                .where(Member.name_masked >= surname, Member.name_masked < surname + _TOP, visible)
                .order_by(Member.name_masked, Member.id)
                .limit(limit)
            )
        )
    # A longer prefix (欧阳, 张伟 for 张伟东): the members of that surname, their sealed
    # names opened and compared, at most NAME_SCAN of them (the masked name keeps the
    # first character only, so no index goes further).
    first = typed[0]
    candidates = s.scalars(
        select(Member)
        .where(Member.name_masked >= first, Member.name_masked < first + _TOP, visible)
        .order_by(Member.id)
        .limit(NAME_SCAN)
    )
    seen = {m.id for m in exact}
    more = [
        m
        for m in candidates
        if m.id not in seen and pii.full_name(sealer, m.name_sealed).startswith(typed)
    ]
    return sorted(exact + more, key=lambda m: m.id)[:limit]


def search_members(ctx: Context, staff: StaffSession, text: str, limit: int = 20) -> SearchResult:
    """Search by phone, card number, UID or name prefix; full details only for managers."""
    if not 1 <= limit <= SEARCH_LIMIT_MAX:
        raise ValidationError(field="limit", problem="1 to {max} expected", max=SEARCH_LIMIT_MAX)
    full = staff.role >= Role.MANAGER
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        kind, key = classify_query(text, rules)
        found = find_members(s, kind, key, limit, ctx.store.sealer)
        details = _details(s, found, full, ctx.store.sealer)
    if full and details:
        _audit_full_view(ctx, staff, [d.member_id for d in details], f"search:{kind.value}")
    return SearchResult(kind, details, full)


def _audit_full_view(ctx: Context, staff: StaffSession, member_ids: list[int], how: str) -> None:
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        uow.audit(
            "member.view_full",
            staff_id=staff.staff_id,
            subject=str(member_ids[0]) if len(member_ids) == 1 else f"{len(member_ids)} members",
            detail={"members": member_ids, "how": how},
        )


def member_details(ctx: Context, staff: StaffSession, member_id: int) -> MemberDetails:
    """One member: full (and audited) for a manager, masked for everyone else."""
    full = staff.role >= Role.MANAGER
    with ctx.store.reading() as s:
        m = s.get(Member, member_id)
        if m is None:
            raise UnknownCard(number=str(member_id))
        (details,) = _details(s, [m], full, ctx.store.sealer)
    if full:
        _audit_full_view(ctx, staff, [member_id], "details")
    return details


# --- edit -----------------------------------------------------------------------------------


_UNSET: object = object()


def edit_member(
    ctx: Context,
    staff: StaffSession,
    member_id: int,
    *,
    name: str | None = None,
    phone: str | None = None,
    birthday: date | object | None = _UNSET,
    gender: str | object | None = _UNSET,
) -> list[str]:
    """Change a member's details (manager only). Returns the fields that changed."""
    _require(staff, Role.MANAGER, phrase("Editing a member"))
    today = ctx.today()
    new: dict[str, object] = {}
    if name is not None:
        new["name"] = clean_name(name)
    if phone is not None:
        new["phone"] = normalise_phone(phone)
    if birthday is not _UNSET:
        assert birthday is None or isinstance(birthday, date)
        new["birthday"] = check_birthday(birthday, today)
    if gender is not _UNSET:
        assert gender is None or isinstance(gender, str)
        new["gender"] = check_gender(gender)
    if not new:
        raise ValidationError(field="member", problem="nothing to change")
    with ctx.store.unit_of_work(ctx.terminal_id, ctx.now_iso()) as uow:
        s = uow.session
        m = s.get(Member, member_id)
        if m is None:
            raise UnknownCard(number=str(member_id))
        sealer = ctx.store.sealer
        if "phone" in new and _phone_taken(s, sealer, str(new["phone"]), except_member=member_id):
            raise ValidationError(
                field="phone",
                problem="{phone} already belongs to a member",
                phone=mask_phone(str(new["phone"])),
            )
        profile = s.get(MemberProfile, member_id)
        changed: list[str] = []
        current = {
            "name": pii.full_name(sealer, m.name_sealed),
            "phone": pii.full_phone(sealer, m.phone_sealed),
            "birthday": m.birthday,
        }
        for key in ("name", "phone", "birthday"):
            if key in new and current[key] != new[key]:
                current[key] = new[key]  # type: ignore[assignment]
                changed.append(key)
        if "name" in changed or "phone" in changed:
            for col, value in pii.member_columns(
                sealer, current["name"], current["phone"] or None
            ).items():
                setattr(m, col, value)
        if "birthday" in changed:
            m.birthday = current["birthday"]
        if "gender" in new:
            if profile is None:
                profile = MemberProfile(
                    member_id=member_id, consent_data_use=False, registered_at=m.updated_at
                )
                s.add(profile)
            if profile.gender != new["gender"]:
                profile.gender = new["gender"]  # type: ignore[assignment]
                changed.append("gender")
        if not changed:
            return []
        m.updated_at = uow.now
        event_id = uow.outbox(
            EventKind.MEMBER_UPDATED,
            {"member_id": member_id, **{k: new[k] for k in changed}},
        )
        # The audit names the fields, not the values: no PII in the trail itself.
        uow.audit(
            "member.edit",
            staff_id=staff.staff_id,
            subject=str(member_id),
            event_id=event_id,
            detail={"fields": changed},
        )
    return changed


# --- statement and tier history -------------------------------------------------------------


def member_statement(ctx: Context, member_id: int, limit: int | None = None) -> Statement:
    """Every ledger entry of the member in order, with its reason and running balances.

    Card replacements and card fees appear as lines of their own: the
    replacement moves no money (balances are the member's, not the card's) but
    the member sees what the new card carries.
    """
    with ctx.store.reading() as s:
        m = s.get(Member, member_id)
        if m is None:
            raise UnknownCard(number=str(member_id))
        rows: list[tuple[str, int, int, StatementLine]] = []
        sv = s.execute(
            select(StoredValueEntry, Sale.receipt_no)
            .outerjoin(Sale, Sale.id == StoredValueEntry.sale_id)
            .where(StoredValueEntry.member_id == member_id)
        ).all()
        for e, receipt in sv:
            line = StatementLine(
                at=e.created_at,
                business_date=e.business_date,
                ledger="stored_value",
                reason=e.kind,
                principal=Money(e.principal_delta_fen),
                bonus=Money(e.bonus_delta_fen),
                receipt_no=receipt,
                note=_stored_note(e.note),
            )
            rows.append((e.created_at, 0, e.id, line))
        pts = s.execute(
            select(PointsEntry, PointsLot.expires_on, Sale.receipt_no)
            .join(PointsLot, PointsLot.id == PointsEntry.lot_id)
            .outerjoin(Sale, Sale.id == PointsEntry.sale_id)
            .where(PointsEntry.member_id == member_id)
        ).all()
        for p, expires, receipt in pts:
            line = StatementLine(
                at=p.created_at,
                business_date=p.created_at[:10],
                ledger="points",
                reason=p.kind,
                points=p.delta,
                receipt_no=receipt,
                lot_expires_on=expires,
            )
            rows.append((p.created_at, 1, p.id, line))
        numbers = {
            c.id: c.number for c in s.scalars(select(Card).where(Card.member_id == member_id))
        }
        for t in s.scalars(select(CardTransfer).where(CardTransfer.member_id == member_id)):
            note = Text(
                "card {old} replaced by {new}: {total} stored value ({principal} principal, "
                "{bonus} bonus), {points} points in {lots} lots, {coupons} coupons, tier {tier}",
                old=mask_card(numbers.get(t.old_card_id, "?")),
                new=mask_card(numbers.get(t.new_card_id, "?")),
                total=Money(t.sv_principal_fen + t.sv_bonus_fen),
                principal=Money(t.sv_principal_fen),
                bonus=Money(t.sv_bonus_fen),
                points=t.points,
                lots=len(t.lots),
                coupons=t.coupons,
                tier=_tier_name(ctx, s, t.tier_code),
            )
            line = StatementLine(
                at=t.at,
                business_date=t.business_date,
                ledger="card",
                reason="card_transfer",
                note=note,
            )
            rows.append((t.at, 2, t.id, line))
        for f in s.scalars(select(CardFee).where(CardFee.member_id == member_id)):
            if f.tender_kind == "stored_value":
                continue  # already a stored-value entry of reason card_fee
            line = StatementLine(
                at=f.created_at,
                business_date=f.business_date,
                ledger="card",
                reason=f"card_fee_{f.kind}",
                note=Text(
                    "{amount} paid by {tender}",
                    amount=Money(f.amount_fen),
                    tender=tender_name(f.tender_kind),
                ),
            )
            rows.append((f.created_at, 2, f.id, line))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    out: list[StatementLine] = []
    principal = bonus = points = 0
    for _, _, _, line in rows:
        principal += line.principal.fen
        bonus += line.bonus.fen
        points += line.points
        out.append(replace(line, sv_after=Money(principal + bonus), points_after=points))
    if limit is not None:
        out = out[-limit:]
    return Statement(member_id, tuple(out), Money(principal), Money(bonus), points)


# Notes the till itself writes into the ledgers (``sync.local.reconcile``; the balances a
# seed or an import brings in): shown translated. A person's own words are shown as typed.
HQ_BALANCE_NOTE = phrase("confirmed balance from head office")
OPENING_BALANCE_NOTE = phrase("opening balance")
_KNOWN_NOTES = frozenset({HQ_BALANCE_NOTE, OPENING_BALANCE_NOTE})


def _stored_note(note: str | None) -> str:
    """A ledger row's note: a known phrase of the till's (translatable), else a person's words."""
    if note in _KNOWN_NOTES:
        return Text(note)
    return note or ""


def _tier_name(ctx: Context, s: Session, code: str) -> str:
    """The tier's name in the programme (what the member knows), else its code."""
    try:
        return ctx.rules(s)[1].tier(code).name
    except (KeyError, ValidationError):
        return code


def tier_history(ctx: Context, member_id: int) -> list[TierHistoryLine]:
    """The member's tier changes, oldest first (the checkout's upgrades included)."""
    with ctx.store.reading() as s:
        if s.get(Member, member_id) is None:
            raise UnknownCard(number=str(member_id))
        lines = [
            (
                r.at,
                TierHistoryLine(r.at, r.from_tier, r.to_tier, r.reason, Money(r.window_spend_fen)),
            )
            for r in s.scalars(
                select(TierChangeRow)
                .where(TierChangeRow.member_id == member_id)
                .order_by(TierChangeRow.id)
            )
        ]
        recorded = {(r.at, r.to_tier) for _, r in lines}
        # Databases from before the checkout kept tier history: its upgrades are in the
        # audit log only.
        for a in s.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "member.tier_upgrade", AuditEntry.subject == str(member_id)
            )
        ):
            to_tier = str(a.detail.get("to", ""))
            if (a.at, to_tier) in recorded:
                continue
            lines.append((a.at, TierHistoryLine(a.at, a.detail.get("from"), to_tier, "upgrade")))
    lines.sort(key=lambda x: x[0])
    return [line for _, line in lines]


def member_labels(ctx: Context, member_ids: Iterable[int]) -> dict[int, str]:
    """Each member as a list row names them: id, name and the phone masked."""
    ids = sorted(set(member_ids))
    if not ids:
        return {}
    with ctx.store.reading() as s:
        rows = s.execute(
            select(Member.id, Member.name_masked, Member.phone_masked).where(Member.id.in_(ids))
        )
        return {int(mid): f"{mid} {name or ''} {phone or ''}".strip() for mid, name, phone in rows}

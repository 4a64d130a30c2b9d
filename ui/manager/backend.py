"""The manager window's door into ``pos_member``: thin calls into the manager services.

Every method runs on a ``ui.tasks`` lane, never on the GUI thread: database
work on the ``db`` lane, the secure-card write on the ``device`` lane (it
waits for the reader driver's own thread, where the APDUs go). Nothing here
decides a rule: validation, fees, what a replacement moves and every figure
of the reports come from the services and reports they call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from drivers.base import CardRead
from pos_member.domain.errors import NotAllowed
from pos_member.domain.money import Money
from pos_member.domain.rules import CouponKind, CouponTemplate
from pos_member.reports import analytics as an
from pos_member.reports import pdf
from pos_member.services import auth, campaigns
from pos_member.services import cards as cs
from pos_member.services import members as ms
from pos_member.services.context import Approval, Context, Role, StaffSession
from ui.timefmt import local_time

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LotView:
    points: int
    expires_on: str  # "" when the lot never expires


@dataclass(frozen=True, slots=True)
class ReplacementPreview:
    """What a new card will carry for the member of ``old_number`` (read, nothing written)."""

    old_number: str
    old_state: str
    member_id: int
    member_name: str
    tier_code: str
    sv_principal: Money
    sv_bonus: Money
    points: int
    lots: tuple[LotView, ...]
    coupons: int
    fee: Money


@dataclass(frozen=True, slots=True)
class MemberPage:
    """One member as the manager's panel shows them: details, statement, tier history."""

    details: ms.MemberDetails
    statement: ms.Statement
    tiers: tuple[ms.TierHistoryLine, ...]


@dataclass(frozen=True, slots=True)
class CouponSpec:
    """A coupon as the manager typed it (amount off, minimum spend, days valid)."""

    name: str
    value: Money
    minimum_spend: Money
    valid_days: int

    def template(self) -> CouponTemplate:
        return CouponTemplate(
            self.name.strip(),
            CouponKind.AMOUNT_OFF,
            self.valid_days,
            value=self.value,
            minimum_spend=self.minimum_spend,
        )


@dataclass(frozen=True, slots=True)
class RefusedRow:
    """An event head office refused, as the manager's page lists it (nothing of it applied)."""

    event_id: str
    at: str  # local time
    kind: str  # the event kind, e.g. "refund.completed"
    member: str  # "12 张三 138****5678", or "" when the event names no member
    amount: Money | None  # the money it moves, when it moves any
    points: int | None  # the points it moves, when it moves any
    receipt_no: str
    code: str  # head office's refusal code ("local" when the till itself could not send it)
    reason: str  # the reason as the till recorded it (English)


class ManagerBackend:
    """Adapter from the manager screens to the services, around one service ``Context``."""

    def __init__(self, ctx: Context, *, store_name: str = "", cards_dir: Path | None = None):
        self.ctx = ctx
        self.store_name = store_name or ctx.settings.store_id
        db = Path(ctx.settings.db_path)
        self.cards_dir = cards_dir or db.parent / "card-faces"
        self.reports_dir = db.parent / "reports"
        self.exports_dir = db.parent / "exports"
        self.cashier_backend: Any = None

    # ------------------------------------------------------------- day close
    def day_report(self) -> Any:
        """Today's shifts on this till, closed or not yet (nothing written)."""
        from pos_member.services import shifts

        return shifts.day_report(self.ctx), shifts.current_shift(self.ctx)

    def day_close(self, staff: StaffSession) -> Any:
        """日结: refused while a shift is open; printed on the till's printer when it has one."""
        from pos_member.services import shifts

        report = shifts.day_close(self.ctx, staff)
        if self.cashier_backend is not None and self.cashier_backend.printing is not None:
            self.cashier_backend.print_receipt(f"D-{report.business_date}")
        return report

    @classmethod
    def from_cashier(cls, backend: Any) -> ManagerBackend:
        """Built on the cashier app's ``ui.backend.Backend`` (shares its context and store)."""
        m = cls(backend.ctx)
        m.cashier_backend = backend  # its printer prints the day's close
        return m

    # ----------------------------------------------------------------- staff
    def login(self, staff_id: str, pin: str) -> StaffSession:
        """The services' login, then the manager role: manager mode is for managers only."""
        staff = auth.login(self.ctx, staff_id, pin)
        if staff.role < Role.MANAGER:
            raise NotAllowed(action="Manager mode", role="manager")
        return staff

    def approve(self, staff_id: str, pin: str, action: str) -> Approval:
        return auth.approve(self.ctx, staff_id, pin, action)

    def needs_approval(self, staff: StaffSession, action: str) -> bool:
        try:
            auth.require(staff, action, None)
        except NotAllowed:
            return True
        return False

    # --------------------------------------------------------------- members
    def search(self, staff: StaffSession, text: str) -> ms.SearchResult:
        return ms.search_members(self.ctx, staff, text, limit=50)

    def member_page(self, staff: StaffSession, member_id: int) -> MemberPage:
        details = ms.member_details(self.ctx, staff, member_id)
        statement = ms.member_statement(self.ctx, member_id)
        tiers = tuple(ms.tier_history(self.ctx, member_id))
        return MemberPage(details, statement, tiers)

    def register(
        self,
        staff: StaffSession,
        *,
        name: str,
        phone: str,
        birthday: date | None,
        gender: str | None,
        consent: bool,
    ) -> ms.Registered:
        return ms.register_member(
            self.ctx,
            ms.RegisterRequest(
                staff=staff,
                name=name,
                phone=phone,
                consent=consent,
                birthday=birthday,
                gender=gender,
            ),
        )

    def edit(
        self,
        staff: StaffSession,
        member_id: int,
        *,
        name: str,
        phone: str,
        birthday: date | None,
        gender: str | None,
    ) -> list[str]:
        """The fields the service changed (none when everything was already so)."""
        return ms.edit_member(
            self.ctx, staff, member_id, name=name, phone=phone, birthday=birthday, gender=gender
        )

    # ---------------------------------------------------------- privacy (issue 18)
    def export_member_data(self, staff: StaffSession, member_id: int) -> Any:
        """The member's local data as JSON and PDF under ``exports/`` beside the database."""
        from pos_member.services import privacy

        return privacy.export_member_data(self.ctx, staff, member_id, self.exports_dir)

    def withdraw_marketing(self, staff: StaffSession, member_id: int) -> str:
        from pos_member.services import privacy

        return privacy.withdraw_consent(self.ctx, staff, member_id, "marketing")

    def local_time(self, stamp: str) -> str:
        """A stored UTC timestamp in the store's time zone, to the second (no database)."""
        return local_time(stamp, self.ctx.settings.timezone)

    def tier_names(self) -> dict[str, str]:
        with self.ctx.store.reading() as s:
            _, rules = self.ctx.rules(s)
        return {t.code: t.name for t in rules.tiers}

    # ------------------------------------------------------------------ cards
    def fees(self) -> tuple[Money, Money]:
        """(card fee, replacement fee) as the programme's rules set them."""
        with self.ctx.store.reading() as s:
            _, rules = self.ctx.rules(s)
        return rules.card_fee, rules.replacement_fee

    def secure_plan(self, uid: str) -> tuple[str, int]:
        """The number and issuance counter to write into the blank card ``uid``."""
        return cs.next_card_number(self.ctx), cs.next_secure_counter(self.ctx, uid)

    @staticmethod
    def write_secure(writer: Any, read: CardRead, number: str, counter: int) -> CardRead:
        """The driver writes the sector on its own thread; this lane waits for its answer."""
        result: CardRead = writer.issue_secure(read.reader, number, counter)
        return result

    def issue(
        self,
        staff: StaffSession,
        member_id: int,
        new: cs.NewCard,
        fee: cs.FeePayment | None,
    ) -> cs.IssuedCard:
        return cs.issue_card(self.ctx, staff, member_id, new, fee)

    def report_lost(self, staff: StaffSession, number: str, reason: str) -> str:
        return cs.report_lost(self.ctx, staff, number, reason)

    def report_found(self, staff: StaffSession, number: str, reason: str) -> str:
        """解除挂失: the member found the card; it works again."""
        return cs.report_found(self.ctx, staff, number, reason)

    def replacement_preview(self, staff: StaffSession, old_number: str) -> ReplacementPreview:
        """What the new card would carry: the member's balances, points lots, tier, coupons."""
        from pos_member.services.ledgers import member_lots

        found = ms.search_members(self.ctx, staff, old_number, limit=1)
        if not found.members:
            from pos_member.domain.errors import UnknownCard

            raise UnknownCard(number=old_number)
        d = found.members[0]
        state = next((c.state for c in d.cards if c.number == old_number), "")
        from pos_member.services.members import usable_coupons

        today = self.ctx.today()
        with self.ctx.store.reading() as s:
            lots, entries = member_lots(s, d.member_id)
            left = {e.lot_id: e.delta for e in entries}
            coupons = len(usable_coupons(s, d.member_id, today))
        _, fee = self.fees()
        return ReplacementPreview(
            old_number=old_number,
            old_state=state,
            member_id=d.member_id,
            member_name=d.name,
            tier_code=d.tier_code,
            sv_principal=d.sv_principal,
            sv_bonus=d.sv_bonus,
            points=d.points,
            lots=tuple(
                LotView(left[lot.lot_id], lot.expires_on.isoformat() if lot.expires_on else "")
                for lot in sorted(lots, key=lambda x: (x.expires_on or date.max, x.lot_id))
            ),
            coupons=coupons,
            fee=fee,
        )

    def replace(
        self,
        staff: StaffSession,
        old_number: str,
        new: cs.NewCard,
        fee: cs.FeePayment | None,
        approval: Approval | None,
        reason: str,
    ) -> cs.ReplacedCard:
        return cs.replace_card(self.ctx, staff, old_number, new, fee, approval, reason)

    def card_face(self, number: str, tier_code: str) -> Path:
        """The card face as a print-ready PDF (CR80), written next to the database."""
        from pos_member.receipts.cards import CardFace, render_card

        tier = self.tier_names().get(tier_code, tier_code)
        self.cards_dir.mkdir(parents=True, exist_ok=True)
        path = self.cards_dir / f"card-{number}.pdf"
        path.write_bytes(render_card(CardFace(self.store_name, number, tier)))
        return path

    # ---------------------------------------------------------------- coupons
    def issue_coupon(
        self, staff: StaffSession, member_id: int, spec: CouponSpec, code: str, reason: str
    ) -> str:
        return campaigns.issue_coupon(self.ctx, staff, member_id, spec.template(), code, reason)

    def run_campaign(
        self, staff: StaffSession, code: str, segment: str, spec: CouponSpec
    ) -> campaigns.CampaignReport:
        return campaigns.run_campaign(self.ctx, staff, code, spec.name, segment, spec.template())

    # ----------------------------------------------------------- programme jobs
    def run_jobs(self, staff: StaffSession) -> list[Any]:
        """Today's tier review and points expiry, as an offline terminal runs them (idempotent)."""
        from pos_member.services import jobs

        if staff.role < Role.MANAGER:
            raise NotAllowed(action="Running the programme jobs", role="manager")
        today = self.ctx.today()
        return [jobs.review_tiers(self.ctx, today), jobs.expire_points(self.ctx, today)]

    # ------------------------------------------------------ refused by head office
    def refused(self) -> list[RefusedRow]:
        """The events this till set aside because head office refused them, oldest first."""
        from pos_member.services.members import member_labels
        from pos_member.sync.client import refused_events

        events = refused_events(self.ctx.store)
        ids = {int(m) for e in events if isinstance(m := e.payload.get("member_id"), int)}
        people = member_labels(self.ctx, ids)
        rows = []
        for e in events:
            p = e.payload
            mid = p.get("member_id")
            fen: int | None = None
            for key in ("total_fen", "amount_fen"):
                if isinstance(p.get(key), int):
                    fen = int(p[key])
                    break
            else:
                if isinstance(p.get("principal_fen"), int):
                    fen = int(p["principal_fen"]) + int(p.get("bonus_fen") or 0)
            pts = next((int(p[k]) for k in ("delta", "points") if isinstance(p.get(k), int)), None)
            rows.append(
                RefusedRow(
                    event_id=e.event_id,
                    at=self.local_time(e.created_at),
                    kind=e.kind,
                    member=people.get(mid, str(mid)) if isinstance(mid, int) else "",
                    amount=Money(fen) if fen is not None else None,
                    points=pts,
                    receipt_no=str(p.get("receipt_no") or ""),
                    code=e.code,
                    reason=e.reason,
                )
            )
        return rows

    # ---------------------------------------------------------------- reports
    def today(self) -> date:
        return self.ctx.today()

    def report(self, start: date, end: date) -> pdf.AnalyticsReport:
        """Programme metrics, RFM segments, lifecycle stages and sales for the period."""
        from datetime import datetime
        from zoneinfo import ZoneInfo

        if end < start:
            from pos_member.domain.errors import ValidationError

            raise ValidationError(field="period", problem="the first day is after the last day")
        stamp = self.ctx.now().astimezone(ZoneInfo(self.ctx.settings.timezone))
        with self.ctx.store.reading() as s:
            _, rules = self.ctx.rules(s)
            return pdf.build_analytics_report(
                s,
                store=self.store_name,
                start=start,
                end=end,
                timezone=self.ctx.settings.timezone,
                generated_at=datetime.strftime(stamp, "%Y-%m-%d %H:%M"),
                redeem=rules.redeem,
                params=an.Params(as_of=end),
            )

    def export_pdf(self, report: pdf.AnalyticsReport, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        return pdf.render_analytics_pdf(report, path)

    def default_pdf_path(self, report: pdf.AnalyticsReport) -> Path:
        return self.reports_dir / f"analytics-{report.start}-{report.end}.pdf"

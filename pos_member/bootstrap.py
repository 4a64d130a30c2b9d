"""The one place that wires the terminal together from its settings.

``open_terminal(config)`` opens (and migrates) the database and returns a
``Terminal``: the services bound to one context. ``config`` is the core's
settings read once (``pos_member.config.Config``); its pieces go to the store
and the services (terminal settings), the head-office link (sync settings) and,
through ``Terminal.config``, to the printers, receipts and sync client the
entry points build. The cashier UI, the manager window, the commands and the
sync client hold a ``Terminal`` or a ``Context`` built here; nothing is built at
import time, and no settings class is read anywhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from pos_member.config import Config, as_config
from pos_member.domain.identifiers import IdKind
from pos_member.domain.money import Money
from pos_member.domain.pricing import PricedSale
from pos_member.domain.rules import ProgrammeRules
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, ScaleLayout
from pos_member.services import adjustments as adj
from pos_member.services import auth, member_pin, shifts
from pos_member.services import checkout as co
from pos_member.services import count_cards as cc
from pos_member.services import identify as ident
from pos_member.services import refund as rf
from pos_member.services import stored_value as sv
from pos_member.services.clock import guarded_clock
from pos_member.services.context import Approval, Context, StaffSession
from pos_member.services.programme import install_rules
from pos_member.settings import Settings
from pos_member.store.db import Store
from pos_member.sync.authorise import HeadOfficeAuthoriser
from pos_member.sync.sale_lookup import HeadOfficeSaleLookup

log = logging.getLogger(__name__)


class Terminal:
    """The terminal's services bound to its store, settings, clock and link state."""

    def __init__(self, ctx: Context, config: Config | None = None) -> None:
        self.ctx = ctx
        self.config = config if config is not None else Config.of(ctx.settings)
        self._online = True
        self.closing: list[Callable[[], None]] = []

    @property
    def store(self) -> Store:
        return self.ctx.store

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    # -- link state (the sync client calls this) --
    def set_online(self, online: bool) -> None:
        self._online = online

    @property
    def online(self) -> bool:
        """Enrolled: head office's answers decide (``services.offline_caps.link_online``).

        A terminal never enrolled has no head office to reach, so the flag the
        app sets stands (the cashier app keeps it off: offline limits apply).
        """
        linked = self.ctx.enrolled_online()
        return self._online if linked is None else linked

    # -- staff --
    def login(self, staff_id: str, pin: str) -> StaffSession:
        return auth.login(self.ctx, staff_id, pin)

    def approve(self, staff_id: str, pin: str, action: str) -> Approval:
        return auth.approve(self.ctx, staff_id, pin, action)

    # -- members --
    def identify(self, text: str, kind: IdKind | None = None) -> ident.MemberView:
        return ident.identify(self.ctx, text, kind)

    def member(self, member_id: int) -> ident.MemberView:
        return ident.member_view(self.ctx, member_id)

    def set_pay_pin(self, staff: StaffSession, member_id: int, pin: str) -> None:
        member_pin.set_pay_pin(self.ctx, staff, member_id, pin)

    # -- selling --
    def quote(self, req: co.CheckoutRequest) -> PricedSale:
        return co.quote(self.ctx, req)

    def checkout(self, req: co.CheckoutRequest) -> co.SaleResult:
        return co.checkout(self.ctx, req)

    def refund(self, req: rf.RefundRequest) -> co.SaleResult:
        return rf.refund(self.ctx, req)

    def recharge(self, req: sv.RechargeRequest) -> co.SaleResult:
        return sv.recharge(self.ctx, req)

    def use_count_card(
        self, staff: StaffSession, count_card_id: int, uses: int = 1, event_id: str = ""
    ) -> cc.CountCardUse:
        return cc.use_count_card(self.ctx, staff, count_card_id, uses, event_id)

    # -- corrections (supervisor) --
    def record_void(
        self,
        staff: StaffSession,
        approval: Approval | None,
        cart_id: str,
        lines: tuple[adj.VoidedLine, ...],
        reason: str,
    ) -> None:
        adj.record_void(self.ctx, staff, approval, cart_id, lines, reason)

    def adjust_points(
        self,
        staff: StaffSession,
        approval: Approval | None,
        member_id: int,
        delta: int,
        reason: str,
    ) -> int:
        return adj.adjust_points(self.ctx, staff, approval, member_id, delta, reason)

    def adjust_stored_value(
        self,
        staff: StaffSession,
        approval: Approval | None,
        member_id: int,
        principal: Money,
        bonus: Money,
        reason: str,
    ) -> Money:
        return adj.adjust_stored_value(
            self.ctx, staff, approval, member_id, principal, bonus, reason
        )

    # -- shifts --
    def open_shift(self, staff: StaffSession, opening_float: Money) -> int:
        return shifts.open_shift(self.ctx, staff, opening_float)

    def x_report(self, shift_id: int | None = None) -> shifts.ShiftReport:
        return shifts.x_report(self.ctx, shift_id)

    def close_shift(self, staff: StaffSession, counted_cash: Money) -> shifts.ShiftReport:
        return shifts.close_shift(self.ctx, staff, counted_cash)

    # -- reference data --
    def rules(self) -> ProgrammeRules:
        with self.store.reading() as s:
            return self.ctx.rules(s)[1]

    def install_rules(self, rules: ProgrammeRules, effective_from: str) -> None:
        with self.store.unit_of_work(self.ctx.terminal_id, self.ctx.now_iso()) as uow:
            install_rules(uow, rules, effective_from)

    def close(self) -> None:
        for close in self.closing:
            close()
        self.store.close()

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_terminal(
    settings: Settings | Config,
    *,
    clock: Callable[[], datetime] | None = None,
    create: bool = True,
    scale_layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS,
) -> Terminal:
    """Open the terminal database named by ``settings`` and bind the services to it.

    ``settings`` is the settings bundle (``Config``), or bare terminal settings
    (tests): the other classes are then read once here.

    ``create=False`` refuses a missing file (``StoreMissing``) instead of starting an
    empty store: the cashier app opens a configured store that way. The services run
    on the guarded clock (``services.clock``) unless ``clock`` is given.
    ``scale_layouts`` are the store's scale label layouts (the device settings'),
    so the catalogue sells a label as the scanner's classifier reads it.
    """
    config = as_config(settings)
    settings = config.terminal
    store = Store.open(settings.db_path, busy_timeout_ms=settings.busy_timeout_ms, create=create)
    if clock is None:
        clock = guarded_clock(store.raw_reader(), max_skew_s=settings.clock_max_skew_s)
    authoriser = HeadOfficeAuthoriser(store, config.sync)
    sale_lookup = HeadOfficeSaleLookup(store, config.sync)
    ctx = Context(
        store=store,
        settings=settings,
        clock=clock,
        offline_after_s=config.sync.offline_after_s,
        authoriser=authoriser,
        sale_lookup=sale_lookup,
        scale_layouts=scale_layouts,
    )
    terminal = Terminal(ctx, config)
    terminal.closing.append(authoriser.close)
    terminal.closing.append(sale_lookup.close)
    ctx.online = lambda: terminal.online
    log.info("terminal %s opened its database", settings.terminal_id)
    return terminal


def open_context(settings: Settings | Config) -> Context:
    """The services' context on an existing store (no head office, no clock guard): for
    commands that read it, such as printing a receipt or card faces again."""
    config = as_config(settings)
    return Context(
        store=Store.open(config.terminal.db_path, create=False),
        settings=config.terminal,
        offline_after_s=config.sync.offline_after_s,
    )

"""What every service needs: the store, the settings, the clock and the link state.

Built once by ``pos_member.bootstrap`` and passed in; tests build their own
with a fixed clock. Nothing here reads the wall clock except ``utc_now``, the
default clock.
"""

from __future__ import annotations

import enum
import json
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pos_member.domain.authorise import SpendAuthoriser
from pos_member.domain.errors import ValidationError
from pos_member.domain.promotions import PromotionInvalid
from pos_member.domain.remote_sale import SaleLookup
from pos_member.domain.rules import ProgrammeRules, VersionWindow, in_force
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, ScaleLayout
from pos_member.domain.text import phrase
from pos_member.services.clock import GuardedClock
from pos_member.services.offline_caps import link_online
from pos_member.settings import Settings, SyncSettings
from pos_member.store.db import Store
from pos_member.store.models import ProgrammeRules as RulesRow

log = logging.getLogger(__name__)

# Versions that have started by a business date (ISO text: text order is date
# order); ``rules.in_force`` picks the one in force among them.
_STARTED_SQL = (
    "SELECT version, effective_from, effective_until FROM programme_rules"
    " WHERE effective_from <= :today"
)
_STARTED = text(_STARTED_SQL)
_ANY_RULES = "SELECT min(effective_from) FROM programme_rules"


def _in_force(rows: Sequence[Sequence[Any]], today: date) -> int | None:
    return in_force([VersionWindow.parse(v, since, until) for v, since, until in rows], today)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Role(enum.IntEnum):
    """Staff roles, in order of authority."""

    CASHIER = 1
    SUPERVISOR = 2
    MANAGER = 3

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.upper()]
        except KeyError:
            raise ValidationError(
                field="role", problem="'{role}' is not a staff role", role=text
            ) from None

    @property
    def label(self) -> str:
        """The role's name, as stored and as "... needs a manager's approval" says it."""
        return self.name.lower()


# The labels, marked: a sentence naming a role is translated on screen.
ROLE_LABELS = (phrase("cashier"), phrase("supervisor"), phrase("manager"))


@dataclass(frozen=True, slots=True)
class StaffSession:
    """A logged-in member of staff."""

    staff_id: str
    name: str
    role: Role


@dataclass(frozen=True, slots=True)
class Approval:
    """A supervisor's credential, checked with their PIN, for one action."""

    staff_id: str
    role: Role
    action: str


def _from_last_contact() -> bool:
    """Placeholder default of ``Context.online``: replaced by ``Context.enrolled_online``."""
    raise AssertionError("Context.__post_init__ replaces this")


def _offline_after_s() -> float:
    """The setting's declared default: the root (``bootstrap``) passes the one it read."""
    default = SyncSettings.model_fields["offline_after_s"].default
    assert isinstance(default, float)
    return default


@dataclass
class Context:
    store: Store
    settings: Settings
    clock: Callable[[], datetime] = utc_now
    # Whether head office is confirmed reachable. By default the sync client's
    # record of head office's answers decides (``offline_caps.link_online``); a
    # terminal never enrolled counts as online (nothing to be out of touch
    # with). Tests and the app may pass their own.
    online: Callable[[], bool] = _from_last_contact
    offline_after_s: float = field(default_factory=_offline_after_s)
    # Asks head office to hold a stored-value or points spend while online
    # (``domain.authorise``); None: no head office to ask, local rules only.
    authoriser: SpendAuthoriser | None = None
    # Finds a receipt of another store at head office for a refund (``domain.remote_sale``);
    # None: only this till's own receipts can be refunded.
    sale_lookup: SaleLookup | None = None
    # The store's scale label layouts (``DeviceSettings.scale_layouts``, given by the root).
    scale_layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS
    _rules_cache: dict[int, ProgrammeRules] = field(default_factory=dict)
    #: Versions this build cannot read (a promotion kind it does not know...), with why:
    #: they are passed over for the last version it understood (``rules``).
    refused_rules: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.online is _from_last_contact:
            self.online = lambda: self.enrolled_online() is not False

    def enrolled_online(self) -> bool | None:
        """Confirmed online by head office's answers (``offline_caps.in_touch``), or
        None if never enrolled.

        Read on the store's plain connection: services ask this on every sale.
        """
        return link_online(self.store.raw_reader(), self.now(), self.offline_after_s)

    @property
    def terminal_id(self) -> str:
        return self.settings.terminal_id

    def now(self) -> datetime:
        now = self.clock()
        if now.tzinfo is None:
            raise ValueError("the clock must return an aware datetime")
        return now

    def now_iso(self) -> str:
        return self.now().astimezone(UTC).isoformat(timespec="microseconds")

    def today(self) -> date:
        """The business date in the store's time zone."""
        return self.now().astimezone(ZoneInfo(self.settings.timezone)).date()

    @property
    def guard(self) -> GuardedClock | None:
        """The guarded clock, when this context runs on one (the app and the commands do)."""
        return self.clock if isinstance(self.clock, GuardedClock) else None

    def clock_skew(self) -> timedelta | None:
        """How far the PC's clock is off head office's, when beyond the setting; else None."""
        guard = self.guard
        if guard is None or not guard.skewed():
            return None
        return guard.skew()

    def job_date(self, wanted: date | None = None) -> date:
        """The date a job acts on: ``wanted`` (default today), never past head office's
        last known time plus the monotonic time since (``GuardedClock.head_office_bound``)."""
        day = wanted or self.today()
        guard = self.guard
        bound = guard.head_office_bound() if guard is not None else None
        if bound is not None:
            last = bound.astimezone(ZoneInfo(self.settings.timezone)).date()
            if day > last:
                log.warning("a job asked for %s, beyond head office's date %s: %s used", day,
                            last, last)  # fmt: skip
                day = last
        return day

    def rules(self, session: Session) -> tuple[int, ProgrammeRules]:
        """The programme rules in force today (the store's business date, by this clock).

        Not the highest version: a version published for next month waits for
        its ``effective_from``, and one with an ``effective_until`` gives way
        again after that day (``rules.in_force``).
        """
        today = self.today()
        started = session.execute(_STARTED, {"today": today.isoformat()}).all()
        return self._understood(
            started,
            today,
            lambda: session.execute(text(_ANY_RULES)).scalar(),
            lambda v: session.scalar(select(RulesRow.document).where(RulesRow.version == v)),
        )

    def rules_raw(self, conn: sqlite3.Connection) -> tuple[int, ProgrammeRules]:
        """``rules`` on a plain sqlite3 connection (the hot lookup path)."""
        today = self.today()
        started = conn.execute(_STARTED_SQL, {"today": today.isoformat()}).fetchall()

        def load(v: int) -> dict[str, Any] | None:
            row = conn.execute(
                "SELECT document FROM programme_rules WHERE version = ?", (v,)
            ).fetchone()
            return json.loads(row[0]) if row else None

        return self._understood(
            started, today, lambda: conn.execute(_ANY_RULES).fetchone()[0], load
        )

    def _understood(
        self,
        started: Sequence[Sequence[Any]],
        today: date,
        first_start: Callable[[], str | None],
        load: Callable[[int], dict[str, Any] | None],
    ) -> tuple[int, ProgrammeRules]:
        """The version in force among those this build can read: one it cannot (a
        promotion kind it does not know) is refused, logged once with the reason, and
        the till keeps the version it understood before, never pricing without a
        promotion head office published (``refused_rules`` says which and why)."""
        rows = [r for r in started if int(r[0]) not in self.refused_rules]
        while True:
            version = _in_force(rows, today)
            if version is None:
                if self.refused_rules and len(rows) < len(started):
                    newest = max(self.refused_rules)
                    raise ValidationError(
                        field="programme rules",
                        problem="version {version} uses what this till does not know: upgrade"
                        " the till ({detail})",
                        version=newest,
                        detail=self.refused_rules[newest],
                    )
                self._none_in_force(first_start())
            try:
                return self._rules_for(version, load)
            except PromotionInvalid as exc:
                if version not in self.refused_rules:
                    log.error(
                        "programme rules version %s refused (upgrade the till): %s; the"
                        " last version understood stays in force",
                        version,
                        exc,
                    )
                    self.refused_rules[version] = str(exc)
                rows = [r for r in rows if int(r[0]) != version]

    def _none_in_force(self, first_start: str | None) -> NoReturn:
        if first_start is None:
            raise ValidationError(
                field="programme rules", problem="none loaded yet: sync with head office first"
            )
        raise ValidationError(
            field="programme rules",
            problem="none in force on {today}: check the till's date, or sync with head office",
            today=self.today().isoformat(),
        )

    def _rules_for(
        self, version: int, load: Callable[[int], dict[str, Any] | None]
    ) -> tuple[int, ProgrammeRules]:
        cached = self._rules_cache.get(version)
        if cached is None:
            doc = load(version)
            assert doc is not None
            cached = ProgrammeRules.from_dict(doc)  # PromotionInvalid: see _understood
            self._rules_cache.clear()
            self._rules_cache[version] = cached
        return version, cached

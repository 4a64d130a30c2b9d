"""Online authorisation of spends over the sync client's HTTP transport.

``HeadOfficeAuthoriser`` is the ``domain.authorise.SpendAuthoriser`` the
composition root gives checkout: it asks head office for a hold
(``POST /api/v1/holds``) with a short timeout, so a counter whose link is slow
falls back to the offline rules within ``SyncSettings.hold_timeout_s`` instead
of waiting.
"""

from __future__ import annotations

import logging
import ssl
import threading

import httpx
from sqlalchemy import text

from pos_member.domain.authorise import Hold, Offline
from pos_member.domain.errors import HeadOfficeUnreachable, HoldRefused, SyncRefused
from pos_member.domain.money import Money
from pos_member.services import balances
from pos_member.settings import SyncSettings
from pos_member.store.db import Store
from pos_member.sync.client import HeadOfficeHTTP, _verify, load_credentials
from pos_member.wire.holds import HoldRequest

log = logging.getLogger(__name__)


class HeadOfficeLink:
    """One HTTP connection to head office for a counter's online questions, with a
    short budget per request. Thread-safe; a terminal not enrolled has none."""

    def __init__(
        self,
        store: Store,
        settings: SyncSettings | None = None,
        *,
        timeout_s: float | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """``timeout_s``: the budget of one hold request (default: the settings'
        ``hold_timeout_s``, at most 1.5 s)."""
        self.store = store
        self.settings = settings or SyncSettings()
        if timeout_s is None:
            timeout_s = self.settings.hold_timeout_s
        # Connecting and reading share the budget, so the whole call stays within it.
        self.timeout = httpx.Timeout(timeout_s * 2 / 3, connect=timeout_s / 3)
        self._transport = transport
        self._lock = threading.Lock()
        self._http: HeadOfficeHTTP | None = None

    def _client(self) -> HeadOfficeHTTP | None:
        with self._lock:
            if self._http is None:
                creds = load_credentials(self.store)
                if creds is None:
                    return None
                verify: bool | ssl.SSLContext = _verify(self.settings)
                self._http = HeadOfficeHTTP(
                    creds.url,
                    creds.token,
                    timeout_s=self.timeout,
                    verify=verify,
                    transport=self._transport,
                )
            return self._http

    def _reset(self) -> None:
        with self._lock:
            if self._http is not None:
                self._http.close()
                self._http = None

    def close(self) -> None:
        self._reset()


class HeadOfficeAuthoriser(HeadOfficeLink):
    """Holds a member's stored value and points at head office before a payment.

    A terminal not enrolled has nobody to ask (``hold`` answers None).
    """

    def hold(
        self, member_id: int, sale_id: str, stored_value_fen: int, points: int
    ) -> Hold | Offline | None:
        http = self._client()
        if http is None:
            return None
        req = HoldRequest(
            member_id=member_id, sale_id=sale_id, stored_value_fen=stored_value_fen, points=points
        )
        try:
            resp = http.hold(req)
        except HeadOfficeUnreachable as exc:
            return Offline(exc.message)
        except SyncRefused as exc:
            # Re-enrolled elsewhere, a member registered here and not pushed yet...:
            # head office cannot judge this spend, so the counter's own rules do.
            if exc.params.get("status") == 401:
                self._reset()
            return Offline(f"head office refused: {exc.params.get('reason')}")
        if resp.granted and resp.hold_id is not None:
            return Hold(resp.hold_id, resp.expires_at or "")
        short_sv = stored_value_fen > resp.available_fen
        short_points = points > resp.available_points
        if self._unsent_credit(member_id, short_sv, short_points):
            # This till took a recharge or refund head office has not seen yet: its own
            # balance (and the offline caps) decide, not head office's older figure.
            return Offline("head office has not seen this till's credits to the member yet")
        raise HoldRefused(
            available=Money(resp.available_fen),
            points=resp.available_points,
            requested=Money(stored_value_fen),
            requested_points=points,
        )

    def release(self, hold_id: str) -> None:
        http = self._client()
        if http is None:
            return
        try:
            http.release_hold(hold_id)
        except (HeadOfficeUnreachable, SyncRefused) as exc:
            log.info("hold %s not released (%s): it lapses at head office", hold_id, exc)

    def _unsent_credit(self, member_id: int, sv: bool, points: bool) -> bool:
        """Whether unsent events of this till add the stored value (``sv``) or points
        head office found short."""
        with self.store.reading() as s:
            rows = s.connection().execute(
                text("SELECT kind, payload FROM outbox WHERE sent_at IS NULL")
            )
            for kind, raw in rows:
                e = balances.effects_of(kind, balances.payload_of(raw)).get(member_id)
                if e is not None and (
                    (sv and e.principal + e.bonus > 0) or (points and e.points > 0)
                ):
                    return True
        return False

"""The terminal's sync client: enrol, push the outbox, pull changes, on its own thread.

``SyncClient.run_round()`` pushes every unsent outbox event (in batches, card
and member lifecycle events first, each stream in outbox order:
``store.outbox.push_order``) and then pulls changes page by page. A row is
marked sent only after head office acknowledged it; a retry after a lost answer is harmless
because head office applies each event id once and returns the first result.
Each pulled page is applied together with its cursor in one SQLite
transaction. An event head office refuses as malformed or inconsistent (a
bug, never a business problem) is set aside with its reason in
``outbox.last_error`` and stays unsent, so nothing is lost and the rest of the
queue keeps flowing.

``SyncThread`` runs rounds every ``interval_s``, backs off exponentially while
head office cannot be reached (the heavy push and pull only: meanwhile it asks
``GET /health`` every ``probe_interval_s`` to 1.5 times that, and the first
answer after silence starts a round at once, so a till is back within one probe
of head office, whatever the failures before), and reports a ``SyncState`` through a plain
callback on its own thread (the UI turns it into a Qt signal). It never holds
the database for long: a push writes only the acknowledgement, a pull one
page per transaction.
"""

from __future__ import annotations

import logging
import random
import re
import sqlite3
import ssl
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import httpx
from pydantic import ValidationError as PydanticValidationError
from sqlalchemy import bindparam, text

import pos_member
from pos_member.domain.errors import (
    EnrolmentFailed,
    HeadOfficeUnreachable,
    NotEnrolled,
    SyncError,
    SyncRefused,
    UserFacingError,
)
from pos_member.domain.member_code import CHAIN_RE
from pos_member.domain.text import phrase
from pos_member.services.balances import payload_of
from pos_member.services.clock import Anchor, GuardedClock, anchor_state
from pos_member.settings import SyncSettings
from pos_member.store import chain, checks, pii, state
from pos_member.store.db import Store
from pos_member.store.models_sync import sync_acks
from pos_member.store.outbox import push_order
from pos_member.sync import local
from pos_member.sync.apply import ERASED_COUNT, apply_page, read_cursor, write_cursor
from pos_member.wire import schemas
from pos_member.wire.holds import HOLDS_PATH, HoldRequest, HoldResponse
from pos_member.wire.outbound import to_wire
from pos_member.wire.sales import SALES_PATH, ChainSale, LastReceipt
from pos_member.wire.schemas import (
    API_PREFIX,
    REPORT_BACKLOG,
    REPORT_CLOCK,
    REPORT_VERSION,
    EnrolRequest,
    EnrolResponse,
    Event,
    PullPage,
    PushRequest,
    PushResponse,
)

log = logging.getLogger(__name__)

START_CURSOR = "0"
REFUSED_PREFIX = "refused:"

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def _iso(t: datetime) -> str:
    return t.isoformat(timespec="milliseconds")


# --- HTTP ----------------------------------------------------------------------


#: Head office's refusal codes a till can meet, said in words a cashier can act on.
HQ_REASONS: dict[str, str] = {
    "auth.missing": phrase("this till has no head-office credentials: enrol it again"),
    "auth.malformed": phrase("this till's head-office credentials are damaged: enrol it again"),
    "auth.invalid": phrase(
        "head office no longer accepts this till's credentials (was it enrolled again on "
        "another PC?): enrol it again"
    ),
    "enrol.code": phrase("the enrolment code is unknown or already used"),
    "enrol.expired": phrase("the enrolment code has expired: ask head office for a new one"),
    "scope": phrase("an event names another store or till than this one"),
    "scope.member_id": phrase("a member registered here has an id outside this till's block"),
    "member.unknown": phrase("head office does not know a member these events name"),
    "event.changed": phrase("an event was sent before with other content"),
    "invalid": phrase("a value is out of the range head office accepts"),
    "cursor": phrase("head office did not accept this till's sync position"),
    "event.other_terminal": phrase("an event id was used before by another till"),
    "event.kind_unknown": phrase("head office does not know this kind of event"),
    "body.malformed": phrase("head office could not read what this till sent"),
    "sale.id_taken": phrase("head office already has a sale under this sale's id"),
    "receipt.taken": phrase("head office already has a sale under this receipt number"),
    "refund.no_sale": phrase("head office does not have the sale this refund names"),
    "refund.member": phrase("the refund's member is not the member of the sale"),
    "refund.too_much": phrase("the refund gives back more than the sale took"),
    "refund.line": phrase("the refund names a line the sale does not have"),
    "refund.no_receipt": phrase(
        "a refund without a receipt must be cash back for named goods, with no member"
    ),
    "approver.unknown": phrase("head office does not know the staff member who approved this"),
    "approver.role": phrase("the staff member who approved this may not approve it"),
    "adjustment.limit": phrase("the adjustment is beyond what its approver may approve"),
    "expiry.lot": phrase("the expiry names points head office does not know"),
    "expiry.not_expired": phrase("the expiry takes points that have not expired"),
    "expiry.too_much": phrase("the expiry takes more points than are left"),
}


class HeadOfficeHTTP:
    """Thin typed wrapper over httpx; maps failures to the sync errors."""

    def __init__(
        self,
        base_url: str,
        token: str | None,
        *,
        timeout_s: float | httpx.Timeout = 15.0,
        verify: bool | ssl.SSLContext = True,
        transport: httpx.BaseTransport | None = None,
        on_answer: Callable[[httpx.Response], None] | None = None,
        on_failure: Callable[[], None] | None = None,
        report: Callable[[], dict[str, str]] | None = None,
    ) -> None:
        #: Headers telling head office the till's version, backlog and clock (REPORT_*).
        self._report = report
        # Called on every answer head office gives (its clock is in it) and on every
        # request that got none (the till is offline from that moment).
        self._on_answer = on_answer
        self._on_failure = on_failure
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=timeout_s,
            verify=verify,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kw: Any) -> Any:
        if self._report is not None:
            try:
                kw["headers"] = {**self._report(), **kw.get("headers", {})}
            except Exception:  # the report is a courtesy: never a reason not to sync
                log.exception("could not make the till's report for head office")
        try:
            resp = self._http.request(method, API_PREFIX + path, **kw)
            body = resp.content  # reads the whole body: a cut-off body fails here
        except httpx.TransportError as exc:
            self._failed()
            raise HeadOfficeUnreachable(detail=type(exc).__name__) from exc
        if resp.status_code >= 500:
            self._failed()
            raise HeadOfficeUnreachable(detail="HTTP {status}", status=resp.status_code)
        if self._on_answer is not None:
            self._on_answer(resp)
        if resp.status_code >= 400:
            try:
                info = resp.json()
                reason, detail = str(info.get("code", "")), str(info.get("detail", ""))
            except ValueError:
                reason, detail = "", body[:200].decode(errors="replace")
            # Head office words its refusals in English with ids in them; the till says
            # the ones it knows in the cashier's language and logs head office's own.
            log.warning("head office refused %s %s: %s %s", method, path, reason, detail)
            known = HQ_REASONS.get(reason)
            raise SyncRefused(
                status=resp.status_code, reason=reason, detail=detail if known is None else known
            )
        return body

    def _failed(self) -> None:
        if self._on_failure is not None:
            try:
                self._on_failure()
            except Exception:  # recording it must not hide the failure itself
                log.exception("could not record the failed request")

    def answers(self, timeout_s: float) -> bool:
        """True if head office answers ``GET /health`` (the daemon's cheap probe while
        offline). Nothing is recorded when it does not: the round that failed did."""
        try:
            resp = self._http.get(API_PREFIX + "/health", timeout=timeout_s)
        except httpx.TransportError:
            return False
        return resp.status_code == 200

    def enrol(self, code: str, terminal_id: str) -> EnrolResponse:
        body = self._call(
            "POST", "/enrol", json=EnrolRequest(code=code, terminal_id=terminal_id).model_dump()
        )
        return EnrolResponse.model_validate_json(body)

    def push(self, events: list[Event]) -> PushResponse:
        req = PushRequest(events=events)
        body = self._call(
            "POST",
            "/sync/push",
            content=req.model_dump_json(),
            headers={"Content-Type": "application/json"},
        )
        try:
            return PushResponse.model_validate_json(body)
        except PydanticValidationError as exc:
            raise HeadOfficeUnreachable(detail="garbled answer") from exc

    def hold(self, req: HoldRequest) -> HoldResponse:
        body = self._call("POST", HOLDS_PATH, json=req.model_dump(mode="json"))
        try:
            return HoldResponse.model_validate_json(body)
        except PydanticValidationError as exc:
            raise HeadOfficeUnreachable(detail="garbled answer") from exc

    def sale_by_receipt(self, receipt_no: str) -> ChainSale | None:
        """The chain's sale with this receipt number; None when head office has none."""
        try:
            body = self._call("GET", f"{SALES_PATH}/by-receipt/{receipt_no}")
        except SyncRefused as exc:
            if exc.params.get("status") == 404:
                return None
            raise
        try:
            return ChainSale.model_validate_json(body)
        except PydanticValidationError as exc:
            raise HeadOfficeUnreachable(detail="garbled answer") from exc

    def last_receipt(self) -> str | None:
        """This terminal's highest receipt number at head office (None: it has none)."""
        body = self._call("GET", f"{SALES_PATH}/last-receipt")
        try:
            return LastReceipt.model_validate_json(body).receipt_no
        except PydanticValidationError as exc:
            raise HeadOfficeUnreachable(detail="garbled answer") from exc

    def release_hold(self, hold_id: str) -> None:
        self._call("POST", f"{HOLDS_PATH}/{hold_id}/release")

    def pull(self, cursor: str, limit: int, with_remaining: bool = False) -> PullPage:
        params: dict[str, Any] = {"cursor": cursor, "limit": limit, "feed": schemas.FEED_VERSION}
        if with_remaining:
            params["with_remaining"] = "true"
        body = self._call("GET", "/sync/pull", params=params)
        try:
            return PullPage.model_validate_json(body)
        except PydanticValidationError as exc:
            # A page cut off or garbled on the way: nothing applied, the same page next time.
            raise HeadOfficeUnreachable(detail="garbled page") from exc


# --- state ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SyncState:
    """What the cashier sees about sync."""

    enrolled: bool = False
    online: bool = False
    events_waiting: int = 0
    events_refused: int = 0
    last_success: str | None = None
    last_error: str | None = None
    #: The failure itself, so a screen can say it in its own language (None for a bug).
    error: UserFacingError | None = None
    #: (changes applied, total expected or None) while a pull runs.
    progress: tuple[int, int | None] | None = None


@dataclass(frozen=True, slots=True)
class RoundReport:
    pushed: int
    refused: int
    pulled: int
    pages: int


@dataclass(frozen=True, slots=True)
class RefusedEvent:
    """An outbox event head office refused, set aside for a manager to look at."""

    event_id: str
    kind: str
    created_at: str
    #: Why, in the words the till showed (head office's code said for a person).
    reason: str
    #: Head office's refusal code (a key of ``HQ_REASONS`` when known), ``"local"`` when
    #: the till itself could not put the event in head office's form, else "".
    code: str = ""
    #: What the till meant to send (the outbox payload, as written).
    payload: dict[str, Any] = field(default_factory=dict)


_CODE = re.compile(r"\(\d{3} ([a-z_.]+)\)")


def _refusal_code(reason: str) -> str:
    if reason.startswith("local:"):
        return "local"
    found = _CODE.search(reason)
    return found.group(1) if found else ""


def refused_events(store: Store, limit: int = 200) -> list[RefusedEvent]:
    """The events this till set aside as refused, oldest first (they are never sent again)."""
    with store.reading() as s:
        rows = s.connection().execute(
            text(
                "SELECT id, kind, created_at, last_error, payload FROM outbox "
                "WHERE sent_at IS NULL AND last_error LIKE :p ORDER BY seq LIMIT :n"
            ),
            {"p": f"{REFUSED_PREFIX}%", "n": limit},
        )
        out = []
        for i, k, c, e, p in rows:
            reason = str(e)[len(REFUSED_PREFIX) :].strip()
            out.append(
                RefusedEvent(
                    str(i),
                    str(k),
                    str(c),
                    reason,
                    _refusal_code(reason),
                    pii.open_payload(store.sealer, payload_of(p)),
                )
            )
        return out


@dataclass(frozen=True, slots=True)
class Credentials:
    url: str
    token: str
    store_id: str
    terminal_id: str


def load_credentials(store: Store) -> Credentials | None:
    with store.reading() as s:
        conn = s.connection()
        vals = {
            k: state.get_state(conn, k)
            for k in (state.HQ_URL, state.HQ_TOKEN, state.HQ_STORE, state.HQ_TERMINAL)
        }
    if any(v is None for v in vals.values()):
        return None
    return Credentials(
        str(vals[state.HQ_URL]),
        str(vals[state.HQ_TOKEN]),
        str(vals[state.HQ_STORE]),
        str(vals[state.HQ_TERMINAL]),
    )


def credentials_in(path: Path | str) -> Credentials | None:
    """The head-office credentials kept in a database file (a backup), read without
    opening it as the till's store (nothing is migrated or written)."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        keys = (state.HQ_URL, state.HQ_TOKEN, state.HQ_STORE, state.HQ_TERMINAL)
        rows = dict(
            conn.execute(
                "SELECT key, value FROM terminal_state WHERE key IN (?, ?, ?, ?)", keys
            ).fetchall()
        )
    finally:
        conn.close()
    if any(k not in rows for k in keys):
        return None
    return Credentials(*(str(rows[k]) for k in keys))


def enrol_terminal(
    store: Store,
    url: str,
    code: str,
    terminal_id: str,
    *,
    settings: SyncSettings | None = None,
    transport: httpx.BaseTransport | None = None,
) -> EnrolResponse:
    """Exchange a one-time code for this terminal's credentials and keep them."""
    settings = settings or SyncSettings()
    local.ensure_tables(store.write_engine)
    http = HeadOfficeHTTP(
        url, None, timeout_s=settings.timeout_s, verify=_verify(settings), transport=transport
    )
    try:
        resp = http.enrol(code.strip().upper(), terminal_id)
    except SyncRefused as exc:
        raise EnrolmentFailed(detail=exc.params.get("detail") or exc.message) from exc
    finally:
        http.close()
    with store.session() as s:
        conn = s.connection()
        state.set_state(conn, state.HQ_URL, url.rstrip("/"))
        state.set_state(conn, state.HQ_TOKEN, resp.token)
        state.set_state(conn, state.HQ_STORE, resp.store_id)
        state.set_state(conn, state.HQ_TERMINAL, resp.terminal_id)
        state.set_state(conn, state.HQ_MEMBER_BASE, str(resp.member_id_base))
        state.set_state(conn, state.HQ_MEMBER_BLOCK, str(resp.member_id_block))
        card_base, card_block = resp.card_serial_base, resp.card_serial_block
        if card_base is None or card_block is None:
            card_base, card_block = resp.member_id_base, resp.member_id_block
        state.set_state(conn, state.HQ_CARD_SERIAL_BASE, str(card_base))
        state.set_state(conn, state.HQ_CARD_SERIAL_BLOCK, str(card_block))
        if state.get_state(conn, state.HQ_MEMBER_NEXT) is None:
            state.set_state(conn, state.HQ_MEMBER_NEXT, str(resp.member_id_base))
        if resp.chain_code and CHAIN_RE.match(resp.chain_code):
            state.set_state(conn, state.HQ_CHAIN_CODE, resp.chain_code)
    log.info("terminal %s enrolled with head office for store %s", terminal_id, resp.store_id)
    return resp


# The one allocator of member ids (services.members.register_member uses it too).
next_member_id = state.next_member_id


def _verify(settings: SyncSettings) -> bool | ssl.SSLContext:
    """Verify head office's certificate: against ``ca_file`` if given, else the system CAs."""
    if settings.ca_file:
        return ssl.create_default_context(cafile=str(settings.ca_file))
    return True


# --- the client ----------------------------------------------------------------


class SyncClient:
    """One terminal's sync with head office. Not thread-safe: one round at a time."""

    def __init__(
        self,
        store: Store,
        settings: SyncSettings | None = None,
        *,
        clock: Clock = utc_now,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or SyncSettings()
        self.clock = clock
        self._transport = transport
        self._http: HeadOfficeHTTP | None = None
        self._creds: Credentials | None = None
        self._anchor: Anchor | None = None
        local.ensure_tables(store.write_engine)

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def _client(self) -> tuple[HeadOfficeHTTP, Credentials]:
        if self._http is None or self._creds is None:
            creds = load_credentials(self.store)
            if creds is None:
                raise NotEnrolled()
            self._creds = creds
            self._http = HeadOfficeHTTP(
                creds.url,
                creds.token,
                timeout_s=self.settings.timeout_s,
                verify=_verify(self.settings),
                transport=self._transport,
                on_answer=self._answered,
                on_failure=self._request_failed,
                report=self._report_headers,
            )
        return self._http, self._creds

    def _report_headers(self) -> dict[str, str]:
        """What head office shows on its terminals page: this till's app version, its
        unsent outbox events and its own clock (head office works out the skew)."""
        with self.store.reading() as s:
            unsent = (
                s.connection()
                .execute(text("SELECT count(*) FROM outbox WHERE sent_at IS NULL"))
                .scalar_one()
            )
        # The machine's own clock, not the guarded one (which head office's time corrects).
        now = utc_now() if isinstance(self.clock, GuardedClock) else self.clock()
        return {
            REPORT_VERSION: pos_member.__version__,
            REPORT_BACKLOG: str(int(unsent)),
            REPORT_CLOCK: _iso(now),
        }

    def _answered(self, resp: httpx.Response) -> None:
        """Every answer carries head office's time: the guarded clock keeps it."""
        if not isinstance(self.clock, GuardedClock):
            return
        raw = resp.headers.get("date")
        try:
            at = parsedate_to_datetime(raw) if raw else None
        except (TypeError, ValueError):
            at = None
        if at is None or at.tzinfo is None:
            log.warning("head office's answer carries no usable Date header: %r", raw)
            return
        self._anchor = self.clock.observe(at)

    def _note_contact(self, conn: Any, now: str) -> None:
        """Head office answered: the last contact, and its time for the other processes."""
        state.set_state(conn, state.LAST_CONTACT, now)
        if self._anchor is not None:
            for key, value in anchor_state(self._anchor).items():
                state.set_state(conn, key, value)

    def _request_failed(self) -> None:
        """The till is offline from the first request head office did not answer."""
        with self.store.session() as s:
            state.set_state(s.connection(), state.LAST_FAILURE, _iso(self.clock()))

    # -- push --

    def _unsent(self, limit: int) -> list[tuple[str, str, Any, str, dict[str, Any] | None]]:
        # The manager's order: card and member lifecycle events first, so a lost
        # card is blocked chain-wide before the money events queued before it.
        with self.store.reading() as s:
            rows = push_order(s, limit)
            marks = chain.event_marks(s.connection(), [r.seq for r in rows])
            return [(r.id, r.kind, r.payload, r.created_at, marks.get(r.seq)) for r in rows]

    def _set_aside(self, event_id: str, reason: str) -> None:
        log.warning("event %s set aside: %s", event_id, reason)
        with self.store.session() as s:
            s.connection().execute(
                text("UPDATE outbox SET last_error = :e, attempts = attempts + 1 WHERE id = :id"),
                {"e": f"{REFUSED_PREFIX} {reason}"[:1000], "id": event_id},
            )

    def _acknowledge(
        self,
        ids: dict[uuid.UUID, str],
        resp: PushResponse,
        told: frozenset[uuid.UUID] = frozenset(),
    ) -> None:
        now = _iso(self.clock())
        acks = [
            {"event_id": ids[r.id], "member_id": b.member_id, "version": b.version}
            for r in resp.results
            for b in r.balances
        ]
        with self.store.session() as s:
            conn = s.connection()
            conn.execute(
                text(
                    "UPDATE outbox SET sent_at = :t, attempts = attempts + 1, last_error = NULL "
                    "WHERE id IN :ids AND sent_at IS NULL"
                ).bindparams(bindparam("ids", expanding=True)),
                {"t": now, "ids": [ids[r.id] for r in resp.results]},
            )
            if acks:
                conn.execute(sync_acks.insert().prefix_with("OR REPLACE"), acks)
            if any(r.id in told for r in resp.results):
                state.set_state(conn, checks.PENDING_FAULTS, "[]")  # head office knows now
            self._note_contact(conn, now)

    def _look_at_chain(self) -> list[str]:
        """What the till's own chain shows since the last look (told to head office)."""
        with self.store.session() as s:
            dbapi = s.connection().connection.dbapi_connection
            assert isinstance(dbapi, sqlite3.Connection)
            found = checks.recent_problems(dbapi)
        for line in found:
            log.warning("hash chain: %s", line)
        return found

    def _to_event(
        self, creds: Credentials, row: tuple[str, str, Any, str, dict[str, Any] | None]
    ) -> Event:
        eid, kind, payload, created_at, mark = row
        return Event.model_validate(
            {
                "id": eid,
                "kind": kind,
                "store_id": creds.store_id,
                "terminal_id": creds.terminal_id,
                "created_at": created_at,
                "payload": to_wire(kind, pii.open_payload(self.store.sealer, payload_of(payload))),
                "chain": mark,
            }
        )

    def push_pending(self) -> tuple[int, int]:
        """Push every unsent event; returns (acknowledged, set aside)."""
        http, creds = self._client()
        pushed = refused = 0
        faults: list[str] | None = None
        while True:
            rows = self._unsent(self.settings.batch_size)
            if not rows:
                return pushed, refused
            if faults is None:
                faults = self._look_at_chain()
            events: list[Event] = []
            ids: dict[uuid.UUID, str] = {}
            told: frozenset[uuid.UUID] = frozenset()
            for row in rows:
                try:
                    if faults and not told and row[4] is not None:
                        # The first chained event of the round carries the findings.
                        ev = self._to_event(creds, (*row[:4], {**row[4], "faults": faults}))
                        told = frozenset({ev.id})
                    else:
                        ev = self._to_event(creds, row)
                except PydanticValidationError as exc:
                    self._set_aside(row[0], f"local: {exc.errors()[0].get('msg', 'invalid')}")
                    refused += 1
                    continue
                events.append(ev)
                ids[ev.id] = row[0]
            if not events:
                continue
            try:
                resp = http.push(events)
            except SyncRefused as exc:
                if exc.params.get("status") == 401:
                    raise
                # Find the culprit(s) one by one; the others go through.
                for ev in events:
                    try:
                        one = http.push([ev])
                    except SyncRefused as exc1:
                        if exc1.params.get("status") == 401:
                            raise
                        self._set_aside(ids[ev.id], exc1.message)
                        refused += 1
                        continue
                    self._acknowledge(ids, one, told)
                    pushed += 1
                if told:
                    faults = []
                continue
            self._acknowledge(ids, resp, told)
            if told:
                faults = []
            pushed += len(resp.results)

    # -- pull --

    def pull_all(
        self, progress: Callable[[int, int | None], None] | None = None
    ) -> tuple[int, int]:
        """Pull pages until head office has nothing more below its high-water mark."""
        http, _creds = self._client()
        with self.store.reading() as s:
            conn = s.connection()
            cursor = read_cursor(conn) or START_CURSOR
            pulled_as = int(state.get_state(conn, state.HQ_FEED_VERSION) or 1)
        if pulled_as != schemas.FEED_VERSION or cursor == START_CURSOR:
            with self.store.session() as s:
                conn = s.connection()
                # A till that pulled under an older feed version lacks the kinds added
                # since: it pulls everything again once (upserts; the counter keeps selling).
                if cursor != START_CURSOR and pulled_as < schemas.FEED_VERSION:
                    log.info("change feed %s -> %s: pulling everything again",
                             pulled_as, schemas.FEED_VERSION)  # fmt: skip
                    cursor = START_CURSOR
                    write_cursor(conn, cursor, _iso(self.clock()))
                state.set_state(conn, state.HQ_FEED_VERSION, str(schemas.FEED_VERSION))
        first = cursor == START_CURSOR
        applied = pages = 0
        total: int | None = None
        # The next page is fetched while this one is applied: the cursor for it is in
        # the answer already, and fetching does not touch the database.
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pos-member-pull")
        try:
            pending = pool.submit(http.pull, cursor, self.settings.page_size, first)
            while True:
                page = pending.result()
                if page.more:
                    pending = pool.submit(http.pull, page.cursor, self.settings.page_size)
                if page.remaining is not None:
                    total = page.remaining
                now = _iso(self.clock())
                counts: dict[str, int] = {}
                with self.store.session() as s:
                    conn = s.connection()
                    if page.changes:
                        counts = apply_page(conn, page.changes, now, sealer=self.store.sealer)
                    write_cursor(conn, page.cursor, now)
                    self._note_contact(conn, now)
                if counts.get(ERASED_COUNT):
                    self.store.empty_wal()
                applied += len(page.changes)
                pages += 1
                if progress is not None:
                    progress(applied, total)
                if not page.more:
                    return applied, pages
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def head_office_answers(self) -> bool:
        """The daemon's probe: does head office answer ``/health`` now? (False if not enrolled.)"""
        try:
            http, _creds = self._client()
        except NotEnrolled:
            return False
        return http.answers(min(self.settings.timeout_s, max(self.settings.probe_interval_s, 1.0)))

    def run_round(self, progress: Callable[[int, int | None], None] | None = None) -> RoundReport:
        pushed, refused = self.push_pending()
        pulled, pages = self.pull_all(progress)
        with self.store.session() as s:
            state.set_state(s.connection(), state.LAST_SUCCESS, _iso(self.clock()))
        return RoundReport(pushed, refused, pulled, pages)

    def state(
        self, *, online: bool, last_error: str | None = None, error: UserFacingError | None = None
    ) -> SyncState:
        with self.store.reading() as s:
            conn = s.connection()
            waiting = conn.execute(
                text("SELECT count(*) FROM outbox WHERE sent_at IS NULL")
            ).scalar_one()
            refused = conn.execute(
                text(
                    "SELECT count(*) FROM outbox WHERE sent_at IS NULL "
                    "AND last_error LIKE 'refused:%'"
                )
            ).scalar_one()
            last = state.get_state(conn, state.LAST_SUCCESS)
            enrolled = state.get_state(conn, state.HQ_TOKEN) is not None
        return SyncState(
            enrolled=enrolled,
            online=online,
            events_waiting=int(waiting),
            events_refused=int(refused),
            last_success=last,
            last_error=last_error if error is None else error.message,
            error=error,
        )


class SyncThread(threading.Thread):
    """Runs sync rounds in the background with exponential backoff.

    The backoff spaces the heavy rounds (push and pull) that failed; while the
    last one failed for want of an answer the thread probes head office cheaply
    (``SyncClient.head_office_answers``) every ``probe_interval_s`` to 1.5 times
    that, and a probe answered after one that was not ends the wait (so does the
    first probe after a failed round), so the till resumes within one probe of
    head office coming back. A head office that answers the probe but fails the
    round waits out its backoff: only silence turned into an answer cuts it short.

    ``on_state`` is called on this thread after every round and during pulls.
    ``trigger()`` asks for a round now (after a sale); ``stop()`` ends the loop.
    """

    def __init__(
        self,
        client: SyncClient,
        on_state: Callable[[SyncState], None] | None = None,
    ) -> None:
        super().__init__(name="pos-member-sync", daemon=True)
        self.client = client
        self.on_state = on_state
        self._wake = threading.Event()
        self._halt = threading.Event()
        self._lock = threading.Lock()
        self._state = SyncState()
        self.failures = 0
        self.rounds = 0
        self.probes = 0
        self._unreachable = False  # the last round failed for want of an answer
        self._probe_answered = False  # the last probe was answered

    @property
    def current(self) -> SyncState:
        with self._lock:
            return self._state

    def _publish(self, state: SyncState) -> None:
        with self._lock:
            self._state = state
        if self.on_state is not None:
            try:
                self.on_state(state)
            except Exception:
                log.exception("sync state callback failed")

    def trigger(self) -> None:
        self._wake.set()

    def stop(self, timeout: float | None = 10.0) -> None:
        self._halt.set()
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def next_delay(self) -> float:
        s = self.client.settings
        if self.failures == 0:
            return s.interval_s
        base = min(s.backoff_max_s, s.backoff_initial_s * 2.0 ** (self.failures - 1))
        # Jitter so that a chain's terminals do not all retry in the same second.
        return float(base * random.uniform(0.5, 1.0))

    def next_probe(self) -> float:
        """Seconds to the next probe while offline: ``probe_interval_s`` to 1.5 times it."""
        return float(self.client.settings.probe_interval_s * random.uniform(1.0, 1.5))

    def _wait(self, delay: float) -> None:
        """Wait ``delay`` s, or until triggered, stopped or (offline) head office answers."""
        deadline = time.monotonic() + delay
        while not self._halt.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            if not self._unreachable:
                self._wake.wait(left)
                return
            if self._wake.wait(min(left, self.next_probe())):
                return
            answered = self.client.head_office_answers()
            self.probes += 1
            came_back = answered and not self._probe_answered
            self._probe_answered = answered
            if came_back:
                log.info("head office answers again after %d failed rounds", self.failures)
                return

    def run_once(self) -> SyncState:
        def progress(done: int, total: int | None) -> None:
            self._publish(replace(self.current, online=True, progress=(done, total)))

        try:
            self.client.run_round(progress)
        except HeadOfficeUnreachable as exc:
            self.failures += 1
            self.client.close()
            if not self._unreachable:
                self._probe_answered = (
                    False  # silent since this round: the next answer ends the wait
                )
            self._unreachable = True
            state = self.client.state(online=False, error=exc)
        except SyncError as exc:
            self.failures += 1
            self._unreachable = False
            state = self.client.state(online=True, error=exc)
        except Exception as exc:
            # A bug must not kill the thread: log it, show it, retry later.
            log.exception("sync round failed")
            self.failures += 1
            state = self.client.state(online=False, last_error=f"internal error: {exc!r}")
        else:
            self.failures = 0
            self._unreachable = False
            state = self.client.state(online=True)
        self.rounds += 1
        self._publish(state)
        return state

    def run(self) -> None:
        while not self._halt.is_set():
            self.run_once()
            self._wait(self.next_delay())
            self._wake.clear()
        self.client.close()

"""Rate limits and lockouts per client (the peer's address), in one head-office process,
and the limit on a request body's size (``BodyLimit``: 413 before anything is parsed).

- Every authentication failure (a wrong terminal token, managers' token or
  enrolment code: any 401) counts against the client; ``max_failures``
  within ``window_s`` lock the client out for ``lockout_s``: every request
  from it is then answered 429 with ``Retry-After``, whatever its token. The
  app audits each lockout (``admin_log``, action ``auth.lockout``).
- Enrolment attempts (good or bad) are limited to ``enrol_per_window`` per
  ``window_s`` per client.

The counters live in memory: several worker processes each count their own
share (a guesser is slowed by the factor of the workers, not let through),
and a restart forgets them, which only gives a guesser one more window.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

TESTED_IN = "tests/headoffice/test_enrolment.py, tests/headoffice/test_security.py"

log = logging.getLogger(__name__)


class TooManyRequests(Exception):
    """Answered 429 with ``Retry-After: retry_after_s``."""

    def __init__(self, code: str, detail: str, retry_after_s: int) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.retry_after_s = retry_after_s


class Limiter:
    def __init__(
        self,
        *,
        max_failures: int,
        window_s: float,
        lockout_s: float,
        enrol_per_window: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.lockout_s = lockout_s
        self.enrol_per_window = enrol_per_window
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, deque[float]] = {}
        self._enrols: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}

    def _recent(self, book: dict[str, deque[float]], client: str, now: float) -> deque[float]:
        q = book.setdefault(client, deque())
        while q and q[0] <= now - self.window_s:
            q.popleft()
        return q

    def check(self, client: str) -> None:
        """Raise ``TooManyRequests`` while ``client`` is locked out."""
        until = self._locked_until.get(client)
        if until is None:
            return
        left = until - self._clock()
        if left <= 0:
            with self._lock:
                self._locked_until.pop(client, None)
            return
        raise TooManyRequests(
            "auth.locked",
            "too many failed attempts from this address: wait before trying again",
            max(1, math.ceil(left)),
        )

    def failure(self, client: str) -> int | None:
        """Count a failed authentication; the number of failures if this one locks out."""
        now = self._clock()
        with self._lock:
            q = self._recent(self._failures, client, now)
            q.append(now)
            if len(q) < self.max_failures:
                return None
            self._locked_until[client] = now + self.lockout_s
            n = len(q)
            q.clear()
            return n

    def enrol_attempt(self, client: str) -> None:
        """Count an enrolment attempt; raise ``TooManyRequests`` over the limit."""
        now = self._clock()
        with self._lock:
            q = self._recent(self._enrols, client, now)
            if len(q) >= self.enrol_per_window:
                wait = q[0] + self.window_s - now
                raise TooManyRequests(
                    "enrol.rate",
                    "too many enrolment attempts from this address: wait before trying again",
                    max(1, math.ceil(wait)),
                )
            q.append(now)


Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


class LimitMiddleware:
    """Applies a ``Limiter`` to every HTTP request (pure ASGI: no cost on the body).

    A locked-out client is answered 429 before the app sees the request; an
    enrolment (``POST enrol_path``) over its rate likewise; any 401 the app
    answers counts as a failure, and the failure that locks a client out is
    passed to ``on_lockout(client, failures)`` (off the event loop) to be audited.
    """

    def __init__(
        self,
        app: Callable[..., Awaitable[None]],
        limiter: Limiter,
        enrol_path: str,
        on_lockout: Callable[[str, int], None],
        page: Callable[[Scope, TooManyRequests], bytes | None] | None = None,
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.enrol_path = enrol_path
        self.on_lockout = on_lockout
        #: An HTML page for a person's browser (the console's), else None: JSON.
        self.page = page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("?", 0))[0]
        try:
            self.limiter.check(client)
            if scope["method"] == "POST" and scope["path"] == self.enrol_path:
                self.limiter.enrol_attempt(client)
        except TooManyRequests as exc:
            html = self.page(scope, exc) if self.page is not None else None
            await _too_many(send, exc, html)
            return
        status = 0

        async def watched(msg: MutableMapping[str, Any]) -> None:
            nonlocal status
            if msg["type"] == "http.response.start":
                status = int(msg["status"])
            await send(msg)

        await self.app(scope, receive, watched)
        if status == 401:
            locked = self.limiter.failure(client)
            if locked is not None:
                log.warning("client %s locked out after %d failed attempts", client, locked)
                try:
                    await asyncio.to_thread(self.on_lockout, client, locked)
                except Exception:
                    log.exception("auditing the lockout of %s failed", client)


async def _too_many(send: Send, exc: TooManyRequests, html: bytes | None = None) -> None:
    body = html or json.dumps({"code": exc.code, "detail": exc.detail}).encode()
    kind = b"text/html; charset=utf-8" if html else b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": 429,
            "headers": [
                (b"content-type", kind),
                (b"retry-after", str(exc.retry_after_s).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuses bodies over ``limit`` bytes with 413, before they are parsed.

    Checks Content-Length up front and also counts a chunked body as it arrives.
    """

    def __init__(self, app: Callable[..., Awaitable[None]], limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.limit):
                await self._refuse(send)
                return
        seen = 0
        refused = False

        async def limited() -> MutableMapping[str, Any]:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    # Answer now and tell the app the client left, so nothing is parsed.
                    refused = True
                    await self._refuse(send)
                    return {"type": "http.disconnect"}
            return msg

        async def guarded_send(msg: MutableMapping[str, Any]) -> None:
            if not refused:
                await send(msg)

        await self.app(scope, limited, guarded_send)

    async def _refuse(self, send: Send) -> None:
        body = b'{"code":"body.too_large","detail":"the request body is too large"}'
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})

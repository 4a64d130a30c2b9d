"""PC/SC card reader driver over pyscard: hot-plug of readers and cards, UID and secure mode.

One thread per driver does all PC/SC traffic: it waits on
``SCardGetStatusChange`` for every reader plus the ``\\\\?PnP?\\Notification``
pseudo-reader, reads a card as soon as it arrives and reports what happened
through the listener (on this thread). Calls from other threads, such as
``issue_secure`` from the manager's worker, are queued to the driver thread,
which is woken with ``SCardCancel``, so card traffic is never interleaved.

When pcscd stops, every reader is reported removed and one error says the
service is down; the thread retries quietly and reports the readers again
once pcscd is back.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

from smartcard import scard

from drivers.base import CardRead, ReaderError, ReaderListener, Refusal, SafeListener
from drivers.errors import (
    CardNotAnswering,
    CardRemovedTooSoon,
    CardServiceDown,
    CardUnsupported,
    DeviceBusy,
    IssuanceFailed,
    NoCardOnReader,
    ReaderInternalError,
    ReaderUnavailable,
    refusal_error,
)
from drivers.mifare import (
    ApduRefused,
    CardLinkLost,
    MifareClassic,
    is_contactless_atr,
    is_mifare_classic_1k,
)
from drivers.secure_card import CardSecrets, SectorRefused, erase, issue, read_secure
from drivers.settings import CardMode, DeviceSettings
from pos_member.domain.cards import CardKind, CardNumberRule
from pos_member.domain.errors import UserFacingError
from pos_member.domain.text import Text, phrase

TESTED_IN = "tests/drivers/test_pcsc_reader.py"

log = logging.getLogger(__name__)

PNP_READER = "\\\\?PnP?\\Notification"
_T = TypeVar("_T")


def _code(hresult: int) -> int:
    return hresult & 0xFFFFFFFF


_OK = 0
_SERVICE_GONE = {
    _code(scard.SCARD_E_NO_SERVICE),
    _code(scard.SCARD_E_SERVICE_STOPPED),
    _code(scard.SCARD_E_INVALID_HANDLE),
    _code(scard.SCARD_F_COMM_ERROR),
}
_QUIET = {_code(scard.SCARD_E_TIMEOUT), _code(scard.SCARD_E_CANCELLED)}
_NO_READERS = _code(scard.SCARD_E_NO_READERS_AVAILABLE)
_READER_GONE = {_code(scard.SCARD_E_READER_UNAVAILABLE), _code(scard.SCARD_E_UNKNOWN_READER)}
_CARD_GONE = {
    _code(scard.SCARD_W_REMOVED_CARD),
    _code(scard.SCARD_E_NO_SMARTCARD),
    _code(scard.SCARD_W_RESET_CARD),
    _code(scard.SCARD_E_NOT_TRANSACTED),
}
_CARD_MUTE = {_code(scard.SCARD_W_UNRESPONSIVE_CARD), _code(scard.SCARD_W_UNPOWERED_CARD)}
_PRESENT = scard.SCARD_STATE_PRESENT
_MUTE = scard.SCARD_STATE_MUTE


class _ServiceLost(Exception):
    pass


def _text(hresult: int) -> str:
    try:
        return str(scard.SCardGetErrorMessage(hresult))
    except Exception:  # pyscard's message lookup is best effort
        return f"0x{_code(hresult):08X}"


@dataclass
class _ReaderState:
    event_state: int = scard.SCARD_STATE_UNAWARE
    card_present: bool = False


def _mask_uid(uid_hex: str) -> str:
    return uid_hex[:2] + "*" * max(0, len(uid_hex) - 4) + uid_hex[-2:]


def _as_error(reader: str | None, exc: UserFacingError) -> ReaderError:
    return ReaderError(
        reader=reader,
        code=exc.code,
        message=exc.message,
        details={k: str(v) for k, v in exc.params.items()},
        problem=exc,
    )


class PcscReaderDriver:
    """Watches PC/SC readers and reads every card tapped on them."""

    kind = "pcsc"

    def __init__(
        self,
        listener: ReaderListener,
        *,
        mode: CardMode = CardMode.UID,
        secrets: CardSecrets | None = None,
        sector: int = 1,
        rule: CardNumberRule | None = None,
        reader_filter: Sequence[str] = (),
        poll_ms: int = 500,
        retry_seconds: float = 0.5,
        name: str = "pcsc",
    ) -> None:
        if mode is CardMode.SECURE and secrets is None:
            raise ValueError("secure mode needs the card master secret")
        self.name = name
        self._listener = SafeListener(listener)
        self._mode = mode
        self._secrets = secrets
        self._sector = sector
        self._rule = rule
        self._filter = tuple(reader_filter)
        self._poll_ms = poll_ms
        self._retry = retry_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context: int | None = None
        self._context_lock = threading.Lock()
        self._readers: dict[str, _ReaderState] = {}  # driver thread only
        self._reader_names: tuple[str, ...] = ()  # a snapshot other threads may read
        self._pnp_state = scard.SCARD_STATE_UNAWARE
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future[Any]]] = queue.Queue()
        self._service_down_reported = False

    @classmethod
    def from_settings(cls, listener: ReaderListener, settings: DeviceSettings) -> PcscReaderDriver:
        secret = settings.master_secret_bytes()
        return cls(
            listener,
            mode=settings.card_mode,
            secrets=CardSecrets(secret) if secret is not None else None,
            sector=settings.secure_sector,
            rule=settings.card_rule(),
            reader_filter=settings.pcsc_readers,
            poll_ms=settings.pcsc_poll_ms,
        )

    # --- life cycle (any thread) ---------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=f"reader-{self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def readers(self) -> list[str]:
        return list(self._reader_names)

    def _wake(self) -> None:
        with self._context_lock:
            if self._context is not None:
                scard.SCardCancel(self._context)

    # --- manager operations, queued to the driver thread ---------------------------------------

    def issue_secure(
        self, reader: str, card_number: str, counter: int, timeout: float = 15.0
    ) -> CardRead:
        """Write a secure sector for ``card_number`` on the card lying on ``reader``.

        Meant for the manager's worker thread (not the GUI thread: it blocks up
        to ``timeout`` seconds). Returns the verified read of the new card;
        raises a ``UserFacingError`` (no card, card pulled away, card of
        another system, reader gone) and then nothing has been issued that the
        next read would accept.
        """
        secrets = self._secrets
        if secrets is None:
            raise ValueError("issuing secure cards needs the card master secret")
        if self._rule is not None:
            self._rule.validate(card_number)

        def job() -> CardRead:
            def work(card: MifareClassic, uid: bytes, atr: bytes) -> CardRead:
                if not is_mifare_classic_1k(atr):
                    raise CardUnsupported(detail="secure mode needs a Mifare Classic 1K card")
                try:
                    content = issue(card, uid, secrets, self._sector, card_number, counter)
                except SectorRefused as exc:
                    raise IssuanceFailed(detail=exc.detail) from exc
                except ApduRefused as exc:
                    raise IssuanceFailed(
                        detail=Text("the card refused a write ({error})", error=str(exc))
                    ) from exc
                return CardRead(
                    reader=reader,
                    kind=CardKind.MIFARE,
                    uid=uid.hex().upper(),
                    card_number=content.card_number,
                    verified=True,
                    counter=content.counter,
                )

            return self._with_card(reader, work)

        return self._submit(job, timeout)

    def erase_secure(self, reader: str, timeout: float = 15.0) -> None:
        """Put the secure sector of the card on ``reader`` back to blank transport keys."""
        secrets = self._secrets
        if secrets is None:
            raise ValueError("erasing secure cards needs the card master secret")

        def job() -> None:
            def work(card: MifareClassic, uid: bytes, atr: bytes) -> None:
                try:
                    erase(card, uid, secrets, self._sector)
                except SectorRefused as exc:
                    raise IssuanceFailed(detail=exc.detail) from exc

            self._with_card(reader, work)

        self._submit(job, timeout)

    def _submit(self, job: Callable[[], _T], timeout: float) -> _T:
        if not self.running:
            raise ReaderUnavailable(reader=self.name)
        future: Future[_T] = Future()
        self._jobs.put((job, future))
        self._wake()
        try:
            return future.result(timeout)
        except TimeoutError:
            future.cancel()
            raise DeviceBusy(
                detail="no answer within {seconds} s", seconds=f"{timeout:g}"
            ) from None

    def _run_jobs(self) -> None:
        while True:
            try:
                job, future = self._jobs.get_nowait()
            except queue.Empty:
                return
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(job())
            except _ServiceLost:
                future.set_exception(CardServiceDown())
                raise
            except BaseException as exc:
                future.set_exception(exc)

    # --- the driver thread ---------------------------------------------------------------------

    def _run(self) -> None:
        log.info("PC/SC driver %s started (%s mode)", self.name, self._mode.value)
        while not self._stop.is_set():
            try:
                if self._context is None and not self._establish():
                    self._stop.wait(self._retry)
                    continue
                self._poll_once()
            except _ServiceLost:
                self._lose_service()
            except Exception:
                # A bug, not a device problem: keep the thread alive for the next tap.
                log.exception("PC/SC driver loop failed")
                self._listener.on_error(_as_error(self.name, ReaderInternalError()))
                self._stop.wait(self._retry)
        self._release()
        self._fail_pending_jobs()
        log.info("PC/SC driver %s stopped", self.name)

    def _fail_pending_jobs(self) -> None:
        while True:
            try:
                _, future = self._jobs.get_nowait()
            except queue.Empty:
                return
            if future.set_running_or_notify_cancel():
                future.set_exception(ReaderUnavailable(reader=self.name))

    def _establish(self) -> bool:
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if _code(hresult) != _OK:
            if not self._service_down_reported:
                self._service_down_reported = True
                log.warning("pcscd unavailable: %s", _text(hresult))
                self._listener.on_error(_as_error(None, CardServiceDown()))
            self._fail_pending_jobs()
            return False
        with self._context_lock:
            self._context = context
        if self._service_down_reported:
            log.info("pcscd is back")
        self._service_down_reported = False
        self._pnp_state = scard.SCARD_STATE_UNAWARE
        return True

    def _release(self) -> None:
        with self._context_lock:
            context, self._context = self._context, None
        if context is not None:
            with contextlib.suppress(Exception):
                scard.SCardReleaseContext(context)

    def _lose_service(self) -> None:
        self._release()
        for reader in sorted(self._readers):
            self._drop_reader(reader)
        if not self._service_down_reported:
            self._service_down_reported = True
            log.warning("pcscd stopped answering")
            self._listener.on_error(_as_error(None, CardServiceDown()))
        self._fail_pending_jobs()
        self._stop.wait(self._retry)

    def _drop_reader(self, reader: str) -> None:
        state = self._readers.pop(reader)
        self._reader_names = tuple(sorted(self._readers))
        if state.card_present:
            self._listener.on_card_removed(reader)
        self._listener.on_reader_removed(reader)

    def _list_readers(self) -> list[str]:
        assert self._context is not None
        hresult, names = scard.SCardListReaders(self._context, [])
        code = _code(hresult)
        if code == _NO_READERS:
            return []
        if code in _SERVICE_GONE:
            raise _ServiceLost
        if code != _OK:
            log.warning("listing readers failed: %s", _text(hresult))
            return list(self._readers)
        wanted = [n for n in names if not self._filter or any(f in n for f in self._filter)]
        return wanted

    def _poll_once(self) -> None:
        current = self._list_readers()
        for reader in sorted(set(self._readers) - set(current)):
            self._drop_reader(reader)
        for reader in current:
            if reader not in self._readers:
                self._readers[reader] = _ReaderState()
                self._reader_names = tuple(sorted(self._readers))
                self._listener.on_reader_added(reader)
        self._run_jobs()
        if self._stop.is_set():
            return
        names = sorted(self._readers)
        states = [(n, self._readers[n].event_state) for n in names]
        states.append((PNP_READER, self._pnp_state))
        assert self._context is not None
        hresult, new_states = scard.SCardGetStatusChange(self._context, self._poll_ms, states)
        code = _code(hresult)
        if code in _QUIET:
            return
        if code in _SERVICE_GONE:
            raise _ServiceLost
        if code != _OK:
            # A reader vanished between listing and waiting: list again.
            log.debug("status change: %s", _text(hresult))
            self._stop.wait(0.05)
            return
        for name, event_state, atr in new_states:
            if name == PNP_READER:
                self._pnp_state = event_state & ~scard.SCARD_STATE_CHANGED
                continue
            state = self._readers.get(name)
            if state is None:
                continue
            state.event_state = event_state & ~scard.SCARD_STATE_CHANGED
            present = bool(event_state & _PRESENT) and not event_state & _MUTE
            if present and not state.card_present:
                state.card_present = True
                self._read_card(name, bytes(atr))
            elif not present and state.card_present:
                state.card_present = False
                self._listener.on_card_removed(name)

    # --- one card ------------------------------------------------------------------------------

    def _with_card(
        self,
        reader: str,
        work: Callable[[MifareClassic, bytes, bytes], _T],
        reset: bool = False,
    ) -> _T:
        """Connect to the card on ``reader``, run ``work(card, uid, atr)``, always disconnect."""
        context = self._context
        if context is None:
            raise _ServiceLost
        protocols = scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
        hresult, handle, protocol = scard.SCardConnect(
            context, reader, scard.SCARD_SHARE_SHARED, protocols
        )
        code = _code(hresult)
        if code in _SERVICE_GONE:
            raise _ServiceLost
        if code in _READER_GONE:
            raise ReaderUnavailable(reader=reader)
        if code in _CARD_GONE:
            raise NoCardOnReader(reader=reader)
        if code in _CARD_MUTE:
            raise CardUnsupported(detail="the card does not answer the reader")
        if code != _OK:
            raise CardNotAnswering(detail=_text(hresult))
        if reset:
            hresult, protocol = scard.SCardReconnect(
                handle, scard.SCARD_SHARE_SHARED, protocols, scard.SCARD_RESET_CARD
            )
            if _code(hresult) != _OK:
                with contextlib.suppress(Exception):
                    scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
                if _code(hresult) in _CARD_GONE:
                    raise NoCardOnReader(reader=reader)
                raise CardNotAnswering(detail=_text(hresult))

        def transmit(apdu: bytes) -> tuple[bytes, int]:
            result, response = scard.SCardTransmit(handle, protocol, list(apdu))
            rcode = _code(result)
            if rcode != _OK:
                if rcode in _SERVICE_GONE - {_code(scard.SCARD_E_INVALID_HANDLE)}:
                    raise _ServiceLost
                raise CardLinkLost(rcode, _text(result))
            if len(response) < 2:
                raise CardLinkLost(rcode, "short answer")
            return bytes(response[:-2]), (response[-2] << 8) | response[-1]

        try:
            atr = self._atr(handle)
            card = MifareClassic(transmit)
            try:
                uid = card.uid()
            except ApduRefused as exc:
                raise CardUnsupported(detail="the reader cannot read this card's UID") from exc
            return work(card, uid, atr)
        except CardLinkLost as exc:
            if self._card_still_there(reader):
                raise CardNotAnswering(detail=str(exc)) from exc
            raise CardRemovedTooSoon() from exc
        finally:
            with contextlib.suppress(Exception):
                scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)

    def _atr(self, handle: int) -> bytes:
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(handle)
        if _code(hresult) != _OK:
            return b""
        return bytes(atr)

    def _card_still_there(self, reader: str) -> bool:
        """After a lost answer: has the card left? pcscd may take a poll period to notice."""
        context = self._context
        if context is None:
            return False
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        if _code(hresult) != _OK or not states[0][1] & _PRESENT:
            return False
        known = states[0][1] & ~scard.SCARD_STATE_CHANGED
        # pcscd polls some readers (vpcd) every 400 ms: give it one poll and a margin.
        hresult, states = scard.SCardGetStatusChange(context, 700, [(reader, known)])
        if _code(hresult) != _OK:
            return _code(hresult) in _QUIET  # timed out: the card stayed
        return bool(states[0][1] & _PRESENT) and not states[0][1] & _MUTE

    def _read_card(self, reader: str, atr_hint: bytes) -> None:
        def work(card: MifareClassic, uid: bytes, atr: bytes) -> CardRead:
            atr = atr or atr_hint
            kind = CardKind.MIFARE if is_contactless_atr(atr) else CardKind.CONTACT_IC
            uid_hex = uid.hex().upper()
            if self._mode is CardMode.UID:
                return CardRead(reader=reader, kind=kind, uid=uid_hex)
            if not is_mifare_classic_1k(atr):
                return self._refused(
                    reader,
                    kind,
                    uid_hex,
                    Refusal.UNSUPPORTED,
                    phrase("secure mode needs Mifare Classic 1K"),
                )
            assert self._secrets is not None
            try:
                content = read_secure(card, uid, self._secrets, self._sector, self._rule)
            except SectorRefused as exc:
                # The UID is masked: it links a log line to a member card.
                log.info("card %s refused: %s", _mask_uid(uid_hex), exc.reason.value)
                return self._refused(reader, kind, uid_hex, exc.reason, exc.detail)
            return CardRead(
                reader=reader,
                kind=kind,
                uid=uid_hex,
                card_number=content.card_number,
                verified=True,
                counter=content.counter,
            )

        try:
            try:
                read = self._with_card(reader, work)
            except CardNotAnswering:
                # Often a card swapped faster than pcscd polls: power it up afresh once.
                log.info("card on %s did not answer; resetting it and trying once more", reader)
                read = self._with_card(reader, work, reset=True)
        except NoCardOnReader:
            # Present in the status, gone by the time we connected: a too-quick tap.
            self._listener.on_error(_as_error(reader, CardRemovedTooSoon()))
            return
        except UserFacingError as exc:
            log.info("card on %s not read: %s", reader, exc.code)
            self._listener.on_error(_as_error(reader, exc))
            return
        self._listener.on_card_present(read)

    @staticmethod
    def _refused(
        reader: str, kind: CardKind, uid: str, reason: Refusal, detail: object
    ) -> CardRead:
        error = refusal_error(reason, detail)
        return CardRead(
            reader=reader,
            kind=kind,
            uid=uid,
            reason=reason,
            message=error.message,
            problem=error,
        )

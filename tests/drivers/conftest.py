"""Fixtures for the reader tests: an event recorder, our own pcscd, a virtual card on vpcd."""

from __future__ import annotations

import fcntl
import importlib.util
import queue
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pcscd_support import (
    LOCK_PATH,
    VPCD_CONFIG,
    VPCD_READER,
    PcscDaemon,
    wait_reader_empty,
)
from virtual_card import VirtualCardLink

from drivers.base import CardRead, ReaderError, ScanRead


def _load_suite_conftest():  # type: ignore[no-untyped-def]
    # The suite's conftest is imported by pytest as a bare ``conftest`` module that
    # this file shadows, so load it by path to reuse its require_tool.
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    spec = importlib.util.spec_from_file_location("_pos_member_suite_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


require_tool = _load_suite_conftest().require_tool


@dataclass
class Event:
    name: str
    payload: object
    thread: str


@dataclass
class Recorder:
    """A ReaderListener that queues every call with the name of the thread it came on."""

    events: queue.Queue[Event] = field(default_factory=queue.Queue)
    seen: list[Event] = field(default_factory=list)

    def _put(self, name: str, payload: object) -> None:
        import threading

        self.events.put(Event(name, payload, threading.current_thread().name))

    def on_card_present(self, read: CardRead) -> None:
        self._put("card_present", read)

    def on_card_removed(self, reader: str) -> None:
        self._put("card_removed", reader)

    def on_reader_added(self, reader: str) -> None:
        self._put("reader_added", reader)

    def on_reader_removed(self, reader: str) -> None:
        self._put("reader_removed", reader)

    def on_scan(self, scan: ScanRead) -> None:
        self._put("scan", scan)

    def on_error(self, error: ReaderError) -> None:
        self._put("error", error)

    def wait_for(
        self, name: str, timeout: float = 10.0, where: Callable[[object], bool] | None = None
    ) -> Event:
        """The next event called ``name`` (matching ``where``); earlier other events are kept."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                names = [e.name for e in self.seen]
                raise AssertionError(f"no {name} event within {timeout}s; seen so far: {names}")
            try:
                event = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append(event)
            if event.name == name and (where is None or where(event.payload)):
                return event

    def drain(self, settle: float = 0.0) -> list[Event]:
        if settle:
            time.sleep(settle)
        out = []
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                return out
            self.seen.append(event)
            out.append(event)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(scope="session")
def pcscd_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscDaemon]:
    binary = require_tool("pcscd", "pcscd")
    if not VPCD_CONFIG.exists():
        pytest.skip(f"{VPCD_CONFIG} missing: install the Debian package vsmartcard-vpcd")
    # Two test runs on one machine would fight over the single vpcd port: take turns.
    with LOCK_PATH.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        daemon = PcscDaemon(binary, tmp_path_factory.mktemp("pcscd") / "pcscd.log")
        daemon.ensure_running()
        try:
            yield daemon
        finally:
            daemon.stop()


@pytest.fixture
def pcscd(pcscd_daemon: PcscDaemon) -> PcscDaemon:
    pcscd_daemon.ensure_running()
    return pcscd_daemon


@pytest.fixture
def vcard(pcscd: PcscDaemon) -> Iterator[VirtualCardLink]:
    link = VirtualCardLink()
    yield link
    link.remove()
    wait_reader_empty(VPCD_READER)

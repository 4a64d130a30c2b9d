"""Fixtures for the reader tests: an event recorder, our own pcscd, a virtual card on vpcd."""

from __future__ import annotations

import fcntl
import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pcscd_support import (
    LOCK_PATH,
    PCSCD_SOCKET,
    VPCD_CONFIG,
    VPCD_READER,
    PcscDaemon,
    wait_reader_empty,
)
from reader_events import Recorder
from virtual_card import VirtualCardLink


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


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture(scope="session")
def pcscd_daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PcscDaemon]:
    binary = require_tool("pcscd", "pcscd")
    if not VPCD_CONFIG.exists():
        pytest.skip(f"{VPCD_CONFIG} missing: install the Debian package vsmartcard-vpcd")
    if os.geteuid() != 0 and not PCSCD_SOCKET.exists():
        # pcscd needs /run/pcscd; CI and `make test` run as root, where this never skips.
        pytest.skip("the PC/SC tests start pcscd and need root (or a pcscd already running)")
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
    link = VirtualCardLink(port=pcscd.vpcd_port)
    yield link
    link.remove()
    wait_reader_empty(VPCD_READER)

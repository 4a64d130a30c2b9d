"""Our own pcscd for tests and benchmarks: start it, stop only what we started, wait for readers.

Only one pcscd can run on a machine (its socket is /run/pcscd/pcscd.comm), and
vpcd listens on one port, so users of this module take ``LOCK_PATH`` first.
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from smartcard import scard

PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
VPCD_CONFIG = Path("/etc/reader.conf.d/vpcd")
LOCK_PATH = Path("/tmp/pos-member-vpcd-tests.lock")
VPCD_READER = "Virtual PCD 00 00"


def _socket_answers() -> bool:
    if not PCSCD_SOCKET.exists():
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.connect(str(PCSCD_SOCKET))
        except OSError:
            return False
    return True


def _readers() -> list[str]:
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != 0:
        return []
    try:
        hresult, names = scard.SCardListReaders(context, [])
        return list(names) if hresult == 0 else []
    finally:
        scard.SCardReleaseContext(context)


class PcscDaemon:
    """pcscd for the tests: started by us (and only then stopped by us), or one already running."""

    def __init__(self, binary: str, log_path: Path) -> None:
        self.binary = binary
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self.external = False

    @property
    def owned(self) -> bool:
        return self.process is not None

    def ensure_running(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        if self.process is None and _socket_answers():
            self.external = True  # someone else's pcscd: use it, never stop it
            return
        self.start()

    def start(self) -> None:
        with self.log_path.open("ab") as log_file:
            # --auto-exit: if the test run dies, our pcscd leaves by itself a minute later.
            self.process = subprocess.Popen(
                [self.binary, "--foreground", "--auto-exit", "--error"],
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 15
        while VPCD_READER not in _readers():
            if self.process.poll() is not None:
                raise RuntimeError(f"pcscd exited ({self.process.returncode}); see {self.log_path}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"pcscd started but shows no vpcd reader; see {self.log_path}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None
        deadline = time.monotonic() + 5
        while _socket_answers() and time.monotonic() < deadline:
            time.sleep(0.05)


def wait_reader_empty(reader: str, timeout: float = 5.0) -> None:
    """Wait until pcscd has seen the card go, so the next test starts with an empty reader."""
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != 0:
        return
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            hresult, states = scard.SCardGetStatusChange(
                context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
            )
            if hresult != 0 or states[0][1] & scard.SCARD_STATE_EMPTY:
                return
            time.sleep(0.05)
    finally:
        scard.SCardReleaseContext(context)

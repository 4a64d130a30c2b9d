"""Our own pcscd for tests and benchmarks: start it, stop only what we started, wait for readers.

Only one pcscd can run on a machine (its socket is /run/pcscd/pcscd.comm), and
vpcd listens on one port, so users of this module take ``LOCK_PATH`` first.

The pcscd we start reads its own reader configuration with the vpcd reader on
``OWN_VPCD_PORT`` instead of Debian's 35963: that port lies inside Linux's
ephemeral range (32768-60999), where any client connection on the machine (a
database, an HTTP test) may hold it for a minute and make vpcd fail with
"Address already in use".
"""

from __future__ import annotations

import itertools
import re
import socket
import subprocess
import time
from pathlib import Path

from smartcard import scard

PCSCD_SOCKET = Path("/run/pcscd/pcscd.comm")
VPCD_CONFIG = Path("/etc/reader.conf.d/vpcd")
LOCK_PATH = Path("/tmp/pos-member-vpcd-tests.lock")
VPCD_READER = "Virtual PCD 00 00"
OWN_VPCD_PORT = 28963  # below the ephemeral port range; the second slot uses the next port
_DEFAULT_LIBPATH = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"


def _config_value(text: str, key: str) -> str | None:
    match = re.search(rf"^\s*{key}\s+(\S+)", text, re.MULTILINE)
    return match[1] if match else None


def _vpcd_port(config: Path) -> int:
    """The port in a vpcd reader.conf file (``DEVICENAME /dev/null:0x8C7B``)."""
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    device = _config_value(text, "DEVICENAME") or "/dev/null:0x8C7B"
    return int(device.rsplit(":", 1)[1], 0)


def running_vpcd_port() -> int:
    """The vpcd port of the pcscd already running: its ``-c`` folder's, else Debian's."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            argv = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if not argv or not argv[0].endswith(b"pcscd"):
            continue
        for flag, value in itertools.pairwise(argv):
            if flag in (b"-c", b"--config"):
                return _vpcd_port(Path(value.decode()) / "vpcd")
    return _vpcd_port(VPCD_CONFIG)


def write_own_config(folder: Path, port: int) -> Path:
    """A reader.conf.d folder with the vpcd reader listening on ``port``."""
    text = VPCD_CONFIG.read_text(encoding="utf-8") if VPCD_CONFIG.exists() else ""
    libpath = _config_value(text, "LIBPATH") or _DEFAULT_LIBPATH
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vpcd").write_text(
        f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:0x{port:04X}\n'
        f"LIBPATH      {libpath}\nCHANNELID    0x{port:04X}\n",
        encoding="utf-8",
    )
    return folder


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
        self.config_dir = write_own_config(log_path.parent / "reader.conf.d", OWN_VPCD_PORT)
        self.process: subprocess.Popen[bytes] | None = None
        self.external = False
        # A context held open while the tests use our pcscd: with --auto-exit it would
        # otherwise leave after a quiet minute, and a client arriving as it shuts down is
        # told "Access denied". If the test run dies, the context goes with it and pcscd
        # still leaves a minute later.
        self._keepalive: int | None = None

    @property
    def owned(self) -> bool:
        return not self.external

    @property
    def vpcd_port(self) -> int:
        """Where the first vpcd slot listens for the virtual card (the second: + 1)."""
        return running_vpcd_port() if self.external else OWN_VPCD_PORT

    def ensure_running(self) -> None:
        if self.external or (self.process is not None and self.process.poll() is None):
            return
        if self.process is None and _socket_answers():
            self.external = True  # someone else's pcscd: use it, never stop it
            return
        # Ours, or ours that left by --auto-exit after a quiet minute: (re)start it.
        self.start()

    def start(self) -> None:
        if self.external:
            raise RuntimeError("a pcscd not started by the tests is running")
        self.stop()  # never leave an earlier process of ours behind
        with self.log_path.open("ab") as log_file:
            # --auto-exit: if the test run dies, our pcscd leaves by itself a minute later.
            self.process = subprocess.Popen(
                [self.binary, "--foreground", "--auto-exit", "--error", "-c", str(self.config_dir)],
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 15
        while VPCD_READER not in _readers():
            problem = None
            if self.process.poll() is not None:
                problem = f"pcscd exited ({self.process.returncode})"
            elif time.monotonic() > deadline:
                problem = "pcscd started but shows no vpcd reader"
            if problem:
                self.stop()
                raise RuntimeError(f"{problem}; see {self.log_path}")
            time.sleep(0.05)
        hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hresult == 0:
            self._keepalive = context

    def stop(self) -> None:
        if self._keepalive is not None:
            scard.SCardReleaseContext(self._keepalive)
            self._keepalive = None
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

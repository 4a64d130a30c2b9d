"""One cashier app per till database.

A second copy started on the same PC (a double click too many) finds the first
through a local socket named after the database file, asks it to come to the
front, says so and exits. Two processes never sell from one database file
either: the first holds an exclusive lock on ``<database>.owner`` for as long as
it runs (a till started against a file another PC has open on a network share is
refused when the share honours locks).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import IO

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from pos_member.domain.errors import StoreInUse

TESTED_IN = "tests/gui/test_single.py"

__all__ = ["DatabaseClaim", "SingleInstance", "StoreInUse", "server_name"]

_RAISE = b"raise\n"


def server_name(db_path: Path | str) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode()).hexdigest()[:20]
    return f"pos-member-{digest}"


class DatabaseClaim:
    """An exclusive lock on ``<db>.owner`` for the life of the app."""

    def __init__(self, db_path: Path | str) -> None:
        self.path = Path(str(db_path) + ".owner")
        self._file: IO[str] | None = None

    def take(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        f = self.path.open("a+")
        try:
            if sys.platform == "win32":  # pragma: no cover - this machine is not Windows
                import msvcrt

                msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            f.close()
            raise StoreInUse(path=str(self.path.with_suffix(""))) from exc
        f.seek(0)
        f.truncate()
        f.write(f"{os.getpid()}\n")
        f.flush()
        self._file = f

    def release(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class SingleInstance(QObject):
    """The first copy listens; a later one asks it to come to the front."""

    #: Another copy was started and asked this one to come to the front.
    activated = Signal()

    def __init__(self, db_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self._server: QLocalServer | None = None

    def first(self, timeout_ms: int = 500) -> bool:
        """True if no other copy runs (this one now listens); False after asking the
        running copy to come to the front. Waits at most ``timeout_ms``, at start-up."""
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(timeout_ms):
            probe.write(_RAISE)
            probe.flush()
            probe.waitForBytesWritten(timeout_ms)
            probe.disconnectFromServer()
            return False
        QLocalServer.removeServer(self.name)  # a socket left by a copy that crashed
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            return True  # cannot listen: still run; the database lock keeps tills apart
        server.newConnection.connect(self._knocked)
        self._server = server
        return True

    def _knocked(self) -> None:
        assert self._server is not None
        while (sock := self._server.nextPendingConnection()) is not None:
            sock.readyRead.connect(lambda s=sock: self._read(s))
            if sock.bytesAvailable():
                self._read(sock)

    def _read(self, sock: QLocalSocket) -> None:
        if bytes(sock.readAll().data()).startswith(_RAISE.strip()):
            self.activated.emit()
        sock.disconnectFromServer()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

"""A serial scanner for tests: a pseudo-terminal pair behind a ``/dev/serial/by-id`` style link."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


class Pty:
    """A scanner at the master end; the driver opens ``path``, a by-id style symlink."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.master = self.slave = -1
        self.plug()

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        self.path.unlink(missing_ok=True)
        self.path.symlink_to(os.ttyname(self.slave))

    def unplug(self) -> None:
        os.close(self.master)
        os.close(self.slave)
        self.path.unlink()

    def send(self, data: bytes) -> None:
        os.write(self.master, data)


@pytest.fixture(name="pty")
def pty_fixture(tmp_path: Path) -> Iterator[Pty]:
    """A scanner plugged in at a by-id style path; unplugged after the test."""
    p = Pty(tmp_path / "usb-Scanner_Serial-if00")
    yield p
    if p.path.exists():
        p.unplug()

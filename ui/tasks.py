"""Running work off the GUI thread and getting the result back as a signal.

The shape is Anki's ``CollectionOp``/``QueryOp``: build an ``Op`` around a
plain function, say what to do on success and failure, and run it on a lane.
Each lane is one daemon thread with a queue, so the database sees one writer
at a time (lane ``db``) while a hung printer (lane ``print``) or an
unreachable head office (lane ``sync``) never holds the database up. The
function runs on the lane's thread; ``success``/``failure`` run on the GUI
thread, delivered by a queued signal. Nothing here ever waits in a slot.

Lanes are daemon threads on purpose: a printer stuck in a blocking write must
not keep the application from quitting.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from ui.qtcompat import emit

log = logging.getLogger(__name__)

T = TypeVar("T")

DB = "db"
PRINT = "print"
SYNC = "sync"
DEVICE = "device"


@dataclass
class _Job:
    id: int
    lane: str
    fn: Callable[[], Any]
    on_success: Callable[[Any], object] | None
    on_failure: Callable[[BaseException], object] | None
    owner: QObject | None
    result: Any = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class _Lane:
    def __init__(self, name: str, deliver: Callable[[_Job], None]) -> None:
        self.name = name
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._deliver = deliver
        self._thread = threading.Thread(target=self._loop, name=f"lane-{name}", daemon=True)
        self._thread.start()

    def put(self, job: _Job | None) -> None:
        self._queue.put(job)

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            try:
                job.result = job.fn()
            except BaseException as exc:
                job.error = exc
            job.done.set()
            self._deliver(job)

    def join(self, timeout: float) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()


class TaskRunner(QObject):
    """Owns the lanes; hands each finished job back to the GUI thread."""

    _finished = Signal(object)
    busy_changed = Signal(int)  # jobs queued or running, all lanes

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskRunner")
        self._lanes: dict[str, _Lane] = {}
        self._ids = itertools.count(1)
        self._pending: dict[int, _Job] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.default_failure: Callable[[BaseException], None] | None = None

    def _lane(self, name: str) -> _Lane:
        lane = self._lanes.get(name)
        if lane is None:
            lane = _Lane(name, lambda job: emit(self._finished, job))
            self._lanes[name] = lane
        return lane

    @property
    def pending(self) -> int:
        return len(self._pending)

    def pending_on(self, lane: str) -> int:
        return sum(1 for j in self._pending.values() if j.lane == lane)

    def submit(
        self,
        lane: str,
        fn: Callable[[], Any],
        on_success: Callable[[Any], object] | None = None,
        on_failure: Callable[[BaseException], object] | None = None,
        owner: QObject | None = None,
    ) -> int:
        if self._closed:
            # Quitting: a timer that fires late has nothing left to do.
            log.debug("task after shutdown ignored")
            return 0
        job = _Job(next(self._ids), lane, fn, on_success, on_failure, owner)
        self._pending[job.id] = job
        emit(self.busy_changed, len(self._pending))
        self._lane(lane).put(job)
        return job.id

    def _on_finished(self, job: _Job) -> None:
        self._pending.pop(job.id, None)
        emit(self.busy_changed, len(self._pending))
        if job.owner is not None and not shiboken6.isValid(job.owner):
            # The widget that asked is gone (dialog closed): nobody to tell.
            return
        if job.error is None:
            if job.on_success is not None:
                job.on_success(job.result)
            return
        handler = job.on_failure or self.default_failure
        if handler is None:
            log.error("background task failed", exc_info=job.error)
            return
        handler(job.error)

    def shutdown(self, timeout: float = 3.0) -> None:
        """Stop taking work; let the database lane finish what it has (printers are left)."""
        if self._closed:
            return
        self._closed = True
        for lane in self._lanes.values():
            lane.put(None)
        db = self._lanes.get(DB)
        if db is not None and not db.join(timeout):
            log.warning("database work still running at shutdown")


class Op(Generic[T]):
    """One background call: ``Op(runner, fn).success(cb).failure(cb).run()``.

    ``cb`` of ``success`` takes what ``fn`` returns (Anki's ``QueryOp``/``CollectionOp``).
    """

    def __init__(
        self,
        runner: TaskRunner,
        fn: Callable[[], T],
        *,
        lane: str = DB,
        owner: QObject | None = None,
    ) -> None:
        self._runner = runner
        self._fn = fn
        self._lane = lane
        self._owner = owner
        self._success: Callable[[T], object] | None = None
        self._failure: Callable[[BaseException], object] | None = None

    def success(self, cb: Callable[[T], object]) -> Op[T]:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], object]) -> Op[T]:
        self._failure = cb
        return self

    def run(self) -> int:
        return self._runner.submit(self._lane, self._fn, self._success, self._failure, self._owner)

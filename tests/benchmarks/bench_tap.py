"""Card tap → listener callback latency through the real pcscd and the vpcd virtual reader.

A virtual Mifare Classic 1K card (issued in secure mode) is put on the vpcd
reader 200 times; each time we measure from the moment the card connects to
the reader until the driver's ``on_card_present`` runs with a verified read.
The raw baseline, measured in the same run on the same card, is the least
any PC/SC program pays for the same work: a bare pyscard loop blocked in
``SCardGetStatusChange`` that connects and sends the same APDUs (UID, load
key, authenticate, three reads) with no thread hand-off, no checks, no MAC.
The ratio shows what the driver adds; most of both is pcscd noticing the card
(it polls vpcd every 400 ms) and vpcd's per-APDU round trips.
"""

from __future__ import annotations

import fcntl
import os
import platform
import queue
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from smartcard import scard

from drivers.base import CardRead, NullListener
from drivers.mifare import KEY_A, MifareClassic
from drivers.pcsc import PcscReaderDriver
from drivers.secure_card import CardSecrets, issue, read_secure
from drivers.settings import CardMode
from pos_member.domain.cards import CardNumberRule
from tests.drivers.pcscd_support import LOCK_PATH, VPCD_READER, PcscDaemon, wait_reader_empty
from tests.drivers.virtual_card import MifareClassic1K, VirtualCardLink

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "docs" / "benchmarks" / "tap.md"
TAPS = int(os.environ.get("POS_MEMBER_BENCH_TAPS", "200"))
SECRETS = CardSecrets(b"benchmark-master-secret-32-bytes")
UID = bytes.fromhex("5EC0DE01")
NUMBER = CardNumberRule().make(314159)


class _Taps(NullListener):
    def __init__(self) -> None:
        self.present: queue.Queue[tuple[float, CardRead]] = queue.Queue()
        self.removed: queue.Queue[float] = queue.Queue()

    def on_card_present(self, read: CardRead) -> None:
        self.present.put((time.perf_counter(), read))

    def on_card_removed(self, reader: str) -> None:
        self.removed.put(time.perf_counter())


def _in_memory(card: MifareClassic1K) -> MifareClassic:
    def transmit(apdu: bytes) -> tuple[bytes, int]:
        answer = card.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    return MifareClassic(transmit)


def _issued_card() -> MifareClassic1K:
    card = MifareClassic1K.blank(UID)
    issue(_in_memory(card), UID, SECRETS, 1, NUMBER, 1)
    return card


def _logic_series(card: MifareClassic1K, taps: int) -> list[float]:
    """The driver's own card logic (key derivation, APDUs, MAC check) on an in-memory card."""
    rule = CardNumberRule()
    samples = []
    for _ in range(taps):
        t0 = time.perf_counter()
        read_secure(_in_memory(card), UID, SECRETS, 1, rule)
        samples.append((time.perf_counter() - t0) * 1000)
    card.apdu_log.clear()
    return samples


def _stats(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    return {
        "taps": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def _pauses(taps: int) -> list[float]:
    """A cashier's pace between taps, the same for both series: it spreads the taps over
    pcscd's polling phase instead of always landing right after the previous removal."""
    rng = random.Random(20261123)
    return [rng.uniform(0.05, 0.45) for _ in range(taps)]


def _driver_series(link: VirtualCardLink, card: MifareClassic1K, taps: int) -> list[float]:
    listener = _Taps()
    driver = PcscReaderDriver(
        listener, mode=CardMode.SECURE, secrets=SECRETS, reader_filter=[VPCD_READER]
    )
    driver.start()
    samples = []
    try:
        for pause in _pauses(taps):
            time.sleep(pause)
            t0 = time.perf_counter()
            link.insert(card)
            t1, read = listener.present.get(timeout=10)
            if not read.verified:
                raise RuntimeError(f"benchmark card not verified: {read}")
            samples.append((t1 - t0) * 1000)
            link.remove()
            listener.removed.get(timeout=10)
    finally:
        driver.stop()
    return samples


def _raw_series(link: VirtualCardLink, card: MifareClassic1K, taps: int) -> list[float]:
    keys = SECRETS.sector_keys(UID, 1)
    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        raise RuntimeError("pcscd not reachable")
    apdus = [
        bytes.fromhex("FFCA000000"),
        bytes([0xFF, 0x82, 0x00, 0x00, 0x06]) + keys.key_a,
        bytes([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, 4, KEY_A, 0x00]),
        bytes([0xFF, 0xB0, 0x00, 4, 0x10]),
        bytes([0xFF, 0xB0, 0x00, 5, 0x10]),
        bytes([0xFF, 0xB0, 0x00, 6, 0x10]),
    ]
    samples = []
    try:
        _, states = scard.SCardGetStatusChange(
            context, 0, [(VPCD_READER, scard.SCARD_STATE_UNAWARE)]
        )
        state = states[0][1] & ~scard.SCARD_STATE_CHANGED
        for pause in _pauses(taps):
            time.sleep(pause)
            t0 = time.perf_counter()
            link.insert(card)
            while True:
                _, states = scard.SCardGetStatusChange(context, 10_000, [(VPCD_READER, state)])
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
                if state & scard.SCARD_STATE_PRESENT:
                    break
            _, handle, protocol = scard.SCardConnect(
                context,
                VPCD_READER,
                scard.SCARD_SHARE_SHARED,
                scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
            )
            for apdu in apdus:
                _, response = scard.SCardTransmit(handle, protocol, list(apdu))
                if response[-2:] != [0x90, 0x00]:
                    raise RuntimeError(f"raw baseline APDU failed: {response}")
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
            samples.append((time.perf_counter() - t0) * 1000)
            link.remove()
            while state & scard.SCARD_STATE_PRESENT:
                _, states = scard.SCardGetStatusChange(context, 10_000, [(VPCD_READER, state)])
                state = states[0][1] & ~scard.SCARD_STATE_CHANGED
    finally:
        scard.SCardReleaseContext(context)
    return samples


def _pcscd_version(binary: str) -> str:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False).stdout
    return out.splitlines()[0].strip() if out else "pcsc-lite (unknown version)"


def run() -> dict[str, object]:
    binary = shutil.which("pcscd")
    if binary is None:
        raise RuntimeError("pcscd not found: install the Debian packages pcscd and vsmartcard-vpcd")
    FRAGMENT.parent.mkdir(parents=True, exist_ok=True)
    with LOCK_PATH.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        daemon = PcscDaemon(binary, Path("/tmp/pos-member-bench-pcscd.log"))
        daemon.ensure_running()
        link = VirtualCardLink(port=daemon.vpcd_port)
        try:
            card = _issued_card()
            wait_reader_empty(VPCD_READER)
            raw = _stats(_raw_series(link, card, TAPS))
            wait_reader_empty(VPCD_READER)
            driver = _stats(_driver_series(link, card, TAPS))
            logic = _stats(_logic_series(card, TAPS))
        finally:
            link.remove()
            daemon.stop()
    ratio_p50 = round(driver["p50_ms"] / raw["p50_ms"], 2)
    ratio_p95 = round(driver["p95_ms"] / raw["p95_ms"], 2)
    result: dict[str, object] = {
        "pcscd": _pcscd_version(binary),
        "pcscd_external": daemon.external,
        "driver_secure_mode": driver,
        "raw_pyscard_baseline": raw,
        "secure_read_logic_in_memory": logic,
        "ratio_p50": ratio_p50,
        "ratio_p95": ratio_p95,
    }
    FRAGMENT.write_text(_markdown(result, driver, raw, logic), encoding="utf-8")
    return result


def _markdown(
    result: dict[str, object],
    driver: dict[str, float],
    raw: dict[str, float],
    logic: dict[str, float],
) -> str:
    rows = [
        ("PcscReaderDriver, secure mode → `on_card_present`", driver),
        ("baseline: bare pyscard loop, same APDUs", raw),
        ("secure-read logic alone, in-memory card (no pcscd)", logic),
    ]
    lines = [
        "## Card tap → callback latency (PC/SC)",
        "",
        f"A virtual Mifare Classic 1K on the vsmartcard vpcd reader through {result['pcscd']}"
        f" (Python {platform.python_version()}, {sys.platform}): from the card reaching the"
        " reader to the listener call with a verified secure-mode read (UID, key A"
        " authentication, three block reads, MAC check). The baseline does the same APDUs in"
        " a bare pyscard loop in the same run.",
        "",
        "| measurement | taps | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, s in rows:
        lines.append(
            f"| {label} | {s['taps']} | {s['p50_ms']:.2f} | {s['p95_ms']:.2f} | {s['max_ms']:.2f} |"
        )
    lines += [
        "",
        f"- Driver / baseline: {result['ratio_p50']}× at p50, {result['ratio_p95']}× at p95.",
        "- Taps come at a random cashier's pace (50-450 ms after the previous card left,"
        " same seeded sequence for both series). Both series are dominated by pcscd noticing"
        " the card: it polls the vpcd driver every 400 ms, so a tap waits 0-400 ms before"
        " anyone can see it; the six APDUs themselves take well under a millisecond here.",
        "- The third row is the driver's own work per tap (key derivation, APDU building,"
        " MAC check) without pcscd: the driver adds nothing a cashier could notice; the"
        " rest is the PC/SC stack and the driver thread waking on the status change.",
        "- The virtual card acknowledges vpcd's packets at once (TCP_QUICKACK); without it"
        " Nagle's algorithm in vpcd adds about 40 ms per APDU, an artefact of the virtual"
        " reader rather than of the driver.",
        "- A real ACR122U adds the reader's own radio polling and USB round trips (tens of"
        " ms per APDU); the driver's share stays the difference between the first two rows.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())

"""The keyboard-wedge burst detector with realistic key timings."""

from __future__ import annotations

import random

import pytest

from drivers.wedge import Burst, BurstDetector, BurstKind

SCANNER_MS = (5.0, 20.0)
TYPIST_MS = (60.0, 150.0)


def play(
    detector: BurstDetector,
    text: str,
    start: float,
    gaps_ms: tuple[float, float],
    rng: random.Random,
) -> tuple[list[Burst], float]:
    """Feed ``text`` key by key with gaps drawn from ``gaps_ms``; return bursts and the end time."""
    out: list[Burst] = []
    t = start
    for i, ch in enumerate(text):
        if i:
            t += rng.uniform(*gaps_ms) / 1000
        out.extend(detector.feed(ch, t))
    return out, t


@pytest.mark.parametrize("seed", range(20))
def test_scanner_burst_ending_in_enter_is_a_scan(seed: int) -> None:
    rng = random.Random(seed)
    detector = BurstDetector(gap_ms=40)
    bursts, _ = play(detector, "6901234567892\r", 10.0, SCANNER_MS, rng)
    assert [(b.kind, b.text) for b in bursts] == [(BurstKind.SCAN, "6901234567892")]
    assert bursts[0].from_scanner and bursts[0].max_gap_ms <= 20.0
    assert not detector.pending


@pytest.mark.parametrize("seed", range(20))
def test_fast_typist_is_not_a_scanner(seed: int) -> None:
    rng = random.Random(seed)
    detector = BurstDetector(gap_ms=40)
    bursts, _ = play(detector, "13800138000\r", 5.0, TYPIST_MS, rng)
    assert [(b.kind, b.text) for b in bursts] == [(BurstKind.TYPED, "13800138000")]
    assert not bursts[0].from_scanner and bursts[0].max_gap_ms >= 60.0


def test_tab_also_ends_a_scan() -> None:
    bursts, _ = play(BurstDetector(), "8800000000012348\t", 0.0, SCANNER_MS, random.Random(1))
    assert [(b.kind, b.text) for b in bursts] == [(BurstKind.SCAN, "8800000000012348")]


def test_scan_cut_short_without_enter_is_truncated() -> None:
    detector = BurstDetector(gap_ms=40)
    bursts, end = play(detector, "690123456", 0.0, SCANNER_MS, random.Random(2))
    assert bursts == []
    assert detector.flush(end + 0.010) == []  # still within the gap: the scan may go on
    (burst,) = detector.flush(end + 0.100)
    assert (burst.kind, burst.text) == (BurstKind.TRUNCATED, "690123456")


def test_truncated_scan_followed_by_a_full_one() -> None:
    rng = random.Random(3)
    detector = BurstDetector(gap_ms=40)
    first, end = play(detector, "69012", 0.0, SCANNER_MS, rng)
    second, _ = play(detector, "6901234567892\r", end + 0.5, SCANNER_MS, rng)
    assert [(b.kind, b.text) for b in first + second] == [
        (BurstKind.TRUNCATED, "69012"),
        (BurstKind.SCAN, "6901234567892"),
    ]


def test_stray_key_then_scan_keeps_the_scan_clean() -> None:
    rng = random.Random(4)
    detector = BurstDetector(gap_ms=40, idle_s=3.0)
    assert detector.feed("5", 1.0) == []
    assert detector.flush(2.0) == []  # a person may still be typing
    (stray,) = detector.flush(4.5)
    assert (stray.kind, stray.text) == (BurstKind.STRAY, "5")
    bursts, _ = play(detector, "96385074\r", 5.0, SCANNER_MS, rng)
    assert [(b.kind, b.text) for b in bursts] == [(BurstKind.SCAN, "96385074")]


def test_scan_in_the_middle_of_typing_separates_the_typed_keys() -> None:
    rng = random.Random(5)
    detector = BurstDetector(gap_ms=40)
    typed, end = play(detector, "138", 0.0, TYPIST_MS, rng)
    scan, _ = play(detector, "8800000000012348\r", end + 0.4, SCANNER_MS, rng)
    assert [(b.kind, b.text) for b in typed + scan] == [
        (BurstKind.STRAY, "138"),
        (BurstKind.SCAN, "8800000000012348"),
    ]


def test_key_rollover_while_typing_stays_typed_text() -> None:
    # Two keys 25 ms apart (a typist's rollover) inside slow typing.
    keys = [("1", 0.0), ("3", 0.12), ("8", 0.145), ("0", 0.29), ("0", 0.40), ("\r", 0.52)]
    detector = BurstDetector(gap_ms=40, min_length=4)
    bursts = [b for ch, t in keys for b in detector.feed(ch, t)]
    assert [(b.kind, b.text) for b in bursts] == [(BurstKind.TYPED, "13800")]


def test_short_fast_burst_is_typed_not_scanned() -> None:
    bursts, _ = play(BurstDetector(min_length=4), "12\r", 0.0, SCANNER_MS, random.Random(6))
    assert [(b.kind, b.text) for b in bursts] == [(BurstKind.TYPED, "12")]


def test_enter_alone_is_nothing() -> None:
    assert BurstDetector().feed("\r", 1.0) == []


def test_gap_is_configurable_for_slow_scanners() -> None:
    rng = random.Random(7)
    slow_scanner = (45.0, 55.0)
    default, _ = play(BurstDetector(gap_ms=40), "96385074\r", 0.0, slow_scanner, rng)
    tuned, _ = play(BurstDetector(gap_ms=60), "96385074\r", 0.0, slow_scanner, rng)
    assert [b.kind for b in default] == [BurstKind.TYPED]
    assert [b.kind for b in tuned] == [BurstKind.SCAN]


def test_one_character_at_a_time() -> None:
    with pytest.raises(ValueError, match="one character"):
        BurstDetector().feed("12", 0.0)

"""Pricing a 50-line cart against 200 active promotions, and against today's rules alone.

``price_sale`` runs in the cashier's path on every scan (the cart's quote) and
at checkout. The cart has 50 lines of 30 SKUs in 6 categories, for a gold
member; the promotion set mixes every kind, scoped by SKU and category, 40 of
them in 4 exclusive groups (so the best-for-the-customer choice runs), all in
force. The baseline, in the same run on the same cart, is the programme as it
stood before promotions (tiers, birthday, rounding, points: the "20-rule"
case). Target: p95 <= 2 ms with promotions. For scale, the algorithm the
promotion engine replaced (``tests/domain/pricing_reference.py``: one full
pricing pass per exclusive-group trial) prices the same cart in the same run.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from pos_member.domain.cart import CartLine, Product
from pos_member.domain.money import Money
from pos_member.domain.pricing import MemberSnapshot, price_sale
from pos_member.domain.promotions import Promotion, PromotionKind, Scope, Step
from pos_member.domain.rules import ProgrammeRules, demo_rules
from tests.domain import pricing_reference

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "docs" / "benchmarks" / "pricing.md"
RUNS = int(os.environ.get("POS_MEMBER_BENCH_PRICING_RUNS", "500"))
TODAY = date(2026, 11, 24)
K = PromotionKind
CATS = ("drinks", "snacks", "dairy", "grain", "care", "fruit")


def _products(rng: random.Random) -> list[Product]:
    return [
        Product(f"SKU{i:02d}", f"item {i}", Money(rng.randrange(150, 9_000)),
                category=CATS[i % len(CATS)])
        for i in range(30)
    ]  # fmt: skip


def _cart(rng: random.Random, products: list[Product]) -> list[CartLine]:
    return [CartLine(n + 1, rng.choice(products), rng.randint(1, 4)) for n in range(50)]


def _promotions(rng: random.Random, products: list[Product]) -> tuple[Promotion, ...]:
    out: list[Promotion] = []
    for i in range(200):
        kind = list(PromotionKind)[i % len(PromotionKind)]
        sku = products[rng.randrange(len(products))].sku
        scope = Scope(skus=(sku,)) if i % 2 else Scope(categories=(CATS[i % len(CATS)],))
        group = f"g{i % 4}" if i < 40 else ""
        common: dict[str, object] = {"code": f"P{i:03d}", "kind": kind, "scope": scope,
                                     "exclusive_group": group, "priority": i % 3}  # fmt: skip
        extra: dict[str, object] = {
            K.SPEND_OFF: {"steps": (Step(5_000, off=Money(500)), Step(10_000, off=Money(1_500)))},
            K.SPEND_PERCENT: {"steps": (Step(8_000, rate=Decimal("0.95")),)},
            K.QUANTITY_BREAK: {"steps": (Step(3, rate=Decimal("0.9")),)},
            K.EVERY_OFF: {"every": Money(5_000), "off": Money(300), "cap": Money(1_500)},
            K.PERCENT_OFF: {"rate": Decimal("0.98")},
            K.NTH_ITEM: {"nth": 2, "rate": Decimal("0.5")},
            K.BUY_GET: {"buy": 2, "get": 1},
            K.SPECIAL_PRICE: {"prices": ((sku, Money(100)),), "scope": Scope()},
            K.ADD_ON: {"gift_sku": sku, "threshold": Money(3_000), "add_on_price": Money(990)},
        }[kind]
        out.append(Promotion(**{**common, **extra}))  # type: ignore[arg-type]
    return tuple(out)


def _series(
    lines: list[CartLine], rules: ProgrammeRules, runs: int, fn: object = price_sale
) -> tuple[list[float], list[float]]:
    """Each run's wall-clock time and this process's CPU time, in ms (on a shared machine
    the second says what the pricing costs, the first what a cashier would wait)."""
    member = MemberSnapshot("M1", "gold")
    price = fn if callable(fn) else price_sale
    price(lines, member, rules, (), 0, TODAY)  # warm up
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        price(lines, member, rules, (), 0, TODAY)
        c1, t1 = time.process_time(), time.perf_counter()
        wall.append((t1 - t0) * 1000)
        cpu.append((c1 - c0) * 1000)
    return wall, cpu


def _stats(series: tuple[list[float], list[float]]) -> dict[str, float]:
    ordered = sorted(series[0])
    cpu = sorted(series[1])
    return {
        "runs": len(ordered),
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 3),
        "max_ms": round(ordered[-1], 3),
        "cpu_p50_ms": round(statistics.median(cpu), 3),
        "cpu_p95_ms": round(cpu[min(len(cpu) - 1, int(len(cpu) * 0.95))], 3),
    }


def run(runs: int = RUNS) -> dict[str, object]:
    rng = random.Random(20261124)
    products = _products(rng)
    lines = _cart(rng, products)
    base = demo_rules()
    promoted = replace(base, promotions=_promotions(rng, products))
    applied = price_sale(lines, MemberSnapshot("M1", "gold"), promoted, (), 0, TODAY).promotions
    combinable = replace(
        promoted, promotions=tuple(replace(p, exclusive_group="") for p in promoted.promotions)
    )
    today = _stats(_series(lines, base, runs))
    with_promos = _stats(_series(lines, promoted, runs))
    one_pass = _stats(_series(lines, combinable, runs))
    old = _stats(_series(lines, promoted, max(5, min(runs, 20)), pricing_reference.price_sale))
    result: dict[str, object] = {
        "today_rules": today,
        "with_200_promotions": with_promos,
        "with_200_promotions_none_exclusive": one_pass,
        "with_200_promotions_replaced_algorithm": old,
        "speedup_p50": round(old["p50_ms"] / with_promos["p50_ms"], 1),
        "promotions_applied": len(applied),
        "ratio_p50": round(with_promos["p50_ms"] / today["p50_ms"], 1),
        "ratio_p95": round(with_promos["p95_ms"] / today["p95_ms"], 1),
        "target_p95_ms": 2.0,
    }
    FRAGMENT.write_text(_markdown(result, today, with_promos, one_pass, old), encoding="utf-8")
    return result


def _markdown(
    result: dict[str, object],
    today: dict[str, float],
    promo: dict[str, float],
    one_pass: dict[str, float],
    old: dict[str, float],
) -> str:
    met = "met" if promo["p95_ms"] <= 2.0 else "**not met**"
    met_one = "met" if one_pass["p95_ms"] <= 2.0 else "**not met**"
    met_today = "met" if today["p95_ms"] <= 2.0 else "**not met**"
    lines = [
        "## Pricing a 50-line cart (`price_sale`)",
        "",
        "50 lines of 30 SKUs in 6 categories, a gold member. With promotions: 200 in force,"
        " every kind, scoped by SKU or category, 40 of them in 4 exclusive groups (the"
        f" best-for-the-customer choice runs); {result['promotions_applied']} changed the"
        " cart. Baseline: the same cart under the programme without promotions, same run.",
        "",
        "| rules | runs | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, s in (
        ("today's rules (no promotions)", today),
        ("200 promotions, 40 in exclusive groups", promo),
        ("the same 200, none exclusive (one pass)", one_pass),
        ("200 promotions, 40 exclusive: the algorithm replaced", old),
    ):
        lines.append(
            f"| {label} | {s['runs']} | {s['p50_ms']:.3f} | {s['p95_ms']:.3f} | {s['max_ms']:.3f}"
            f" | {s['cpu_p50_ms']:.3f} | {s['cpu_p95_ms']:.3f} |"
        )
    lines += [
        "",
        f"- With promotions / without: {result['ratio_p50']}× at p50, {result['ratio_p95']}×"
        f" at p95. Target p95 ≤ 2 ms: {met} with 40 exclusive, {met_one} with none"
        f" exclusive, {met_today} by today's rules.",
        f"- Against the algorithm replaced (same cart, same run): {result['speedup_p50']}×"
        " faster at p50, the same prices to the fen (tests/domain/test_pricing_differential.py).",
        "- Where the time goes with exclusive groups: the rules' trials (38 here, the groups"
        " settled in turn, each candidate against the others as settled) are each priced as"
        " a difference from a base run rebased, per group, to hold the picks so far without"
        " that group's (so a candidate differs from it by one promotion); a trial recomputes"
        " only the steps that touch a line whose state differs. In this cart 31 of the 50"
        " lines are joined by category scopes and 加价购 gift SKUs, so a trial still redoes a"
        " dozen steps and each of the 4 rebased runs walks the rest of the plan; the sale's"
        " adjustments are read from the last base run. One plain pass is the third row.",
        f"- Load average when measured: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        " (the machine is shared; under load the p95 stretches far more than the p50). The"
        " CPU columns are this process's own time per pricing (``time.process_time``): what"
        " the code costs whatever else runs, though a busy machine slows that too.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())

"""Steps 2-5 of pricing (item promotions, tier and birthday discounts, order promotions)
on integer fen, and the exact best-for-the-customer choice among exclusive promotions.

``pricing.price_sale`` builds one ``Basket`` per sale and asks it to ``choose``
the promotions (settling each exclusive group) and then to ``run`` them with
the adjustments, unit prices and hints recorded. The arithmetic of every kind
lives here, on lists of line amounts in fen; a rate is an exact fraction
rounded half-up to the fen, as ``Money.scale`` rounds it.

Why the choice is fast and still exact (docs/pricing.md, "How the engine
settles exclusive groups"):

1. **What never fires is dropped.** Amounts only fall along steps 2-5 and the
   lines that take item promotions only shrink, so a promotion that changes
   nothing at the most favourable state (the amounts after step 1) changes
   nothing in any trial: a 满减 whose lines are below its first rung before any
   discount, a 第N件 without N units of one SKU, a 买赠 without enough units...
   Leaving it out of every trial leaves every total as it was.
2. **Trials are priced as differences** from a base run whose states before and
   after every step are kept (``_Base``): a trial carries only the lines whose
   state differs there, recomputes only the steps that touch them (or that it
   holds differently) and jumps over the rest. Each group's trials run against
   a base rebased to hold the picks so far without that group's, so each
   candidate differs from it by one promotion; the last base is the sale's run,
   its adjustments read from its states.
3. The trials themselves are the ones the rules define (groups in the order of
   their names, each against the others as settled so far, the first of equal
   totals in priority-then-code order), so the pick is the same promotion.

``tests/domain/test_pricing_differential.py`` holds the engine to the
algorithm it replaced (one full pass per trial) on random carts and
programmes, and on the benchmark's own shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from pos_member.domain.cart import CartLine
from pos_member.domain.money import Money
from pos_member.domain.promotions import (
    ITEM_KINDS,
    ORDER_KINDS,
    Promotion,
    PromotionHint,
    PromotionKind,
    hint_gap,
    hint_reward,
    reached_rung,
    rung_reason,
)

TESTED_IN = "tests/domain/test_pricing_differential.py, tests/unit/domain/test_promotions.py"

K = PromotionKind
Fraction = tuple[int, int]


def fraction(rate: Decimal) -> Fraction:
    n, d = rate.as_integer_ratio()
    return n, d


def scale(fen: int, rate: Fraction) -> int:
    """``fen`` × ``rate`` rounded half-up (away from zero on a tie), as ``Money.scale``."""
    n, d = rate
    if fen >= 0:
        return (2 * fen * n + d) // (2 * d)
    return -((-2 * fen * n + d) // (2 * d))


def applied_order(p: Promotion) -> tuple[int, int, int, str]:
    """Item promotions first, then order promotions; within a stage by kind as listed in
    ``ITEM_KINDS`` / ``ORDER_KINDS``, then higher priority first, then code."""
    if p.kind in ITEM_KINDS:
        return (0, ITEM_KINDS.index(p.kind), -p.priority, p.code)
    return (1, ORDER_KINDS.index(p.kind), -p.priority, p.code)


class Compiled:
    """A promotion's numbers as the engine reads them, computed once per programme version."""

    __slots__ = (
        "add_on_price",
        "add_on_units",
        "brands",
        "buy",
        "cap",
        "cats",
        "every",
        "everything",
        "excl",
        "get",
        "gift",
        "group",
        "hinted",
        "item",
        "kind",
        "nth",
        "off",
        "order_key",
        "p",
        "prices",
        "rate",
        "rewards",
        "skus",
        "slot",
        "sort_key",
        "special",
        "steps",
        "threshold",
        "words",
    )  # fmt: skip

    def __init__(self, p: Promotion, index: int) -> None:
        self.p = p
        self.kind = p.kind
        self.item = p.kind in ITEM_KINDS
        self.special = p.kind is K.SPECIAL_PRICE
        self.skus = frozenset(p.scope.skus)
        self.cats = frozenset(p.scope.categories)
        self.excl = frozenset(p.scope.exclude_skus)
        self.brands = frozenset(p.scope.brands)
        self.everything = not p.scope.skus and not p.scope.categories and not p.scope.brands
        self.gift = p.gift_sku
        self.rate = fraction(p.rate)
        self.steps = [(s.threshold, s.off.fen, fraction(s.rate)) for s in p.steps]
        self.every = p.every.fen
        self.off = p.off.fen
        self.cap = p.cap.fen
        self.nth = p.nth
        self.buy = p.buy
        self.get = p.get
        self.add_on_price = p.add_on_price.fen
        self.add_on_units = p.add_on_units
        self.threshold = p.threshold.fen
        prices: dict[str, int] = {}
        for sku, price in p.prices:
            prices.setdefault(sku, price.fen)  # the first listed price of a SKU counts
        self.prices = prices
        self.group = p.exclusive_group
        # Within a group, who wins a tie; then the order they apply in (the listed order last).
        self.sort_key = (-p.priority, p.code, index)
        self.order_key = (*applied_order(p), index)
        self.words: dict[int, str] = {}  # reached rung -> the reason on the lines
        self.rewards: dict[int, str] = {}  # next rung -> what reaching it gives
        self.hinted = p.kind in (K.SPEND_OFF, K.SPEND_PERCENT, K.EVERY_OFF, K.ADD_ON)
        self.slot = -1  # its place in its version's order (``Version``)

    def reason(self, amount: int) -> str:
        rung = reached_rung(self.p, amount) if self.steps else -1
        words = self.words.get(rung)
        if words is None:
            words = self.words[rung] = rung_reason(self.p, rung)
        return words

    def hint(self, amount: int) -> PromotionHint | None:
        gap = hint_gap(self.p, amount)
        if gap is None:
            return None
        reward = self.rewards.get(gap[0])
        if reward is None:
            reward = self.rewards[gap[0]] = hint_reward(self.p, gap[0])
        return PromotionHint(self.p.code, Money(gap[1]), reward)


class Version(list["Compiled"]):
    """A programme version's promotions compiled, in the order they apply, with an index
    from SKU, category and brand to their places in that order (special prices aside), and
    the promotions in force per audience and sale time (kept for the last few asked)."""

    def __init__(self, promotions: tuple[Promotion, ...]) -> None:
        cs = sorted((Compiled(p, i) for i, p in enumerate(promotions)), key=lambda c: c.order_key)
        super().__init__(cs)
        self.by_sku: dict[str, list[int]] = {}
        self.by_cat: dict[str, list[int]] = {}
        self.by_brand: dict[str, list[int]] = {}
        self.everything: list[int] = []
        for slot, c in enumerate(cs):
            c.slot = slot
            if c.special:
                continue  # bound by its SKUs' prices (``Basket._bind``)
            if c.everything:
                self.everything.append(slot)
            for sku in c.skus:
                self.by_sku.setdefault(sku, []).append(slot)
            for cat in c.cats:
                self.by_cat.setdefault(cat, []).append(slot)
            for brand in c.brands:
                self.by_brand.setdefault(brand, []).append(slot)
        self.zones = tuple(sorted({c.p.window.tz for c in cs}))
        self._in_force: dict[tuple[object, ...], Offers] = {}

    def in_force(self, tier_code: str | None, at: datetime | date, store_id: str) -> Offers:
        """The promotions for this audience at ``at`` in this store, in the order they apply.
        A window reads only the local date and hour, so sales in the same hour share them."""
        if isinstance(at, datetime):
            when: tuple[object, ...] = tuple(
                (local.date(), local.hour)
                for local in (at.astimezone(ZoneInfo(tz)) for tz in self.zones)
            )
        else:
            when = (at,)
        key = (tier_code, store_id, *when)
        hit = self._in_force.get(key)
        if hit is None:
            if len(self._in_force) >= 32:
                self._in_force.pop(next(iter(self._in_force)))
            hit = self._in_force[key] = Offers(
                self, [c for c in self if c.p.applies_to(tier_code, at, store_id)]
            )
        return hit


class Offers(list["Compiled"]):
    """The promotions a sale may take, in the order they apply, with their version's index
    and each one's place among them (``rank``, by the version's slot; -1: not in force)."""

    def __init__(self, version: Version, offers: list[Compiled]) -> None:
        super().__init__(offers)
        self.version = version
        self.rank = [-1] * len(version)
        for r, c in enumerate(offers):
            self.rank[c.slot] = r


_COMPILED: dict[int, tuple[tuple[Promotion, ...], Version]] = {}


def compiled(promotions: tuple[Promotion, ...]) -> Version:
    """The programme's promotions compiled and sorted in the order they apply (kept for
    the last few programme versions seen, keyed by the tuple itself)."""
    hit = _COMPILED.get(id(promotions))
    if hit is not None and hit[0] is promotions:
        return hit[1]
    out = Version(promotions)
    if len(_COMPILED) >= 8:
        _COMPILED.pop(next(iter(_COMPILED)))
    _COMPILED[id(promotions)] = (promotions, out)
    return out


class Bound:
    """A compiled promotion against one cart: the lines of its scope and gift SKU in its
    stage (for item promotions: among the lines that take discounts after step 1)."""

    __slots__ = ("c", "fires", "gifts", "in_cart", "lines", "part", "rank")

    def __init__(self, c: Compiled, rank: int) -> None:
        self.c = c
        self.rank = rank
        self.lines: list[int] = []
        self.gifts: list[int] = []
        self.fires = False
        self.in_cart = False  # whether its scope (a special price: its SKUs) holds a line
        self.part = -1


@dataclass
class Record:
    """What the recorded run found: per line its adjustments (kind name, fen, reason, ref),
    its unit price and whether it still took discounts, and the hints."""

    adjustments: list[list[tuple[str, int, str, str]]]
    unit_price: list[int]
    discountable: list[bool]
    hints: list[PromotionHint]


class Basket:
    """One cart as the engine sees it, after step 1 (catalogue, member or override price)."""

    def __init__(
        self,
        lines: Sequence[CartLine],
        amounts: list[int],
        unit_prices: list[int],
        discountable: list[bool],
        coupon_eligible: list[bool],
        offers: Sequence[Compiled],
        tier_rate: Decimal,
        tier_reason: tuple[str, str],
        birthday_rate: Decimal,
        birthday_reason: str,
    ) -> None:
        self.cart = lines
        self.n = len(lines)
        self.sku = [ln.product.sku for ln in lines]
        self.cat = [ln.product.category for ln in lines]
        self.units: list[int | None] = [
            None if ln.product.sold_by_weight else ln.quantity for ln in lines
        ]
        self.amt0 = amounts
        self.up0 = unit_prices
        self.disc0 = discountable
        self.elig = coupon_eligible
        self.tier = fraction(tier_rate) if tier_rate < 1 else None
        self.tier_reason = tier_reason
        self.bday = fraction(birthday_rate) if birthday_rate < 1 else None
        self.bday_reason = birthday_reason
        self._at: dict[tuple[int, int], int] = {}
        self.base: _Base | None = None  # the base run ``choose`` ended with
        self.by_sku: dict[str, list[int]] = {}
        self.by_cat: dict[str, list[int]] = {}
        self.by_brand: dict[str, list[int]] = {}
        for i, ln in enumerate(lines):
            if ln.product.brand:
                self.by_brand.setdefault(ln.product.brand, []).append(i)
        for i in range(self.n):
            self.by_sku.setdefault(self.sku[i], []).append(i)
            if self.cat[i]:
                self.by_cat.setdefault(self.cat[i], []).append(i)
        if not offers:
            self.offers = []
        elif isinstance(offers, Offers):
            scopes = self._scopes(offers)
            self.offers = [self._bind(c, r, scopes[r]) for r, c in enumerate(offers)]
        else:
            self.offers = [self._bind(c, r, None) for r, c in enumerate(offers)]

    # --- binding ---------------------------------------------------------------

    def _scopes(self, offers: Offers) -> list[list[int]]:
        """Each offer's lines in scope (all stages, in line order, exclusions left out),
        found from the lines through the version's index rather than offer by offer."""
        v, rank = offers.version, offers.rank
        found: list[list[int]] = [[] for _ in offers]
        everything = list(range(self.n))
        for slot in v.everything:
            if rank[slot] >= 0:
                found[rank[slot]] = everything[:]
        for i, ln in enumerate(self.cart):
            p = ln.product
            # A line without a category or brand is in no category's or brand's scope.
            for index, key in ((v.by_sku, p.sku), (v.by_cat, p.category), (v.by_brand, p.brand)):
                slots = index.get(key) if key or index is v.by_sku else None
                if slots:
                    for slot in slots:
                        r = rank[slot]
                        if r >= 0:
                            hits = found[r]
                            if not hits or hits[-1] != i:
                                hits.append(i)
        for r, c in enumerate(offers):
            if c.excl and found[r]:
                found[r] = [i for i in found[r] if self.sku[i] not in c.excl]
        return found

    def _scope(self, c: Compiled) -> list[int]:
        """The cart's lines in ``c``'s scope, in line order (all stages)."""
        if c.everything:
            found: list[int] = list(range(self.n))
        else:
            hits: set[int] = set()
            for sku in c.skus:
                hits.update(self.by_sku.get(sku, ()))
            for cat in c.cats:
                hits.update(self.by_cat.get(cat, ()))
            for brand in c.brands:
                hits.update(self.by_brand.get(brand, ()))
            found = sorted(hits)
        if c.excl:
            return [i for i in found if self.sku[i] not in c.excl]
        return found

    def touches(self, b: Bound) -> bool:
        """Whether ``b``'s scope holds any line of the cart (the rule for trying a grouped
        promotion: a special price by its SKUs, the others by their scope)."""
        return b.in_cart

    def _bind(self, c: Compiled, rank: int, scope: list[int] | None) -> Bound:
        b = Bound(c, rank)
        if c.special:
            b.in_cart = any(sku in self.by_sku for sku in c.prices)
            b.lines = [i for sku in c.prices for i in self.by_sku.get(sku, ()) if self.disc0[i]]
            b.lines.sort()
            b.fires = any(c.prices[self.sku[i]] < self.up0[i] for i in b.lines)
            return b
        if scope is None:
            scope = self._scope(c)
        b.in_cart = bool(scope)
        stage = self.disc0 if c.item else self.elig
        b.lines = [i for i in scope if stage[i]]
        if c.gift:
            b.gifts = [i for i in self.by_sku.get(c.gift, ()) if stage[i]]
        b.fires = bool(b.lines) and self._may_fire(b)
        return b

    def _may_fire(self, b: Bound) -> bool:
        """Whether ``b`` can change a line in some trial: judged at the amounts after step
        1 and with every line that takes item promotions there (both only shrink later)."""
        c, amt, units = b.c, self.amt0, self.units
        kind = c.kind
        if kind is K.PERCENT_OFF:
            return True
        if kind in (K.SPEND_OFF, K.SPEND_PERCENT):
            return sum(amt[i] for i in b.lines) >= c.steps[0][0]
        if kind is K.EVERY_OFF:
            return sum(amt[i] for i in b.lines) >= c.every
        if kind is K.ADD_ON:
            spend = sum(amt[i] for i in b.lines if self.sku[i] != c.gift)
            return spend >= c.threshold and any(units[i] for i in b.gifts)
        if kind is K.BUY_GET:
            if c.gift:
                bought = sum(units[i] or 0 for i in b.lines if self.sku[i] != c.gift)
                return bought // c.buy * c.get > 0 and any(units[i] for i in b.gifts)
            return sum(units[i] or 0 for i in b.lines) >= c.buy + c.get
        per_sku: dict[str, int] = {}
        for i in b.lines:
            per_sku[self.sku[i]] = per_sku.get(self.sku[i], 0) + (units[i] or 0)
        most = max(per_sku.values())
        if kind is K.NTH_ITEM:
            return most >= c.nth
        return most >= c.steps[0][0]  # quantity break

    def amount_at(self, i: int, price: int) -> int:
        key = (i, price)
        v = self._at.get(key)
        if v is None:
            v = self._at[key] = self.cart[i].amount_at(Money(price)).fen
        return v

    # --- choosing among exclusive promotions --------------------------------------

    def choose(self) -> list[Bound]:
        """The promotions the sale takes: every one outside an exclusive group, and of each
        group the one that leaves the customer least to pay (see the module's notes)."""
        self.base = None
        groups: dict[str, list[Bound]] = {}
        for b in self.offers:
            if b.c.group and self.touches(b):
                groups.setdefault(b.c.group, []).append(b)
        if not groups:
            return [b for b in self.offers if not b.c.group]
        for bs in groups.values():
            bs.sort(key=lambda b: b.c.sort_key)
        pick = {g: bs[0] for g, bs in groups.items()}
        contested = [g for g in sorted(groups) if len(groups[g]) > 1]
        if contested:
            self._settle(groups, pick, contested)
        chosen = set(pick.values())
        return [b for b in self.offers if not b.c.group or b in chosen]

    def _settle(
        self, groups: dict[str, list[Bound]], pick: dict[str, Bound], contested: list[str]
    ) -> None:
        """Run the rules' trials, each priced as a difference from a recorded base run (run
        again with a group's new pick once that group is settled). The last base run,
        with the picks made, is kept for ``run``."""
        plan = self._plan()

        def held() -> set[Bound]:
            return {b for b in plan if isinstance(b, Bound) and (
                not b.c.group or b is pick.get(b.c.group))}  # fmt: skip

        # The first base run leaves out the first group's pick: each group's trials differ
        # from a run without its pick by one promotion each, and the next group's run is
        # rebased from it (that group's pick back in, the next one's out).
        base: _Base = _Base(self, plan, held() - {pick[contested[0]]})
        for g in contested:
            base = base.rebased(held() - {pick[g]})
            pick[g] = min(groups[g], key=lambda b: base.total({**pick, g: b}))
        self.base = base.rebased(held())

    def _plan(self) -> list[Bound | str]:
        """The steps that can change a line, in the order they apply: the item promotions
        that can fire, the tier and birthday rates, the order promotions that can fire."""
        plan: list[Bound | str] = [b for b in self.offers if b.fires and b.c.item]
        plan += self._rates()
        plan += [b for b in self.offers if b.fires and not b.c.item]
        return plan

    def _rates(self) -> list[str]:
        return [name for name, rate in (("tier", self.tier), ("birthday", self.bday)) if rate]

    # --- the run -------------------------------------------------------------------

    def run(self, chosen: list[Bound]) -> tuple[list[int], Record]:
        """Steps 2-5 with ``chosen`` on every line, recorded: the line amounts and a ``Record``
        (read from the base run ``choose`` kept, when it holds them; else one recorded pass)."""
        base = self.base
        if base is None or base.held != {b for b in chosen if b.fires}:
            rec = Record([[] for _ in range(self.n)], self.up0[:], self.disc0[:], [])
            return self._steps(chosen, list(range(self.n)), rec), rec
        return base.amt[-1][:], self._record(base, chosen)

    def _record(self, base: _Base, chosen: list[Bound]) -> Record:
        """What ``base`` did, step by step: each line's adjustments (with the reason each
        promotion gives at the amounts its turn found), unit prices and hints."""
        rows_a, rows_d = base.amt, base.disc
        rec = Record([[] for _ in range(self.n)], base.up[-1][:], rows_d[-1][:], [])
        adj = rec.adjustments
        for k, t in enumerate(base.plan):
            a0, a1 = rows_a[k], rows_a[k + 1]
            if a0 is a1:
                continue
            moved = [i for i in base.changed[k] if a1[i] != a0[i]]
            if not moved:
                continue
            if isinstance(t, str):
                if t == "tier":
                    kind, (reason, ref) = "tier_discount", self.tier_reason
                else:
                    kind, reason, ref = "birthday_discount", self.bday_reason, ""
            else:
                c = t.c
                kind, ref = "promotion", c.p.code
                if c.special:
                    reason = c.reason(0)
                elif c.item:
                    d0 = rows_d[k]
                    reason = c.reason(sum(a0[i] for i in t.lines if d0[i]))
                else:
                    reason = c.reason(sum(a0[i] for i in t.lines))
            for i in moved:
                adj[i].append((kind, a1[i] - a0[i], reason, ref))
        # Each spend promotion's hint, at the amounts its turn finds (one that cannot fire
        # finds them as the firing promotions before it left them).
        now = next((k for k, t in enumerate(base.plan) if isinstance(t, Bound) and not t.c.item),
                   len(base.plan))  # fmt: skip
        for b in chosen:
            c = b.c
            if c.item:
                continue
            if b.fires:
                now = base.position[b]
            if b.lines and c.hinted:
                amt = rows_a[now]
                hint = c.hint(sum(amt[i] for i in b.lines if self.sku[i] != c.gift))
                if hint is not None:
                    rec.hints.append(hint)
            if b.fires:
                now += 1
        return rec

    def _steps(self, seq: list[Bound], lines: list[int], rec: Record | None) -> list[int]:
        """Steps 2-5 over ``lines`` with the promotions ``seq`` (in the order they apply);
        with ``rec``, every adjustment and the hints are kept."""
        amt = self.amt0[:]
        disc = rec.discountable if rec is not None else self.disc0[:]
        up = rec.unit_price if rec is not None else self.up0[:]
        adj = rec.adjustments if rec is not None else None
        k = 0
        while k < len(seq) and seq[k].c.special:
            self._special(seq[k], amt, disc, up, adj)
            k += 1
        while k < len(seq) and seq[k].c.item:
            self._apply(seq[k], amt, disc, adj)
            k += 1
        for name in self._rates():
            self._rate(name, lines, amt, disc, adj)
        for b in seq[k:]:
            if rec is not None and b.lines and b.c.hinted:
                hint = b.c.hint(sum(amt[i] for i in b.lines if self.sku[i] != b.c.gift))
                if hint is not None:
                    rec.hints.append(hint)
            self._apply(b, amt, None, adj)
        return amt

    def _special(
        self,
        b: Bound,
        amt: list[int],
        disc: list[bool],
        up: list[int],
        adj: list[list[tuple[str, int, str, str]]] | None,
    ) -> None:
        """限时特价: the unit price replaced (when lower); the line takes no further discount."""
        if not b.fires:
            return
        prices = b.c.prices
        for i in b.lines:
            price = prices[self.sku[i]]
            if disc[i] and price < up[i]:
                up[i] = price
                new = self.amount_at(i, price)
                if adj is not None and new != amt[i]:
                    adj[i].append(("promotion", new - amt[i], b.c.reason(0), b.c.p.code))
                amt[i] = new
                disc[i] = False

    def _rate(
        self,
        name: str,
        lines: Iterable[int],
        amt: list[int],
        disc: list[bool],
        adj: list[list[tuple[str, int, str, str]]] | None,
    ) -> None:
        """Steps 3 and 4: the tier or birthday rate on each line that takes discounts."""
        if name == "tier":
            rate, (reason, ref), kind = self.tier, self.tier_reason, "tier_discount"
        else:
            rate, reason, ref, kind = self.bday, self.bday_reason, "", "birthday_discount"
        assert rate is not None
        for i in lines:
            if disc[i]:
                new = scale(amt[i], rate)
                if adj is not None and new != amt[i]:
                    adj[i].append((kind, new - amt[i], reason, ref))
                amt[i] = new

    def _apply(
        self,
        b: Bound,
        amt: list[int],
        disc: list[bool] | None,
        adj: list[list[tuple[str, int, str, str]]] | None,
    ) -> None:
        if not b.fires:
            return
        c = b.c
        if disc is None:
            scope, gifts = b.lines, b.gifts
        else:
            scope = [i for i in b.lines if disc[i]]
            if not scope:
                return
            gifts = [i for i in b.gifts if disc[i]] if b.gifts else b.gifts
        offs = _KINDS[c.kind](self, c, scope, gifts, amt)
        if not offs:
            return
        reason = c.reason(sum(amt[i] for i in scope)) if adj is not None else ""
        for i, v in offs.items():
            if v > 0:
                off = v if v < amt[i] else amt[i]
                if adj is not None and off:
                    adj[i].append(("promotion", -off, reason, c.p.code))
                amt[i] -= off

    def step(self, t: Bound | str, amt: list[int], disc: list[bool], up: list[int]) -> None:
        """One step of a plan (a promotion, or the tier or birthday rate) on every line."""
        if isinstance(t, str):
            self._rate(t, range(self.n), amt, disc, None)
        elif t.c.special:
            self._special(t, amt, disc, up, None)
        else:
            self._apply(t, amt, disc if t.c.item else None, None)


class _Base:
    """One run of steps 2-5 with the state after every step kept, against which a trial
    that holds other promotions is priced by what differs.

    A trial keeps only the lines whose state (amount, takes-discounts, unit price)
    differs from the base run's at the step it has reached: the ``dirty`` lines,
    an overlay on the base run's states (a bitmask and their values). It starts
    at the first step it holds differently. A step both hold that touches no dirty
    line finds its lines as the base run found them and does to them what it did
    there, so the trial leaves it alone (its clean lines follow the base run); a
    step only the base run holds puts back, on the lines it changed, their state
    before it; any other step is recomputed on the base run's state with the
    overlay, and the lines it touches are compared with the base run's state after
    it. With no dirty line left, the trial jumps to its next differing step. The
    trial's total is the base total with the dirty lines' amounts swapped in.
    Exact, by induction over the steps.

    The base run for other picks (``rebased``) shares this run's states before the
    first step the two hold differently, and from there copies what it can.
    """

    def __init__(self, basket: Basket, plan: list[Bound | str], held: set[Bound]) -> None:
        self.basket = basket
        self.plan = plan
        self.held = held
        self.grouped = {b for b in held if b.c.group}
        self.memo: dict[frozenset[Bound], int] = {}
        everything = list(range(basket.n))
        self.position = {t: k for k, t in enumerate(plan) if isinstance(t, Bound)}
        self.tlines: list[list[int]] = [
            sorted(set(t.lines + t.gifts)) if isinstance(t, Bound) else everything for t in plan
        ]
        self.tmask = [_mask(lines) for lines in self.tlines]
        self.changed: list[list[int]] = []
        amt, disc, up = basket.amt0[:], basket.disc0[:], basket.up0[:]
        self.amt, self.disc, self.up = [amt], [disc], [up]
        start = 0
        step = basket.step
        for k in range(start, len(plan)):
            t = plan[k]
            changed: list[int] = []
            if isinstance(t, str) or t in held:
                before = amt
                amt = amt[:]
                if isinstance(t, Bound) and t.c.special:
                    disc, up = disc[:], up[:]
                step(t, amt, disc, up)
                changed = [i for i in self.tlines[k] if amt[i] != before[i] or not disc[i]]
            self.changed.append(changed)
            self.amt.append(amt)
            self.disc.append(disc)
            self.up.append(up)
        self.final = sum(amt)

    def first_difference(self, held: set[Bound]) -> int:
        """The first step of the plan that ``held`` holds differently from this run."""
        differ = self.held ^ held
        return min((self.position[b] for b in differ), default=len(self.plan))

    def rebased(self, held: set[Bound]) -> _Base:
        """The base run for ``held``: the states before the first step held differently are
        shared; from there each step is copied from this run where it touches no line whose
        state differs, and recomputed where it does."""
        if held == self.held:
            return self
        start = self.first_difference(held)
        new = _Base.__new__(_Base)
        new.basket, new.plan, new.held = self.basket, self.plan, held
        new.grouped = {b for b in held if b.c.group}
        new.memo = {}
        new.position, new.tlines, new.tmask = self.position, self.tlines, self.tmask
        new.changed = self.changed[:start]
        new.amt, new.disc = self.amt[: start + 1], self.disc[: start + 1]
        new.up = self.up[: start + 1]
        rows_a, rows_d, rows_u, rows_c = self.amt, self.disc, self.up, self.changed
        tlines, tmask = self.tlines, self.tmask
        amt, disc, up = rows_a[start], rows_d[start], rows_u[start]
        step = self.basket.step
        old = self.held
        dm = 0  # the lines whose state differs from this run's, as a bitmask
        for k in range(start, len(self.plan)):
            t = self.plan[k]
            a1, d1, u1 = rows_a[k + 1], rows_d[k + 1], rows_u[k + 1]
            rate = isinstance(t, str)
            in_old = rate or t in old
            in_new = rate or t in held
            if not dm and in_old == in_new:
                amt, disc, up, changed = a1, d1, u1, rows_c[k]
            elif not in_new:
                changed = []
                for i in rows_c[k] if in_old else ():
                    if amt[i] != a1[i] or disc[i] != d1[i] or up[i] != u1[i]:
                        dm |= 1 << i
                    else:
                        dm &= ~(1 << i)
            elif in_old and not rate and not tmask[k] & dm:
                changed = rows_c[k]
                amt = amt[:]
                for i in changed:
                    amt[i] = a1[i]
                if t.c.special:  # type: ignore[union-attr]
                    disc, up = disc[:], up[:]
                    for i in changed:
                        disc[i], up[i] = d1[i], u1[i]
            else:
                before = amt
                amt = amt[:]
                if not rate and t.c.special:  # type: ignore[union-attr]
                    disc, up = disc[:], up[:]
                step(t, amt, disc, up)
                tl = tlines[k]
                changed = [i for i in tl if amt[i] != before[i] or not disc[i]]
                for i in tl:
                    if amt[i] != a1[i] or disc[i] != d1[i] or up[i] != u1[i]:
                        dm |= 1 << i
                    else:
                        dm &= ~(1 << i)
            new.changed.append(changed)
            new.amt.append(amt)
            new.disc.append(disc)
            new.up.append(up)
        new.final = sum(amt)
        return new

    def total(self, selection: dict[str, Bound]) -> int:
        """Steps 2-5's total with the free promotions and those of ``selection``."""
        chosen = {b for b in selection.values() if b.fires}
        differ = frozenset(self.grouped ^ chosen)
        if not differ:
            return self.final
        known = self.memo.get(differ)
        if known is not None:
            return known
        marks = sorted(self.position[b] for b in differ)
        markset = set(marks)
        plan, held, tmask, tlines = self.plan, self.held, self.tmask, self.tlines
        rows_a, rows_d, rows_u, changed = self.amt, self.disc, self.up, self.changed
        basket = self.basket
        step = basket.step
        dirty: dict[int, tuple[int, bool, int]] = {}
        dm = 0
        n, nm, m, k = len(plan), len(marks), 0, 0
        while True:
            if not dm:
                # Nothing differs from the base run: straight to the next differing step.
                while m < nm and marks[m] < k:
                    m += 1
                if m == nm:
                    break
                k = marks[m]
            elif k >= n:
                break
            elif k not in markset and not tmask[k] & dm:
                k += 1
                continue
            t = plan[k]
            a1, d1, u1 = rows_a[k + 1], rows_d[k + 1], rows_u[k + 1]
            if isinstance(t, str):  # a rate: the clean lines as in the base run, the dirty redone
                rate = basket.tier if t == "tier" else basket.bday
                assert rate is not None
                for i, (v0, dd, uu) in list(dirty.items()):
                    v = scale(v0, rate) if dd else v0
                    if v == a1[i] and dd == d1[i] and uu == u1[i]:
                        del dirty[i]
                        dm &= ~(1 << i)
                    else:
                        dirty[i] = (v, dd, uu)
                k += 1
                continue
            in_base = t in held
            in_trial = t in chosen if t.c.group else in_base
            if not in_trial:
                if in_base:  # left out: the lines it changed in the base run keep their state
                    a0, d0, u0 = rows_a[k], rows_d[k], rows_u[k]
                    for i in changed[k]:
                        v, dd, uu = dirty[i] if dm >> i & 1 else (a0[i], d0[i], u0[i])
                        if v == a1[i] and dd == d1[i] and uu == u1[i]:
                            if dm >> i & 1:
                                del dirty[i]
                                dm &= ~(1 << i)
                        else:
                            dirty[i] = (v, dd, uu)
                            dm |= 1 << i
                k += 1
                continue
            if in_base and not tmask[k] & dm:
                k += 1  # as in the base run
                continue
            amt = rows_a[k][:]
            if t.c.item:
                disc, up = rows_d[k][:], rows_u[k][:]
                for i, (v, dd, uu) in dirty.items():
                    amt[i], disc[i], up[i] = v, dd, uu
                step(t, amt, disc, up)
                for i in tlines[k]:
                    v, dd, uu = amt[i], disc[i], up[i]
                    if v == a1[i] and dd == d1[i] and uu == u1[i]:
                        if dm >> i & 1:
                            del dirty[i]
                            dm &= ~(1 << i)
                    else:
                        dirty[i] = (v, dd, uu)
                        dm |= 1 << i
            else:  # an order promotion changes amounts only
                for i, (v, _, _) in dirty.items():
                    amt[i] = v
                basket._apply(t, amt, None, None)
                d0, u0 = rows_d[k], rows_u[k]
                same = d0 is d1 and u0 is u1  # as the base run keeps them along this stage
                for i in tlines[k]:
                    v = amt[i]
                    if dm >> i & 1:
                        _, dd, uu = dirty[i]
                        if v == a1[i] and dd == d1[i] and uu == u1[i]:
                            del dirty[i]
                            dm &= ~(1 << i)
                        else:
                            dirty[i] = (v, dd, uu)
                    elif v != a1[i] or (not same and (d0[i] != d1[i] or u0[i] != u1[i])):
                        dirty[i] = (v, d0[i], u0[i])
                        dm |= 1 << i
            k += 1
        end = rows_a[-1]
        result = self.final + sum(v - end[i] for i, (v, _, _) in dirty.items())
        self.memo[differ] = result
        return result


def _mask(lines: Iterable[int]) -> int:
    m = 0
    for i in lines:
        m |= 1 << i
    return m


# --- what each kind takes off (fen per line index, positive) ---------------------

Offs = dict[int, int]


def _spread(total: int, scope: list[int], weights: list[int], wsum: int) -> Offs:
    """``total`` (not negative) over ``scope`` in proportion to ``weights`` (the lines'
    amounts, summing to ``wsum``), exactly as ``money.allocate`` splits it (largest
    remainder, ties to the earlier line)."""
    if not total:
        return {}
    if len(scope) == 1 or not wsum:
        return {scope[0]: total}
    parts = [total * w // wsum for w in weights]
    left = total - sum(parts)
    if left:
        remainders = [total * w % wsum for w in weights]
        # A stable sort keeps the earlier of equal remainders first, as allocate does.
        for j in sorted(range(len(parts)), key=remainders.__getitem__, reverse=True)[:left]:
            parts[j] += 1
    return {i: p for i, p in zip(scope, parts, strict=True) if p}


def _reached(
    steps: list[tuple[int, int, Fraction]], value: int
) -> tuple[int, int, Fraction] | None:
    top = None
    for s in steps:
        if value >= s[0]:
            top = s
        else:
            break
    return top


def _unit_values(basket: Basket, lines: list[int], amt: list[int]) -> list[tuple[int, int]]:
    """Each counted unit as (value in fen, line); a line's units add up to its amount (the
    odd fen go to its first units, as ``money.allocate`` would give them)."""
    out: list[tuple[int, int]] = []
    units = basket.units
    for i in lines:
        u = units[i]
        if u:
            each, odd = divmod(amt[i], u)
            out.extend([(each + 1, i)] * odd)
            out.extend([(each, i)] * (u - odd))
    return out


def _by_sku(basket: Basket, lines: list[int]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for i in lines:
        if basket.units[i]:
            groups.setdefault(basket.sku[i], []).append(i)
    return groups


def _spend_off(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    weights = [amt[i] for i in scope]
    amount = sum(weights)
    top = _reached(c.steps, amount)
    return _spread(min(top[1], amount), scope, weights, amount) if top else {}


def _spend_percent(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    weights = [amt[i] for i in scope]
    amount = sum(weights)
    top = _reached(c.steps, amount)
    return _spread(amount - scale(amount, top[2]), scope, weights, amount) if top else {}


def _every_off(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    weights = [amt[i] for i in scope]
    amount = sum(weights)
    off = amount // c.every * c.off
    if c.cap:
        off = min(off, c.cap)
    return _spread(min(off, amount), scope, weights, amount)


def _percent_off(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    out: Offs = {}
    rate = c.rate
    for i in scope:
        off = amt[i] - scale(amt[i], rate)
        if off:
            out[i] = off
    return out


def _nth_item(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    """Of each SKU's units, every nth (the cheapest of the group when prices differ)."""
    out: Offs = {}
    for group in _by_sku(basket, scope).values():
        units = sorted(_unit_values(basket, group, amt))
        for value, i in units[: len(units) // c.nth]:
            off = value - scale(value, c.rate)
            if off:
                out[i] = out.get(i, 0) + off
    return out


def _quantity_break(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    out: Offs = {}
    for group in _by_sku(basket, scope).values():
        top = _reached(c.steps, sum(basket.units[i] or 0 for i in group))
        if top:
            for i in group:
                off = amt[i] - scale(amt[i], top[2])
                if off:
                    out[i] = off
    return out


def _buy_get(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    """Buy ``buy`` get ``get`` free: the cheapest units free, or units of the gift SKU."""
    out: Offs = {}
    if c.gift:
        bought = sum(basket.units[i] or 0 for i in scope if basket.sku[i] != c.gift)
        free = bought // c.buy * c.get
        candidates = sorted(_unit_values(basket, gifts, amt)) if free else []
    else:
        candidates = sorted(_unit_values(basket, scope, amt))
        free = len(candidates) // (c.buy + c.get) * c.get
    for value, i in candidates[:free]:
        if value:
            out[i] = out.get(i, 0) + value
    return out


def _add_on(
    basket: Basket, c: Compiled, scope: list[int], gifts: list[int], amt: list[int]
) -> Offs:
    if sum(amt[i] for i in scope if basket.sku[i] != c.gift) < c.threshold:
        return {}
    out: Offs = {}
    units = sorted(_unit_values(basket, gifts, amt), reverse=True)
    for value, i in units[: c.add_on_units]:
        off = value - min(value, c.add_on_price)
        if off:
            out[i] = out.get(i, 0) + off
    return out


_KINDS = {
    K.SPEND_OFF: _spend_off,
    K.SPEND_PERCENT: _spend_percent,
    K.EVERY_OFF: _every_off,
    K.PERCENT_OFF: _percent_off,
    K.NTH_ITEM: _nth_item,
    K.QUANTITY_BREAK: _quantity_break,
    K.BUY_GET: _buy_get,
    K.ADD_ON: _add_on,
}

"""Turns a receipt document into a list of layout blocks shared by every renderer.

The blocks say *what* goes on the paper in which order (a centred title, a
left/right pair, a rule, the barcode); each renderer decides *how* for its
medium (character columns for ESC/POS and text, points for PDF). Keeping this
in one place means the PDF, the printed roll and the screen preview can never
disagree about the content.

Also here: display width with CJK characters counted double, and wrapping
that respects it.
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from pos_member.domain.money import Money
from pos_member.domain.text import printable
from pos_member.receipts.document import (
    MemberSection,
    ReceiptDocument,
    ReceiptKind,
    TierProgress,
)

COPY_MARK = "*** 副本 COPY ***"


class Align(enum.StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class Size(enum.StrEnum):
    NORMAL = "normal"
    DOUBLE = "double"  # double width and height: totals, titles


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    size: Size = Size.NORMAL


@dataclass(frozen=True, slots=True)
class Pair:
    """Left label, right-aligned value (wrapping the label if both do not fit)."""

    left: str
    right: str
    bold: bool = False
    size: Size = Size.NORMAL
    indent: int = 0


@dataclass(frozen=True, slots=True)
class Rule:
    char: str = "-"


@dataclass(frozen=True, slots=True)
class Barcode:
    value: str


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


Block = Text | Pair | Rule | Barcode | Feed


@functools.lru_cache(maxsize=8192)
def char_width(ch: str) -> int:
    """Columns a character takes on a receipt printer: 2 for CJK (wide/full-width), else 1."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    if text.isascii():  # the common case (numbers, amounts) without a lookup per character
        return len(text)
    return sum(map(char_width, text))


def wrap(text: str, limit: float, width: Callable[[str], float] = display_width) -> list[str]:
    """Wrap ``text`` to ``limit`` (in the units of ``width``).

    Breaks between words for Latin text and between any two CJK characters;
    a word longer than the line is cut. Never returns an empty list.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        current_w = 0.0  # widths add up glyph by glyph (no kerning), so keep a running sum
        for token in _tokens(paragraph):
            token_w = width(token)
            if current_w + token_w <= limit:
                current += token
                current_w += token_w
                continue
            if current.strip():
                lines.append(current.rstrip())
            current = token.lstrip()
            while width(current) > limit:
                cut = _longest_prefix(current, limit, width)
                lines.append(cut)
                current = current[len(cut) :]
            current_w = width(current)
        lines.append(current.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    """Words (with their leading space) for Latin text, single characters for CJK."""
    tokens: list[str] = []
    word = ""
    for ch in text:
        if char_width(ch) == 2:
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch == " ":
            if word and word.strip():
                tokens.append(word)
                word = ""
            word += ch
        else:
            word += ch
    if word:
        tokens.append(word)
    return tokens


def _longest_prefix(text: str, limit: float, width: Callable[[str], float]) -> str:
    for end in range(len(text), 0, -1):
        if width(text[:end]) <= limit:
            return text[:end]
    return text[:1]  # a single glyph wider than the line: print it anyway


def yuan(amount: Money) -> str:
    """Amount without the currency sign, as receipts print item columns."""
    return amount.plain()


def rmb(amount: Money) -> str:
    """Amount with the full-width yuan sign, which GB18030 printers all have."""
    sign = "-" if amount.fen < 0 else ""
    return f"{sign}￥{abs(amount).plain()}"


def layout(doc: ReceiptDocument) -> list[Block]:
    """The receipt as blocks, top to bottom, every text made ``printable``.

    Names and reasons are refused with control characters at the services, but
    a receipt also prints what head office sent or an old store holds: no
    renderer is given a control or bidi character (an ESC in a name would be
    a printer command).
    """
    return [_printable(block) for block in _blocks(doc)]


def _printable(block: Block) -> Block:
    if isinstance(block, Text):
        safe = printable(block.text)
        return block if safe == block.text else replace(block, text=safe)
    if isinstance(block, Pair):
        left, right = printable(block.left), printable(block.right)
        if (left, right) == (block.left, block.right):
            return block
        return replace(block, left=left, right=right)
    return block


def _blocks(doc: ReceiptDocument) -> list[Block]:
    blocks: list[Block] = [
        Text(doc.store.name, Align.CENTER, bold=True, size=Size.DOUBLE),
    ]
    for extra in (doc.store.address, doc.store.phone and f"电话 {doc.store.phone}"):
        if extra:
            blocks.append(Text(extra, Align.CENTER))
    blocks.append(Text(doc.heading or doc.kind.heading, Align.CENTER, bold=True))
    if doc.copy:
        blocks.append(Text(COPY_MARK, Align.CENTER, bold=True))
    blocks += [
        Rule("="),
        Pair("单号 No.", doc.receipt_no),
        Pair("时间", doc.issued_at.strftime("%Y-%m-%d %H:%M:%S")),
        Pair("收银台", doc.terminal),
        Pair("收银员", doc.cashier),
    ]
    if doc.original_receipt_no:
        blocks.append(Pair("原单号", doc.original_receipt_no))
    blocks.append(Rule())

    if doc.kind.is_shift_report:
        blocks += _summary(doc)
    else:
        blocks += _lines(doc)
        blocks += _totals(doc)
    if doc.count_card is not None:
        cc = doc.count_card
        blocks += [
            Rule(),
            Pair(cc.card_name, f"本次使用 {cc.used} 次"),
            Pair("剩余次数", str(cc.remaining), bold=True),
        ]
        if cc.expires_on:
            blocks.append(Pair("有效期至", cc.expires_on.isoformat()))
    if doc.member is not None:
        blocks += _member(doc)
    blocks.append(Rule())
    blocks.append(Barcode(doc.receipt_no))
    for text in doc.footer:
        blocks.append(Text(text, Align.CENTER))
    if doc.copy:
        blocks.append(Text(COPY_MARK, Align.CENTER, bold=True))
    return blocks


def _lines(doc: ReceiptDocument) -> list[Block]:
    out: list[Block] = []
    if doc.recharge is not None:
        out.append(Pair("充值金额", rmb(doc.recharge.principal)))
        if doc.recharge.bonus:
            out.append(Pair("赠送金额", rmb(doc.recharge.bonus)))
    for n, line in enumerate(doc.lines, start=1):
        name = f"{n}. {line.name}"
        if line.code:
            name += f" {line.code}"
        out.append(Text(name))
        out.append(
            Pair(f"{line.quantity_text()} x {yuan(line.unit_price)}", yuan(line.amount), indent=3)
        )
        for adj in line.adjustments:
            out.append(Pair(adj.reason, yuan(adj.amount), indent=3))
    if doc.lines:
        out.append(Rule())
    return out


def _totals(doc: ReceiptDocument) -> list[Block]:
    refund = doc.kind.pays_back
    out: list[Block] = []
    if doc.lines and doc.kind in (ReceiptKind.SALE, ReceiptKind.REFUND):
        # 件数: pieces, a weighed line counting as one (ReceiptDocument.item_count).
        out.append(Pair(f"件数 {doc.item_count}", ""))
        out.append(Pair("原价合计", rmb(doc.subtotal)))
    for adj in doc.order_adjustments:
        out.append(Pair(adj.reason, rmb(adj.amount)))
    if doc.discount_total:
        out.append(Pair("优惠合计", rmb(doc.discount_total)))
    if doc.rounding:
        out.append(Pair("抹零", rmb(doc.rounding)))
    # A refund says "to give back ¥x": the sign is in the words, whichever sign the
    # document carries (the store keeps refunds negative).
    due = abs(doc.total) if refund else doc.total
    out.append(Pair("应退" if refund else "应收", rmb(due), bold=True, size=Size.DOUBLE))
    for tender in doc.tenders:
        label = ("退回 " if refund else "") + tender.method
        if tender.reference:
            label += f" ({tender.reference})"
        out.append(Pair(label, rmb(abs(tender.amount) if refund else tender.amount)))
    if doc.change:
        out.append(Pair("找零", rmb(doc.change), bold=True, size=Size.DOUBLE))
    if doc.kind in (ReceiptKind.SALE, ReceiptKind.REFUND) and doc.stored_value_paid:
        # The stored-value part was invoiced at the recharge (不征税): not invoiced again.
        shown = abs(doc.invoiceable) if refund else doc.invoiceable
        out.append(Pair("可开票金额（不含储值）", rmb(shown)))
    for label, value in doc.notes:
        out.append(Pair(label, value))
    for remark in doc.remarks:
        out.append(Text(remark, Align.CENTER, bold=True))
    return out


def _member(doc: ReceiptDocument) -> list[Block]:
    m = doc.member
    assert m is not None
    if m.anonymous_card is not None:
        return _anonymous_card(m)
    out: list[Block] = [Rule(), Text("会员信息", Align.CENTER, bold=True)]
    out.append(Pair("会员", f"{m.name_masked} {m.phone_masked}".strip()))
    if m.card_masked:
        out.append(Pair("卡号", m.card_masked))
    out.append(Pair("等级", m.tier))
    if m.points_earned:
        label = "扣回积分" if m.points_earned < 0 else "本次积分"
        out.append(Pair(label, f"{m.points_earned:+d}"))
    if m.points_spent:
        label = "退还积分" if m.points_spent < 0 else "使用积分"
        out.append(Pair(label, f"{-m.points_spent:+d}"))
    if m.points_balance is not None:
        out.append(Pair("积分余额", str(m.points_balance), bold=True))
    if m.points_expiring:
        when = f"（{m.points_expiring_on.isoformat()}到期）" if m.points_expiring_on else ""
        out.append(Pair(f"即将过期积分{when}", str(m.points_expiring)))
    if m.stored_value_before is not None:
        out.append(Pair("储值余额（前）", rmb(m.stored_value_before)))
    if m.stored_value_after is not None:
        out.append(Pair("储值余额（后）", rmb(m.stored_value_after), bold=True))
    if m.progress is not None:
        out.append(Text(_progress(m.progress)))
    return out


def _anonymous_card(m: MemberSection) -> list[Block]:
    """An anonymous card (不记名卡): its number and expiry as on its face, and its balance;
    no member line, tier or points (its holder is no person)."""
    assert m.anonymous_card is not None
    number, expires_on = m.anonymous_card
    out: list[Block] = [Rule(), Pair("不记名卡", number), Pair("有效期至", expires_on)]
    if m.stored_value_before is not None:
        out.append(Pair("储值余额（前）", rmb(m.stored_value_before)))
    if m.stored_value_after is not None:
        out.append(Pair("储值余额（后）", rmb(m.stored_value_after), bold=True))
    return out


def _progress(p: TierProgress) -> str:
    needs = (p.spend_needed.fen if p.spend_needed is not None else None,
             p.points_needed, p.visits_needed)  # fmt: skip
    # Any measure with nothing missing means the next tier is reached (an upgrading
    # sale prints the tier it was priced at, then this).
    if all(n is None for n in needs) or 0 in needs:
        return f"已达到{p.next_tier}升级条件"
    parts = []
    if p.spend_needed is not None:
        parts.append(f"再消费{rmb(p.spend_needed)}")
    if p.points_needed is not None:
        parts.append(f"再积{p.points_needed}分")
    if p.visits_needed is not None:
        parts.append(f"再到店{p.visits_needed}次")
    return "或".join(parts) + f"可升级{p.next_tier}"


def _summary(doc: ReceiptDocument) -> list[Block]:
    out: list[Block] = []
    for row in doc.summary:
        count = f"{row.count}笔" if row.count is not None else ""
        amount = rmb(row.amount) if row.amount is not None else ""
        value = f"{count:>6}{amount:>12}".strip() or row.text
        out.append(Pair(row.label, value))
    return out

"""What reaches a renderer is printed as text, never as a command: control and bidi
characters in names and reasons give no raw control bytes in ESC/POS, text or PDF."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

from pos_member.domain.text import UNSAFE_CATEGORIES
from pos_member.receipts.document import Adjustment, StoreHeader
from pos_member.receipts.escpos import render_escpos
from pos_member.receipts.pdf import render_pdf
from pos_member.receipts.text import render_text

from .escpos_decode import decode, printed_lines
from .readback import pdf_text
from .samples import member, sale

# ESC * (bit image: the next bytes would be read as dots), GS V (cut), DLE EOT,
# ESC @ (init), NUL, a bidi override, FS & and a line separator.
NASTY = "李\x1b*\x21\x10\x00娜\x1dV\x00\x10\x04\x01\x1b@\u202e\x1c&\u2028"


def nasty_doc():  # type: ignore[no-untyped-def]
    doc = sale()
    lines = (
        replace(doc.lines[0], name="农夫山泉" + NASTY,
                adjustments=(Adjustment("改价" + NASTY, doc.lines[0].adjustments[0].amount),)),
        *doc.lines[1:],
    )  # fmt: skip
    return replace(
        doc,
        lines=lines,
        cashier="0007 " + NASTY,
        store=StoreHeader(name="好邻居" + NASTY, address=NASTY, phone=""),
        member=member(name="\x1b*张三丰" + NASTY),
        footer=("谢谢" + NASTY,),
    )


def test_escpos_has_only_the_renderers_own_commands() -> None:
    plain = {c.name for c in decode(render_escpos(sale()))}
    # decode() is strict: a control byte outside a known command fails here.
    cmds = decode(render_escpos(nasty_doc()))
    assert {c.name for c in cmds} <= plain
    # The same number of each command as the plain receipt: none came from the text.
    for name in ("init", "cut", "barcode", "chinese_on", "drawer"):
        assert sum(c.name == name for c in cmds) == sum(
            c.name == name for c in decode(render_escpos(sale()))
        ), name
    for c in cmds:
        if c.name == "text":
            assert all(b >= 0x20 for b in c.data), c
            assert not any(unicodedata.category(ch) in UNSAFE_CATEGORIES for ch in c.text), c
    joined = "\n".join(printed_lines(cmds))
    assert "农夫山泉" in joined and "好邻居" in joined  # the words themselves still print


def test_text_receipt_has_no_control_or_bidi_characters() -> None:
    text = render_text(nasty_doc())
    bad = [ch for ch in text if ch != "\n" and unicodedata.category(ch) in UNSAFE_CATEGORIES]
    assert bad == []
    assert "农夫山泉" in text


def test_pdf_receipt_has_no_control_or_bidi_characters(tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(nasty_doc()))
    text = pdf_text(pdf)
    bad = [
        ch for ch in text
        if ch not in "\n\f" and unicodedata.category(ch) in UNSAFE_CATEGORIES
    ]  # fmt: skip
    assert bad == []
    assert "农夫山泉" in text

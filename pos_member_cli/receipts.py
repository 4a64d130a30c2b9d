"""``pos-member receipt`` and ``pos-member cards print``: receipts and card faces from the CLI.

``receipt RECEIPT_NO --db PATH`` builds a committed receipt (sale, refund,
recharge, ``X-``/``Z-`` shift report, ``CC-`` count-card use) and writes it as
PDF, ESC/POS bytes or text, or prints it on a configured printer (through the
print service: a failure lands in the reprint queue). ``cards print`` lays
out member card faces for the given card numbers on A4 sheets (or one CR80
page per card).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pos_member.bootstrap import open_context
from pos_member.config import Config
from pos_member.domain.errors import UserFacingError, ValidationError
from pos_member.receipts.build import ReceiptBuilder
from pos_member.receipts.cards import CardFace, render_card, render_card_sheet
from pos_member.receipts.escpos import EscposOptions, render_escpos
from pos_member.receipts.pdf import Paper, render_pdf
from pos_member.receipts.reprint_queue import SqliteReprintQueue
from pos_member.receipts.service import PrintService
from pos_member.receipts.settings import ReceiptSettings
from pos_member.receipts.text import render_text
from pos_member.services.cards import card_and_member
from pos_member.services.context import Context

TESTED_IN = "tests/receipts/test_commands.py"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = subparsers.add_parser(
        "receipt",
        help="write or print a committed receipt by its number",
        description=(
            "Build the receipt RECEIPT_NO from the terminal database: a sale, refund or "
            "recharge number (T01-00000042), a shift report (X-3, Z-3) or a count-card use "
            "(CC-17), and write it as PDF, ESC/POS bytes or text, or print it."
        ),
    )
    r.add_argument("receipt_no", metavar="RECEIPT_NO", help="the number printed on the receipt")
    r.add_argument("--db", type=Path, required=True, help="terminal database file")
    out = r.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", type=Path, metavar="FILE", help="write a PDF")
    out.add_argument("--escpos", type=Path, metavar="FILE", help="write ESC/POS printer bytes")
    out.add_argument("--text", action="store_true", help="print the receipt as text")
    out.add_argument(
        "--printer",
        metavar="NAME",
        help="print on a configured printer (a name from the settings, or a printer URL)",
    )
    r.add_argument(
        "--paper",
        choices=[p.value for p in Paper],
        help="paper for --pdf (default: the configured roll); 80mm or 58mm for --escpos/--text",
    )
    r.add_argument("--copy", action="store_true", help="mark as a copy (副本/COPY)")
    r.set_defaults(func=run_receipt)

    cards = subparsers.add_parser("cards", help="member card faces")
    cards_sub = cards.add_subparsers(dest="cards_command", metavar="ACTION", required=True)
    p = cards_sub.add_parser(
        "print",
        help="card faces as PDF: A4 sheets of ten, or one CR80 page per card",
        description="Lay out the faces of the given member cards with their Code 128 numbers.",
    )
    p.add_argument("--db", type=Path, required=True, help="terminal database file")
    p.add_argument("--numbers", nargs="+", required=True, metavar="NUMBER", help="card numbers")
    p.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="PDF file to write")
    p.add_argument("--tier", help="tier code for cards not issued yet (default: the base tier)")
    p.add_argument("--single", action="store_true", help="one CR80-sized page per card")
    p.add_argument("--no-crop-marks", action="store_true", help="sheets without crop marks")
    p.set_defaults(func=run_cards_print)


def _open(db: Path) -> tuple[Context, ReceiptSettings]:
    """The store's context and the receipt settings, from the settings read once here."""
    if not db.is_file():
        raise ValidationError(field="--db", problem="no terminal database at {path}", path=db)
    config = Config.read(db)
    return open_context(config), config.receipt


def _fail(command: str, exc: UserFacingError) -> int:
    print(f"{command}: {exc.message}", file=sys.stderr)
    return 1


def run_receipt(args: argparse.Namespace) -> int:
    try:
        ctx, rs = _open(args.db)
    except UserFacingError as exc:
        return _fail("receipt", exc)
    try:
        builder = ReceiptBuilder(ctx, rs)
        if args.printer:
            return _print(ctx, builder, rs, args)
        doc = builder.build(args.receipt_no, copy=args.copy)
        paper = Paper(args.paper) if args.paper else Paper(rs.paper)
        columns = 32 if paper is Paper.ROLL_58 else 48
        if args.text:
            sys.stdout.write(render_text(doc, columns))
        elif args.pdf:
            args.pdf.write_bytes(render_pdf(doc, paper, rs.logo))
            print(f"wrote {args.pdf}")
        else:
            args.escpos.write_bytes(
                render_escpos(doc, EscposOptions(columns=columns, logo=rs.logo))
            )
            print(f"wrote {args.escpos}")
        return 0
    except UserFacingError as exc:
        return _fail("receipt", exc)
    except OSError as exc:
        print(f"receipt: cannot write the file: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        ctx.store.close()


def _print(
    ctx: Context, builder: ReceiptBuilder, rs: ReceiptSettings, args: argparse.Namespace
) -> int:
    # The CLI is an entry point like ui/: it may pick a driver; the core below does not.
    from drivers.printers import open_printer

    url = rs.printer_url(args.printer)
    if not url:
        raise ValidationError(field="--printer", problem="no printer is configured")
    printer = open_printer(url, timeout=rs.print_timeout_s)
    service = PrintService(
        printer,
        SqliteReprintQueue(args.db),
        loader=builder.build,
        escpos_options=EscposOptions(columns=printer.columns, logo=rs.logo),
        open_drawer_for_cash=False,
    )
    try:
        if args.copy:
            outcome = service.print_receipt(builder.build(args.receipt_no, copy=True)).result()
        else:
            outcome = service.reprint(args.receipt_no).result()
    finally:
        service.close()
    if not outcome.printed:
        print(f"receipt: {outcome.message}", file=sys.stderr)
        return 1
    print(f"printed {outcome.receipt_no} on {printer.name}" + (" (copy)" if outcome.copy else ""))
    return 0


def run_cards_print(args: argparse.Namespace) -> int:
    try:
        ctx, rs = _open(args.db)
    except UserFacingError as exc:
        return _fail("cards print", exc)
    try:
        faces = _faces(ctx, rs, args.numbers, args.tier)
        if args.single:
            if len(faces) != 1:
                raise ValidationError(field="--single", problem="give exactly one card number")
            data = render_card(faces[0])
        else:
            data = render_card_sheet(faces, crop_marks=not args.no_crop_marks)
        args.pdf.write_bytes(data)
    except UserFacingError as exc:
        return _fail("cards print", exc)
    except OSError as exc:
        print(f"cards print: cannot write the file: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        ctx.store.close()
    print(f"wrote {len(faces)} card face(s) to {args.pdf}")
    return 0


def _faces(
    ctx: Context, rs: ReceiptSettings, numbers: list[str], tier_code: str | None
) -> list[CardFace]:
    with ctx.store.reading() as s:
        _, rules = ctx.rules(s)
        if tier_code is not None:
            try:
                rules.tier(tier_code)
            except KeyError:
                codes = ", ".join(t.code for t in rules.tiers)
                raise ValidationError(
                    field="--tier",
                    problem="unknown tier '{tier}' (one of {codes})",
                    tier=tier_code,
                    codes=codes,
                ) from None
        faces = []
        for text in numbers:
            number = rules.card_rule.validate(text)
            card, member = card_and_member(s, number)
            code = tier_code or (member.tier_code if member else rules.base_tier.code)
            tier = rules.tier(code)
            valid = date.fromisoformat(card.expires_on) if card.expires_on else None
            faces.append(CardFace(rs.store_name, number, tier.name, tier.colour, valid_until=valid))
    return faces

"""The CLI: ``pos-member receipt ...`` and ``pos-member cards print ...`` (``pos_member_cli``)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from pos_member_cli.main import main

from .escpos_decode import decode, printed_lines
from .readback import barcodes, pdf_pages, pdf_text


def first_sale(db: Path) -> tuple[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        row: tuple[str, int] = conn.execute(
            "select receipt_no, total_fen from sales where kind = 'sale' "
            "and member_id is not null order by created_at limit 1"
        ).fetchone()
    return row


def card_numbers(db: Path, n: int) -> list[str]:
    with closing(sqlite3.connect(db)) as conn:
        return [r[0] for r in conn.execute("select number from cards order by id limit ?", (n,))]


def test_receipt_as_text(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number, total = first_sale(demo_db)
    assert main(["receipt", number, "--db", str(demo_db), "--text", "--paper", "58mm"]) == 0
    out = capsys.readouterr().out
    assert number in out
    assert f"{total // 100}.{total % 100:02d}" in out
    assert max(len(line.encode("gb18030")) for line in out.splitlines()) <= 32


@pytest.mark.integration
def test_receipt_as_pdf(demo_db: Path, tmp_path: Path) -> None:
    number, total = first_sale(demo_db)
    pdf = tmp_path / "r.pdf"
    assert main(["receipt", number, "--db", str(demo_db), "--pdf", str(pdf), "--copy"]) == 0
    text = pdf_text(pdf)
    assert f"{total // 100}.{total % 100:02d}" in text
    assert "副本 COPY" in text
    assert barcodes(pdf) == [number]


def test_receipt_as_escpos(demo_db: Path, tmp_path: Path) -> None:
    number, _ = first_sale(demo_db)
    out = tmp_path / "r.bin"
    assert main(["receipt", number, "--db", str(demo_db), "--escpos", str(out)]) == 0
    cmds = decode(out.read_bytes())
    assert number in "\n".join(printed_lines(cmds))
    assert [c.name for c in cmds].count("cut") == 1
    assert "drawer" not in [c.name for c in cmds]  # files and reprints never kick the drawer


def test_receipt_to_a_printer_url(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _ = first_sale(demo_db)
    folder = tmp_path / "out"
    assert main(["receipt", number, "--db", str(demo_db), "--printer", f"pdf://{folder}"]) == 0
    assert (folder / f"{number}.pdf").exists()
    assert "(copy)" in capsys.readouterr().out  # it had printed at the sale: this is a copy


def test_printer_that_cannot_be_reached(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from printers.loopback import free_port

    number, _ = first_sale(demo_db)
    url = f"tcp://127.0.0.1:{free_port()}?timeout=1"
    assert main(["receipt", number, "--db", str(demo_db), "--printer", url]) == 1
    assert "cannot be reached: connection refused" in capsys.readouterr().err


def test_unknown_receipt(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["receipt", "T01-99999999", "--db", str(demo_db), "--text"]) == 1
    assert "No sale has the receipt number T01-99999999." in capsys.readouterr().err


def test_missing_database_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "nope.db"
    assert main(["receipt", "T01-1", "--db", str(db), "--text"]) == 1
    assert "no terminal database at" in capsys.readouterr().err
    assert not db.exists()


def test_printer_not_configured(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    number, _ = first_sale(demo_db)
    assert main(["receipt", number, "--db", str(demo_db), "--printer", "lpt1"]) == 1
    assert "unknown kind of printer" in capsys.readouterr().err


def test_unwritable_output(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number, _ = first_sale(demo_db)
    target = tmp_path / "missing" / "r.pdf"
    assert main(["receipt", number, "--db", str(demo_db), "--pdf", str(target)]) == 1
    assert "cannot write the file" in capsys.readouterr().err


def test_one_output_is_required(demo_db: Path) -> None:
    with pytest.raises(SystemExit) as info:
        main(["receipt", "T01-1", "--db", str(demo_db)])
    assert info.value.code == 2


@pytest.mark.integration
def test_cards_print_sheet(demo_db: Path, tmp_path: Path) -> None:
    numbers = card_numbers(demo_db, 12)
    pdf = tmp_path / "cards.pdf"
    assert main(["cards", "print", "--db", str(demo_db), "--numbers", *numbers,
                 "--pdf", str(pdf)]) == 0  # fmt: skip
    assert len(pdf_pages(pdf)) == 2
    assert sorted(barcodes(pdf, dpi=150)) == sorted(numbers)
    assert pdf_text(pdf).count("会员卡") == 12


@pytest.mark.integration
def test_cards_print_single(demo_db: Path, tmp_path: Path) -> None:
    (number,) = card_numbers(demo_db, 1)
    pdf = tmp_path / "card.pdf"
    args = ["cards", "print", "--db", str(demo_db), "--numbers", number, "--pdf", str(pdf)]
    assert main([*args, "--single", "--tier", "diamond"]) == 0
    assert barcodes(pdf) == [number]
    assert "钻石" in pdf_text(pdf)


@pytest.mark.parametrize(
    ("numbers", "extra", "message"),
    [
        (["8800000000000019"], [], "wrong check digit"),
        (["12345"], [], "16 digits starting with 8800"),
        (["8800999999999996"], [], "is not known"),
        (["first"], ["--tier", "gold2"], "unknown tier 'gold2'"),
        (["first", "second"], ["--single"], "give exactly one card number"),
    ],
)
def test_cards_print_bad_input(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    numbers: list[str],
    extra: list[str],
    message: str,
) -> None:
    real = card_numbers(demo_db, 2)
    numbers = [{"first": real[0], "second": real[1]}.get(n, n) for n in numbers]
    pdf = tmp_path / "x.pdf"
    rc = main(["cards", "print", "--db", str(demo_db), "--numbers", *numbers,
               "--pdf", str(pdf), *extra])  # fmt: skip
    assert rc == 1
    assert message in capsys.readouterr().err
    assert not pdf.exists()

"""The prepaid-card reports against a data set computed by hand, on real PostgreSQL and
real SQLite (head office's embedded default).

The ledger below is head office's own (``sv_entries``, as pushes write it). Every
expected number in these tests was worked out on paper from it, in fen:

    #  business date  store  member  kind      principal    bonus   (received)
    1  2026-03-10     S001   1       recharge  +300000   +30000
    2  2026-03-20     S002   2       recharge  +200000   +15000
    3  2026-03-31     S001   1       spend      -50000    -5000
    4  2026-04-02     S002   1       spend     -100000   -10000
    5  2026-05-05     S002   4       spend       -1000        0   (an overdraft)
    6  2026-06-30     S002   3       recharge  +100000    +6000
    7  2026-07-15     S001   2       spend      -20000    -1500
    8  2026-09-30     S001   3       recharge   +50000    +2500   (offline, received 10-02)
    9  2026-10-01     S002   2       spend      -10000     -750   (received 09-30 23:59 UTC)

Quarter ends (S001 | S002 | chain, principal/bonus; members' positive principal):
    Q1 2026-03-31: 250000/25000 | 200000/15000 | 450000/40000; liability 450000
    Q2 2026-06-30: 250000/25000 | 199000/11000 | 449000/36000; liability 450000
                   (member 4 owes 1000: 150000 + 200000 + 100000 = 450000)
    Q3 2026-09-30: 280000/26000 | 199000/11000 | 479000/37000; liability 480000
                   (150000 + 180000 + 150000)
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, insert, text

from pos_member.headoffice import models as m
from pos_member.headoffice import prepaid
from pos_member.headoffice import prepaid_reports as pr
from pos_member.headoffice.db import open_database
from pos_member.headoffice.testing import scratch_database
from pos_member.headoffice.validate import EventRefused
from tests.conftest import require_tool

pytestmark = pytest.mark.integration

LEDGER = [
    ("2026-03-10", "S001", 1, "recharge", 300000, 30000, "2026-03-10T02:00:00+00:00"),
    ("2026-03-20", "S002", 2, "recharge", 200000, 15000, "2026-03-20T02:00:00+00:00"),
    ("2026-03-31", "S001", 1, "spend", -50000, -5000, "2026-03-31T02:00:00+00:00"),
    ("2026-04-02", "S002", 1, "spend", -100000, -10000, "2026-04-02T02:00:00+00:00"),
    ("2026-05-05", "S002", 4, "spend", -1000, 0, "2026-05-05T02:00:00+00:00"),
    ("2026-06-30", "S002", 3, "recharge", 100000, 6000, "2026-06-30T02:00:00+00:00"),
    ("2026-07-15", "S001", 2, "spend", -20000, -1500, "2026-07-15T02:00:00+00:00"),
    ("2026-09-30", "S001", 3, "recharge", 50000, 2500, "2026-10-02T01:00:00+00:00"),
    ("2026-10-01", "S002", 2, "spend", -10000, -750, "2026-09-30T23:59:00+00:00"),
]
NOW = "2026-10-15T08:00:00+00:00"


@contextmanager
def _database(kind: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A scratch PostgreSQL database, or a SQLite file (head office's embedded default)."""
    if kind == "sqlite":
        folder = request.getfixturevalue("tmp_path_factory").mktemp("prepaid-books")
        yield f"sqlite:///{folder / 'hq.db'}"
        return
    with scratch_database(request.getfixturevalue("pg_base"), "posm_prepaid") as url:
        yield url


@pytest.fixture(scope="module", params=["postgresql", "sqlite"])
def books(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """The hand-computed ledger below, on real PostgreSQL and on a real SQLite file."""
    with _database(request.param, request) as url:
        engine = open_database(url, pool_size=2)
        with engine.begin() as conn:
            conn.execute(insert(m.StoreRow), [{"id": "S001", "name": "旗舰店"},
                                              {"id": "S002", "name": "东门店"}])  # fmt: skip
            conn.execute(insert(m.TierRow).values(code="normal", name="普通", rank=1))
            conn.execute(
                insert(m.MemberRow),
                [
                    {"id": i, "name": f"会员{i}", "phone": f"1380000000{i}", "tier_code": "normal",
                     "joined_on": "2026-01-01", "updated_at": NOW}
                    for i in (1, 2, 3, 4)
                ],
            )  # fmt: skip
            conn.execute(
                insert(m.CardRow),
                [{"number": f"880000000000001{i}", "kind": "barcode", "state": "active",
                  "member_id": i} for i in (1, 2, 3, 4)],
            )  # fmt: skip
            conn.execute(
                insert(m.SVEntryRow),
                [
                    {"event_id": f"e{n}", "member_id": mid, "kind": kind,
                     "principal_delta_fen": p, "bonus_delta_fen": b, "store_id": store,
                     "terminal_id": "T01", "business_date": day, "created_at": at}
                    for n, (day, store, mid, kind, p, b, at) in enumerate(LEDGER, 1)
                ],
            )  # fmt: skip
        try:
            yield engine
        finally:
            engine.dispose()


def settings(engine: Engine, **values: object) -> None:
    with engine.begin() as conn:
        s = prepaid.parse_settings_change(dict(values), prepaid.PrepaidSettings())
        prepaid.save_settings(conn, s, NOW)


def bal(p: int, b: int) -> pr.Balance:
    return pr.Balance(p, b)


def test_outstanding_per_store_and_chain_at_each_quarter_end(books):
    with books.connect() as conn:
        ends = dict(pr.quarter_ends(conn, 2026))
    q1, q2, q3 = ends["2026Q1"], ends["2026Q2"], ends["2026Q3"]
    assert q1.stores == {"S001": bal(250000, 25000), "S002": bal(200000, 15000)}
    assert q1.chain == bal(450000, 40000)
    assert q1.liability_fen == 450000
    assert q2.stores == {"S001": bal(250000, 25000), "S002": bal(199000, 11000)}
    assert q2.chain == bal(449000, 36000)
    assert (q2.liability_fen, q2.overdrawn) == (450000, bal(1000, 0))
    # Entry 8 was received in October but happened on 30 September: it counts here;
    # entry 9 was received on 30 September (UTC) but happened on 1 October: it does not.
    assert q3.stores == {"S001": bal(280000, 26000), "S002": bal(199000, 11000)}
    assert q3.chain == bal(479000, 37000)
    assert q3.liability_fen == 480000
    assert ends["2026Q4"].chain == bal(469000, 36250)


def test_outstanding_at_any_date(books):
    with books.connect() as conn:
        before = pr.outstanding(conn, date(2026, 3, 9))
        april = pr.outstanding(conn, date(2026, 4, 2))
    assert before.chain == bal(0, 0) and before.stores == {"S001": bal(0, 0), "S002": bal(0, 0)}
    assert april.stores == {"S001": bal(250000, 25000), "S002": bal(100000, 5000)}
    assert april.chain == bal(350000, 30000)


@pytest.mark.parametrize(
    ("issuer", "region", "custody"),
    [
        ("scale", "other", 90000),  # 20 % of Q2's 450000
        ("group", "other", 135000),  # 30 %
        ("brand", "other", 180000),  # 40 %
        ("scale", "beijing", 180000),  # Beijing asks 40 % whatever the type
    ],
)
def test_custody_requirement_on_the_previous_quarters_liability(books, issuer, region, custody):
    settings(books, issuer_type=issuer, region=region)
    with books.connect() as conn:
        d = pr.duties(conn, date(2026, 8, 1))
    assert d.custody_base_date == date(2026, 6, 30)
    assert d.custody_base_fen == 450000
    assert d.custody_required_fen == custody


def test_revenue_ratio_and_registration_warnings(books):
    settings(books, issuer_type="group", region="other")
    with books.connect() as conn:
        codes = [w.code for w in pr.duties(conn, date(2026, 9, 30)).warnings]
    assert codes == ["revenue_missing"]
    with books.begin() as conn:
        prepaid.record_revenue(conn, 2025, 1_200_000, NOW)  # 40 % = 480000: not above
    with books.connect() as conn:
        assert pr.duties(conn, date(2026, 9, 30)).warnings == ()
    with books.begin() as conn:
        prepaid.record_revenue(conn, 2025, 1_199_999, NOW)  # 40 % = 479999: 480000 is above
    with books.connect() as conn:
        d = pr.duties(conn, date(2026, 9, 30))
    assert [w.code for w in d.warnings] == ["revenue_ratio"]
    assert d.revenue_limit_fen == 479999
    assert "¥4,800.00" in d.warnings[0].text
    # Registration from the threshold on (at it, not a fen below).
    settings(books, issuer_type="group", region="beijing", registration_threshold_fen=480001)
    with books.connect() as conn:
        assert "registration" not in [w.code for w in pr.duties(conn, date(2026, 9, 30)).warnings]
    settings(books, issuer_type="group", region="beijing", registration_threshold_fen=480000)
    with books.connect() as conn:
        d = pr.duties(conn, date(2026, 9, 30))
    assert [w.code for w in d.warnings] == ["revenue_ratio", "registration"]
    assert d.custody_permille == 400
    with books.begin() as conn:
        prepaid.record_revenue(conn, 2025, 10_000_000, NOW)


def test_quarterly_filing_as_csv_xlsx_and_pdf(books, tmp_path):
    settings(books, issuer_type="group", region="shanghai")
    with books.connect() as conn:
        f = pr.quarterly_filing(conn, 2026, 3, NOW)
    assert f.due == date(2026, 10, 25)
    by_store = {r.store_id: r for r in f.rows}
    s1 = by_store["S001"]
    assert s1.opening == bal(250000, 25000)
    assert s1.flows["recharged"] == bal(50000, 2500)
    assert s1.flows["used"] == bal(-20000, -1500)
    assert s1.closing == bal(280000, 26000)
    assert by_store["S002"].flows["used"] == bal(0, 0)
    assert f.chain.closing == bal(479000, 37000)
    assert f.custody_in_quarter_fen == 135000  # 30 % of Q2's 450000
    assert f.custody_next_quarter_fen == 144000  # 30 % of Q3's 480000

    rows = list(csv.reader(io.StringIO(pr.filing_csv(f).decode("utf-8-sig"))))
    head = dict(r for r in rows if len(r) == 2)
    assert head["期末预收资金余额 outstanding principal"] == "4790.00"
    assert head["下季应存管 custody next quarter (on 2026-09-30)"] == "1440.00"
    assert head["报送截止 due"] == "2026-10-25"
    chain = rows[-1]
    assert chain[1] == "全连锁 chain"
    assert chain[2:] == ["4490.00", "360.00", "500.00", "25.00", "-200.00", "-15.00",
                         "0.00", "0.00", "0.00", "0.00", "4790.00", "370.00"]  # fmt: skip

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(pr.filing_xlsx(f)))
    summary = {r[0]: r[1] for r in wb["summary"].iter_rows(values_only=True)}
    assert summary["本季应存管 custody this quarter (on 2026-06-30)"] == "1350.00"
    stores = list(wb["stores"].iter_rows(values_only=True))
    assert stores[0][0] == "门店 store"
    s001 = next(r for r in stores if r[0] == "S001")
    assert [Decimal(str(v)) for v in s001[2:]] == [
        Decimal(x) for x in ("2500", "250", "500", "25", "-200", "-15", "0", "0", "0", "0",
                             "2800", "260")
    ]  # fmt: skip

    pdf = tmp_path / "filing.pdf"
    pdf.write_bytes(pr.filing_pdf(f))
    out = subprocess.run(
        [require_tool("pdftotext", "poppler-utils"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "2026Q3" in out
    assert "季度业务情况报告" in out
    for figure in ("4790.00", "1440.00", "1350.00", "2026-10-25", "2800.00", "1990.00"):
        assert figure in out, figure


def test_consumer_statement_by_phone_and_by_card(books):
    with books.connect() as conn:
        by_phone = pr.consumer_statement(conn, phone="13800000001")
        by_card = pr.consumer_statement(conn, card="8800000000000011")
    assert by_phone == by_card
    assert by_phone.phone_masked == "138****0001"
    assert by_phone.balance == bal(150000, 15000)
    assert [(r.business_date, r.kind, r.principal_fen, r.balance) for r in by_phone.records] == [
        ("2026-03-10", "recharge", 300000, bal(300000, 30000)),
        ("2026-03-31", "spend", -50000, bal(250000, 25000)),
        ("2026-04-02", "spend", -100000, bal(150000, 15000)),
    ]


def test_consumer_query_says_what_to_do_when_it_finds_nothing(books):
    with books.connect() as conn:
        with pytest.raises(EventRefused) as unknown:
            pr.consumer_statement(conn, phone="13900000000")
        with pytest.raises(EventRefused) as both:
            pr.consumer_statement(conn, phone="13800000001", card="8800000000000011")
    assert unknown.value.status == 404
    assert "139****0000" in unknown.value.detail
    assert "13900000000" not in unknown.value.detail
    assert both.value.status == 422


def test_settings_refuse_values_the_law_does_not_allow(books):
    base = prepaid.PrepaidSettings()
    for moved, where in (("named_cap_fen", "prepaid.named.cap"),
                         ("anonymous_cap_fen", "prepaid.anonymous.cap"),
                         ("cash_refund_max_fen", "prepaid.closure_cash_max"),
                         ("cooling_off_days", "prepaid.region")):  # fmt: skip
        with pytest.raises(EventRefused, match=f"{moved} is {where}"):
            prepaid.parse_settings_change({moved: 1}, base)
    with pytest.raises(EventRefused, match="scale, group or brand"):
        prepaid.parse_settings_change({"issuer_type": "mega"}, base)
    with pytest.raises(EventRefused, match="unknown setting"):
        prepaid.parse_settings_change({"capp": 1}, base)
    with pytest.raises(EventRefused, match="cannot be cleared"):
        prepaid.parse_settings_change({"revenue_ratio_permille": None}, base)
    ok = prepaid.parse_settings_change({"region": "beijing"}, base)
    assert (ok.custody_rate_permille(), ok.registration_threshold()) == (400, 50_000_000)
    with books.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM prepaid_settings")).scalar_one()
    assert before <= 1


def test_the_command_line_sets_reports_and_files(books, tmp_path, capsys):
    from openpyxl import load_workbook

    from pos_member.headoffice import cli

    db = ["--db", books.url.render_as_string(hide_password=False)]
    assert cli.main(["prepaid-settings", *db, "--issuer-type", "brand", "--region", "other",
                     "--revenue", "2025=12000"]) == 0  # fmt: skip
    shown = capsys.readouterr().out
    assert '"issuer_type": "brand"' in shown and '"2025": 1200000' in shown
    assert '"named_cap_fen": 500000' in shown  # the programme's, shown beside
    assert cli.main(["prepaid-outstanding", *db, "--date", "2026-09-30", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "chain" in out and "¥4,790.00" in out and "¥370.00" in out
    assert "custody 40% of ¥4,500.00 (liability on 2026-06-30): ¥1,800.00" in out
    assert "2026Q1: principal ¥4,500.00, bonus ¥400.00" in out
    assert "WARNING" not in out  # 4,800 is not above 40 % of 12,000
    target = tmp_path / "q3.xlsx"
    assert (
        cli.main(["prepaid-filing", *db, "2026Q3", "--format", "xlsx", "--out", str(target)]) == 0
    )
    summary = {r[0]: r[1] for r in load_workbook(target)["summary"].iter_rows(values_only=True)}
    assert summary["下季应存管 custody next quarter (on 2026-09-30)"] == "1920.00"  # 40 % of 4,800
    capsys.readouterr()
    # Bad input: said plainly, nothing written.
    assert cli.main(["prepaid-filing", *db, "2026Q5"]) == 2
    assert "write it as 2026Q3" in capsys.readouterr().err
    assert cli.main(["prepaid-settings", *db, "--registration-threshold", "12.345"]) == 2
    assert "not an amount in yuan" in capsys.readouterr().err
    assert cli.main(["prepaid-outstanding", *db, "--date", "2026-13-01"]) == 2
    with books.connect() as conn:
        assert prepaid.load_settings(conn).issuer_type is prepaid.IssuerType.BRAND

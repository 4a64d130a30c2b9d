"""Tests mirror the source tree: every module says where it is tested.

A module ``pkg/x/y.py`` of ``pos_member/``, ``drivers/``, ``pos_member_cli/`` or
``ui/`` is covered when a test file is named after it (``tests/x/test_y.py``, or
any ``tests/**/test_y.py``), or when it names the test files that exercise it in a
line ``TESTED_IN = "tests/....py"`` (several separated by ", "), or when it is
listed below with the reason. The check lists every module left uncovered, and
fails on a ``TESTED_IN`` or a listing that names a file which does not exist or is
no longer needed, so that the lists only shrink.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("pos_member", "drivers", "pos_member_cli", "ui")

#: Folders whose modules are not code to test on their own.
SKIPPED_DIRS = {
    "pos_member/store/migrations": "schema history: every migration runs in each till test"
    " (tests/store/test_schema.py checks the chain and the models against it)",
    "pos_member/headoffice/migrations": "schema history: every head-office test migrates a"
    " scratch PostgreSQL database from nothing (tests/headoffice/conftest.py)",
}

#: Modules without a test of their own, with the reason.
ALLOWED = {
    "pos_member/headoffice/testing.py": "test support (scratch databases, uvicorn threads) that"
    " every head-office and sync test's fixtures run",
    "pos_member/seed/scenes.py": "the screenshot scenes, run by `make screenshots`",
    "ui/screenshots.py": "renders the screenshots (`make screenshots`), a tool, not a screen",
    "pos_member/headoffice/console/screenshots.py": "renders the console's screenshots"
    " (`make screenshots`); the pages it shoots are tested in tests/headoffice/console",
    "ui/manager/screenshots.py": "renders the manager's screenshots (`make screenshots`)",
    "ui/i18n_zh.py": "translation table: tests/gui/test_i18n.py checks it against the .ts",
    "ui/manager/i18n_zh.py": "translation table: tests/gui/manager/test_i18n.py checks it",
}

#: Where modules that other work of this round is changing (ui/, the sync transport,
#: push, the wire, the models and errors every feature adds to...) are tested, kept
#: here rather than as a ``TESTED_IN`` line in the module so that the parallel
#: branches merge cleanly; each is to move into its module (or gain its own test file).
ELSEWHERE = {
    "pos_member/domain/errors.py": "tests/gui/test_core_words.py",
    "pos_member/domain/events.py": "tests/unit/domain/test_tender_bucket_events.py",
    "pos_member/domain/ledger.py": "tests/unit/domain/test_ledgers_tiers.py",
    "pos_member/domain/rules.py": "tests/unit/domain/test_rules_switches.py",
    "pos_member/domain/tenders.py": "tests/unit/domain/test_tender_bucket_events.py",
    "pos_member/headoffice/cli.py": "tests/sync/test_cli_sqlite.py",
    "pos_member/headoffice/models.py": "tests/headoffice/test_change_feed.py",
    "pos_member/headoffice/push.py": "tests/headoffice/test_push_kinds.py",
    "pos_member/receipts/layout.py": "tests/receipts/test_layout_text.py",
    "pos_member/receipts/text.py": "tests/receipts/test_layout_text.py",
    "pos_member/seed/demo.py": "tests/services/test_seed.py",
    "pos_member/services/card_check.py": "tests/services/test_checkout_card.py",
    "pos_member/services/context.py": "tests/services/test_auth.py",
    "pos_member/services/stored_value.py": "tests/services/test_recharge_and_count_cards.py",
    "pos_member/settings.py": "tests/services/test_bootstrap.py",
    "pos_member/store/models.py": "tests/store/test_schema.py",
    "pos_member/store/models_manager.py": "tests/manager/test_secure_counters.py",
    "pos_member/sync/apply.py": "tests/sync/test_feed_versions.py",
    "pos_member/sync/authorise.py": "tests/sync/test_holds.py",
    "pos_member/sync/client.py": "tests/sync/test_faults.py",
    "pos_member/sync/local.py": "tests/store/test_sync_tables.py",
    "pos_member/sync/sale_lookup.py": "tests/sync/test_remote_refund.py",
    "pos_member/wire/outbound.py": "tests/sync/test_wire.py",
    "pos_member/wire/sales.py": "tests/headoffice/test_sales_api.py",
    "ui/app.py": "tests/gui/test_app_devices.py",
    "ui/action_bar.py": "tests/gui/test_member_sale_keys.py",
    "ui/cart.py": "tests/gui/test_sale.py",
    "ui/held_flow.py": "tests/gui/test_held.py",
    "ui/message_line.py": "tests/gui/test_core_words.py",
    "ui/operations/sync.py": "tests/gui/test_state.py",
    "ui/printer_flow.py": "tests/gui/test_printing.py",
    "ui/sale_flow.py": "tests/gui/test_sale.py",
    "ui/statusbar.py": "tests/gui/test_state.py",
    "ui/timefmt.py": "tests/gui/manager/test_refused.py",
    "ui/wedge.py": "tests/gui/test_scan_guard.py",
    "ui/backend.py": "tests/gui/test_sale.py",
    "ui/bridge.py": "tests/gui/test_held.py",
    "ui/customer_display.py": "tests/e2e/test_cashier_app.py",
    "ui/dialogs.py": "tests/gui/test_flows.py",
    "ui/draft.py": "tests/gui/test_held.py",
    "ui/errors.py": "tests/gui/test_store_refused.py",
    "ui/i18n_update.py": "tests/gui/test_i18n.py",
    "ui/login.py": "tests/gui/test_app_devices.py",
    "ui/main_window.py": "tests/gui/test_flows.py",
    "ui/manager/backend.py": "tests/gui/manager/test_members.py",
    "ui/manager/dialogs.py": "tests/gui/manager/test_members.py",
    "ui/manager/window.py": "tests/gui/manager/test_refused.py",
    "ui/settings.py": "tests/gui/test_app_devices.py",
    "ui/tasks.py": "tests/gui/test_held.py",
    "ui/views.py": "tests/gui/test_fit.py",
    "ui/widgets.py": "tests/gui/test_fit.py",
}

_TESTED_IN = re.compile(r'^TESTED_IN = "([^"]+)"$', re.M)


def _modules() -> list[str]:
    out = []
    for pkg in PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if path.name == "__init__.py" or any(rel.startswith(d + "/") for d in SKIPPED_DIRS):
                continue
            out.append(rel)
    return out


def _test_names() -> set[str]:
    return {p.name for p in (ROOT / "tests").rglob("test_*.py")}


def _tested_in(rel: str) -> list[str]:
    found = _TESTED_IN.findall((ROOT / rel).read_text(encoding="utf-8"))
    return [t for line in found for t in line.split(", ")]


def _named_test(rel: str, names: set[str]) -> bool:
    return f"test_{Path(rel).stem}.py" in names


def _is_test_file(rel: str) -> bool:
    path = ROOT / rel
    return rel.startswith("tests/") and path.name.startswith("test_") and path.is_file()


def test_every_module_has_a_test_file_or_says_where_it_is_tested() -> None:
    names = _test_names()
    uncovered = [
        rel
        for rel in _modules()
        if not _named_test(rel, names)
        and not _tested_in(rel)
        and rel not in ALLOWED
        and rel not in ELSEWHERE
    ]
    assert uncovered == [], "modules without tests (add tests/<path>/test_<module>.py, " + (
        'or a line TESTED_IN = "tests/..." naming the tests that exercise it):\n  '
        + "\n  ".join(uncovered)
    )


def test_every_place_named_as_testing_a_module_is_a_test_file() -> None:
    wrong = [
        f"{rel}: {t}"
        for rel in _modules()
        for t in [*_tested_in(rel), *([ELSEWHERE[rel]] if rel in ELSEWHERE else [])]
        if not _is_test_file(t)
    ]
    assert wrong == []


def test_the_lists_only_hold_modules_that_need_them() -> None:
    names = _test_names()
    modules = set(_modules())
    listed = [*ALLOWED, *ELSEWHERE]
    assert not set(ALLOWED) & set(ELSEWHERE)
    stale = [rel for rel in listed if rel not in modules or _named_test(rel, names)]
    assert stale == [], f"remove from the lists (gone, or now with a test file): {stale}"
    twice = [rel for rel in ELSEWHERE if _tested_in(rel)]
    assert twice == [], f"says TESTED_IN itself, remove from ELSEWHERE: {twice}"
    for d in SKIPPED_DIRS:
        assert (ROOT / d).is_dir(), d


def test_the_check_sees_a_module_without_tests() -> None:
    names = _test_names()
    assert _named_test("pos_member/domain/pricing.py", names)
    assert not _named_test("pos_member/domain/no_such_module_anywhere.py", names)
    assert _TESTED_IN.findall('x = 1\nTESTED_IN = "tests/a/test_b.py"\n') == ["tests/a/test_b.py"]
    assert len(_modules()) > 150

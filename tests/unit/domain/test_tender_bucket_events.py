"""Tender buckets and event kinds: one value type and one enum, used wherever they are built."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pos_member.domain.events import APPLIED, RECORDED_ONLY, EventKind
from pos_member.domain.tenders import SV_BONUS, SV_PRINCIPAL, TenderBucket, TenderKind

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("bucket", "key"),
    [
        (TenderBucket.of(TenderKind.CASH), "cash"),
        (TenderBucket.of(TenderKind.EXTERNAL, "wechat"), "external:wechat"),
        (TenderBucket.of("external", None), "external"),
        (TenderBucket.of(TenderKind.STORED_VALUE, "principal"), SV_PRINCIPAL),
    ],
)
def test_a_bucket_has_one_text_form_and_reads_back(bucket: TenderBucket, key: str) -> None:
    assert bucket.key == str(bucket) == key
    assert TenderBucket.parse(key) == bucket


def test_stored_value_parts_keep_their_wire_names() -> None:
    # Sale details, refund plans and pushed refunds already carry these texts.
    assert (SV_PRINCIPAL, SV_BONUS) == ("stored_value:principal", "stored_value:bonus")


def test_no_bucket_text_is_built_or_split_by_hand() -> None:
    offenders = []
    for path in [*(ROOT / "pos_member").rglob("*.py"), *(ROOT / "ui").glob("*.py")]:
        if "migrations" in path.parts or path.name == "tenders.py":
            continue
        text = path.read_text(encoding="utf-8")
        if 'f":{' in text or '.partition(":")' in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def _outbox_kinds(path: Path) -> list[ast.expr]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.args[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "outbox"
        and node.args
    ]


def test_every_outbox_builder_names_its_event_by_the_enum() -> None:
    literals = []
    for path in (ROOT / "pos_member" / "services").rglob("*.py"):
        for arg in _outbox_kinds(path):
            if isinstance(arg, ast.Constant):
                literals.append(f"{path.name}: {arg.value!r}")
    assert literals == []


def test_every_kind_is_applied_or_recorded() -> None:
    assert set(EventKind) == APPLIED | RECORDED_ONLY and not APPLIED & RECORDED_ONLY

"""Programme switches survive the JSON round trip head office and terminals exchange."""

from __future__ import annotations

import json
from dataclasses import replace

from pos_member.domain.rules import ProgrammeRules, demo_rules


def test_recharge_qualifies_for_upgrade_is_off_by_default_and_round_trips() -> None:
    rules = demo_rules()
    assert rules.recharge_qualifies_for_upgrade is False
    doc = rules.to_dict()
    assert doc["recharge_qualifies_for_upgrade"] is False
    on = replace(rules, recharge_qualifies_for_upgrade=True)
    wire = json.loads(json.dumps(on.to_dict()))
    assert wire["recharge_qualifies_for_upgrade"] is True
    back = ProgrammeRules.from_dict(wire)
    assert back == on and back.recharge_qualifies_for_upgrade is True


def test_a_rules_document_from_before_the_switch_reads_as_off() -> None:
    doc = demo_rules().to_dict()
    del doc["recharge_qualifies_for_upgrade"]
    assert ProgrammeRules.from_dict(doc).recharge_qualifies_for_upgrade is False

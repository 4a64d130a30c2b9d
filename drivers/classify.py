"""What a scanned string is, for the scanners: the domain's identifier registry, classified once.

The kinds, their shapes, the check-digit and card-number rules and the scale
label layouts are all ``pos_member.domain.identifiers`` (the same registry the
member lookup and the manager's search read), so a code means the same here as
at the counter's services and at head office. A driver classifies each scan
once; the ``Classification`` travels with it to the screen. Every rejection
carries a sentence the cashier can act on (a ``UserFacingError``, shown in the
cashier's language).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol

from drivers.base import Classification
from drivers.settings import DeviceSettings
from pos_member.domain.cards import CardNumberRule
from pos_member.domain.identifiers import SCAN_KINDS, Reading, identify_text
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, ScaleLayout

TESTED_IN = "tests/drivers/test_scan_classifier.py"


class ScanClassifier(Protocol):
    """What a scanner driver asks of its classifier (called on the driver's thread)."""

    def classify(self, raw: str) -> Classification: ...


@dataclass(frozen=True, slots=True)
class Classifier:
    """Classifies one scan with the programme's card rule and the store's scale layouts."""

    rule: CardNumberRule = field(default_factory=CardNumberRule)
    layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS

    @classmethod
    def from_settings(cls, settings: DeviceSettings) -> Classifier:
        """The counter's classifier: its card rule and its scales' label layouts."""
        return cls(rule=settings.card_rule(), layouts=settings.scale_layouts())

    def classify(self, raw: str) -> Classification:
        found = identify_text(raw, Reading(self.rule, self.layouts), SCAN_KINDS)
        label = found.label
        return Classification(
            found.kind,
            found.value,
            raw,
            item_code=label.item_code if label else None,
            weight_g=label.weight_g if label else None,
            price_fen=label.price_fen if label else None,
            reason=found.problem.message if found.problem else "",
            problem=found.problem,
        )


class CounterClassifier:
    """The one classifier a counter's drivers share; the app gives it the programme's card rule.

    Drivers start before the store is open, with the device settings' card rule;
    once the programme's rules are read, ``use_card_rule`` makes every driver
    classify by the same rule as the scan field. Swapping the reference is atomic,
    so a driver thread sees the old classifier or the new one, never half of each.
    """

    def __init__(self, classifier: Classifier) -> None:
        self._current = classifier

    def classify(self, raw: str) -> Classification:
        return self._current.classify(raw)

    def use_card_rule(self, rule: CardNumberRule) -> None:
        self._current = replace(self._current, rule=rule)

    @property
    def current(self) -> Classifier:
        return self._current

"""What a scanned or typed string is: product, weighed goods, member card, ID, phone or garbage.

Pure functions over strings; the check-digit and card-number rules come from
``pos_member.domain.cards`` so that a code means the same here as at head
office. Every rejection carries a sentence the cashier can act on (an error
from ``drivers.errors``, so the screen shows it in the cashier's language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drivers.base import Classification, ScanKind
from drivers.errors import (
    BarcodeCheckDigit,
    ElevenDigitsNotAPhone,
    IdNumberTooLarge,
    NothingScanned,
    ScanBadCharacters,
    ScanLengthUnknown,
    ScanNotAPhone,
    StripeIncomplete,
)
from drivers.settings import DeviceSettings
from pos_member.domain.cards import CardNumberRule, gs1_valid, normalise_phone
from pos_member.domain.errors import UserFacingError
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, ScaleLayout, read_scale_label
from pos_member.domain.text import Text, phrase

_TRACK2 = re.compile(r"^;(?P<number>\d{1,19})=(?P<data>\d*)\?$")
_PHONE_CHARS = re.compile(r"^[\d\s+\-()]+$")
ID125K_MAX = 0xFFFFFFFF  # 125 kHz readers print the 32-bit card id as 10 decimal digits


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
        text = raw.strip("\r\n\t ")
        if not text:
            return _reject(raw, NothingScanned())
        if text.startswith(";") or text.endswith("?"):
            return self._magstripe(raw, text)
        if text.isdigit():
            return self._digits(raw, text)
        if _PHONE_CHARS.match(text):
            try:
                return Classification(ScanKind.PHONE, normalise_phone(text), raw)
            except UserFacingError:
                return _reject(raw, ScanNotAPhone(text=_short(text)))
        return _reject(raw, ScanBadCharacters(text=_short(text)))

    def _magstripe(self, raw: str, text: str) -> Classification:
        match = _TRACK2.match(text)
        if match is None:
            return _reject(raw, StripeIncomplete())
        number = match["number"]
        if self.rule.looks_like(number):
            try:
                number = self.rule.validate(number)
            except UserFacingError as exc:
                return _reject(raw, exc)
        return Classification(ScanKind.MAGSTRIPE, number, raw)

    def _digits(self, raw: str, text: str) -> Classification:
        if self.rule.looks_like(text):
            try:
                return Classification(ScanKind.MEMBER_CARD, self.rule.validate(text), raw)
            except UserFacingError as exc:
                return _reject(raw, exc)
        n = len(text)
        if n in (8, 12, 13):
            family = Text(_FAMILIES[n])
            if not gs1_valid(text):
                return _reject(raw, BarcodeCheckDigit(family=family, code=text))
            if n == 8:
                return Classification(ScanKind.EAN8, text, raw)
            if n == 12:
                return Classification(ScanKind.UPCA, text, raw)
            return self._weighed(raw, text) or Classification(ScanKind.EAN13, text, raw)
        if n == 10:
            value = int(text)
            if value > ID125K_MAX:
                return _reject(raw, IdNumberTooLarge(code=text))
            return Classification(ScanKind.ID125K, f"{value:08X}", raw)
        if n == 11:
            try:
                return Classification(ScanKind.PHONE, normalise_phone(text), raw)
            except UserFacingError:
                return _reject(raw, ElevenDigitsNotAPhone(code=text))
        if 13 <= n <= 15 and text.startswith(("86", "0086")):
            try:
                return Classification(ScanKind.PHONE, normalise_phone(text), raw)
            except UserFacingError:
                pass
        return _reject(raw, ScanLengthUnknown(n=n))

    def _weighed(self, raw: str, text: str) -> Classification | None:
        label = read_scale_label(text, self.layouts)
        if label is None:
            return None
        return Classification(
            ScanKind.WEIGHED,
            text,
            raw,
            item_code=label.item_code,
            weight_g=label.weight_g,
            price_fen=label.price_fen,
        )


# Barcode families by length, as a sentence names them (translated on screen).
_FAMILIES = {8: phrase("EAN-8"), 12: phrase("UPC-A"), 13: phrase("EAN-13")}


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:21] + "..."


def _reject(raw: str, problem: UserFacingError) -> Classification:
    return Classification(ScanKind.REJECTED, "", raw, reason=problem.message, problem=problem)

"""Card numbers, product codes, phones and card states.

Pure functions: check digits (Luhn for member cards, GS1 mod-10 for EAN/UPC),
the member-card numbering rule, phone normalisation and masking, and the card
life cycle (stock → active → lost/replaced/expired).
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from pos_member.domain.errors import BadCheckDigit, CardStateChangeRefused, ValidationError
from pos_member.domain.text import Text, phrase


def luhn_check_digit(payload: str) -> str:
    """The Luhn (mod 10) check digit for ``payload`` (digits only)."""
    if not payload.isdigit():
        raise ValueError("Luhn payload must be digits")
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    return len(number) >= 2 and number.isdigit() and luhn_check_digit(number[:-1]) == number[-1]


def gs1_check_digit(payload: str) -> str:
    """GS1 mod-10 check digit (EAN-13, EAN-8, UPC-A): weights 3,1,3,... from the right."""
    if not payload.isdigit():
        raise ValueError("GS1 payload must be digits")
    total = sum(int(ch) * (3 if i % 2 == 0 else 1) for i, ch in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


def gs1_valid(code: str) -> bool:
    return (
        len(code) in (8, 12, 13, 14) and code.isdigit() and gs1_check_digit(code[:-1]) == code[-1]
    )


class CheckDigit(enum.StrEnum):
    LUHN = "luhn"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class CardNumberRule:
    """How this programme numbers its member cards: prefix, length, check digit."""

    prefix: str = "8800"
    length: int = 16
    check: CheckDigit = CheckDigit.LUHN

    def __post_init__(self) -> None:
        if not self.prefix.isdigit() or len(self.prefix) >= self.length:
            raise ValueError("card prefix must be digits and shorter than the number")

    def looks_like(self, text: str) -> bool:
        """True when ``text`` has this rule's prefix and length (check digit not examined)."""
        return len(text) == self.length and text.isdigit() and text.startswith(self.prefix)

    def validate(self, text: str) -> str:
        """Return the normalised card number or raise a person-readable error."""
        number = text.strip().replace(" ", "")
        if not self.looks_like(number):
            raise ValidationError(
                field="card number",
                problem="{length} digits starting with {prefix} expected",
                length=self.length,
                prefix=self.prefix,
            )
        if self.check is CheckDigit.LUHN and not luhn_valid(number):
            raise BadCheckDigit(number=number)
        return number

    def make(self, serial: int) -> str:
        """The card number for ``serial`` (the digits between prefix and check digit)."""
        body_len = self.length - len(self.prefix) - (1 if self.check is CheckDigit.LUHN else 0)
        body = str(serial)
        if serial < 0 or len(body) > body_len:
            raise ValueError(f"serial {serial} does not fit in {body_len} digits")
        payload = self.prefix + body.zfill(body_len)
        if self.check is CheckDigit.LUHN:
            return payload + luhn_check_digit(payload)
        return payload


_PHONE_RE = re.compile(r"^1[3-9]\d{9}$")


def normalise_phone(text: str) -> str:
    """A mainland mobile number as 11 digits (drops spaces, dashes and +86)."""
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not _PHONE_RE.match(digits):
        raise ValidationError(field="phone", problem="'{phone}' is not a mobile number", phone=text)
    return digits


def is_phone(text: str) -> bool:
    try:
        normalise_phone(text)
    except ValidationError:
        return False
    return True


def mask_phone(phone: str) -> str:
    """138****5678: what a cashier and a receipt may show."""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]


def mask_name(name: str) -> str:
    """张*  /  欧阳** / J*** : the first character only."""
    name = name.strip()
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


def mask_card(number: str) -> str:
    if len(number) <= 8:
        return number
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


class CardKind(enum.StrEnum):
    BARCODE = "barcode"
    MIFARE = "mifare"  # contactless IC (M1 S50)
    CONTACT_IC = "contact_ic"
    ID125K = "id125k"
    MAGSTRIPE = "magstripe"


class CardState(enum.StrEnum):
    STOCK = "stock"  # unissued card stock
    ACTIVE = "active"
    LOST = "lost"  # 挂失: blocked
    REPLACED = "replaced"  # 补卡: moved to a new card, never usable again
    EXPIRED = "expired"


_TRANSITIONS: dict[tuple[CardState, str], CardState] = {
    (CardState.STOCK, "issue"): CardState.ACTIVE,
    (CardState.ACTIVE, "report_lost"): CardState.LOST,
    (CardState.LOST, "found"): CardState.ACTIVE,
    (CardState.ACTIVE, "replace"): CardState.REPLACED,
    (CardState.LOST, "replace"): CardState.REPLACED,
    # The prepaid-card law: an expired card's balance is never forfeited; it is exchanged.
    (CardState.EXPIRED, "replace"): CardState.REPLACED,
    (CardState.ACTIVE, "expire"): CardState.EXPIRED,
    (CardState.EXPIRED, "renew"): CardState.ACTIVE,
}


# The states and actions as a sentence names them ("A card that is lost cannot be issued.").
_STATE_WORDS = {
    CardState.STOCK: phrase("not issued yet"),
    CardState.ACTIVE: phrase("active"),
    CardState.LOST: phrase("lost"),
    CardState.REPLACED: phrase("replaced by a new card"),
    CardState.EXPIRED: phrase("expired"),
}
_ACTION_WORDS = {
    "issue": phrase("issued"),
    "report_lost": phrase("reported lost"),
    "found": phrase("unblocked"),
    "replace": phrase("replaced"),
    "expire": phrase("marked expired"),
    "renew": phrase("renewed"),
}


def state_words(state: CardState | str) -> Text:
    """The card state as words for a person (``lost``, ``replaced by a new card``...)."""
    try:
        return Text(_STATE_WORDS[CardState(state)])
    except ValueError:
        return Text("{state}", state=str(state))


def card_transition(state: CardState, action: str) -> CardState:
    """The state after ``action``; refuses what the life cycle does not allow."""
    try:
        return _TRANSITIONS[(state, action)]
    except KeyError:
        known = _ACTION_WORDS.get(action)
        words = Text(known) if known else Text("{action}", action=action)
        raise CardStateChangeRefused(state=state_words(state), action=words) from None

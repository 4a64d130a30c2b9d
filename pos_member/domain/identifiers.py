"""What a scanned or typed string is: the one registry of identifiers.

Every way a till can be told "this product" or "this member" is one
``Identifier`` here: what its strings look like, how they are normalised to
the key that is looked up, and why a string of its shape is refused. The
scanner's classifier (``drivers.classify``), the member lookup at the counter
(``services.identify``), the manager's member search (``services.members``)
and the receipt lookup of a refund all read this registry; each says which
kinds it accepts (``SCAN_KINDS``, ``LOOKUP_KINDS``, ``SEARCH_KINDS``), so a
string means the same thing wherever it is typed.

Adding a way to identify a member is one identifier class (added to
``REGISTRY`` and to the kinds that accept it), one lookup in
``services.identify``, a migration if it needs a column, and the translation
of its refusal.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from pos_member.domain import member_code
from pos_member.domain.cards import CardNumberRule, gs1_valid, is_phone, normalise_phone
from pos_member.domain.errors import UserFacingError, ValidationError
from pos_member.domain.scale import DEFAULT_SCALE_LAYOUTS, ScaleLabel, ScaleLayout, read_scale_label
from pos_member.domain.text import Text, phrase

ID125K_MAX = 0xFFFFFFFF  # 125 kHz readers print the 32-bit card id as 10 decimal digits
_TRACK2 = re.compile(r"^;(?P<number>\d{1,19})=(?P<data>\d*)\?$")
_PHONE_CHARS = re.compile(r"^[\d\s+\-()]+$")
_HEX_UID = re.compile(r"^(?:[0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20})$")
_UID_SEPARATORS = re.compile(r"[\s:\-]")
_RECEIPT = re.compile(r"^[A-Z0-9]{1,8}-\d{8}$")


class IdKind(enum.StrEnum):
    """What a scanned or typed string turned out to be."""

    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    WEIGHED = "weighed"  # a scale label: in-store EAN-13, prefix 2x, weight or price inside
    MEMBER_CARD = "member_card"  # the programme's card number (check digit verified)
    MAGSTRIPE = "magstripe"  # track 2 of a magnetic-stripe card
    ID125K = "id125k"  # a 125 kHz ID card's 10-digit number, as its hex UID
    UID = "uid"  # a chip card's UID typed in hex
    PHONE = "phone"
    OTHER_CARD = "other_card"  # digits of a card of another kind: its number, exactly
    RECEIPT = "receipt"  # a receipt number such as T01-00000042
    NAME = "name"  # a member's name (the manager's search)
    MEMBER_CODE = "member_code"  # the dynamic member code (会员码) of a member's phone
    REJECTED = "rejected"


PRODUCT_KINDS = frozenset({IdKind.EAN13, IdKind.EAN8, IdKind.UPCA, IdKind.WEIGHED})
#: What a scanner or the cashier's scan field may carry (a product, a member, or garbage).
SCAN_KINDS = PRODUCT_KINDS | {
    IdKind.MEMBER_CARD, IdKind.MAGSTRIPE, IdKind.ID125K, IdKind.PHONE, IdKind.MEMBER_CODE
}  # fmt: skip
#: Of those, the scans that name a member: the sale screen identifies them.
MEMBER_SCAN_KINDS = frozenset(
    {IdKind.MEMBER_CARD, IdKind.MAGSTRIPE, IdKind.ID125K, IdKind.PHONE, IdKind.MEMBER_CODE}
)
#: What the counter's member lookup takes when it is not told the kind.
LOOKUP_KINDS = frozenset(
    {IdKind.MEMBER_CARD, IdKind.PHONE, IdKind.UID, IdKind.OTHER_CARD, IdKind.MEMBER_CODE}
)
#: What the manager's member search takes: a lookup (not a member code: it is the
#: counter's, and taking one uses it up), or else a name prefix.
SEARCH_KINDS = (LOOKUP_KINDS - {IdKind.MEMBER_CODE}) | {IdKind.NAME}
#: How a member can be identified at the counter: what a sale records as its
#: ``id_method`` (a card's number scanned, swiped or tapped, an ID card, a chip's
#: UID, a mobile number, a phone's member code).
IDENTIFY_KINDS = MEMBER_SCAN_KINDS | LOOKUP_KINDS
#: What a refund's receipt field takes.
RECEIPT_KINDS = frozenset({IdKind.RECEIPT})
#: Kinds looked up by the number on the card, and by the card's UID.
BY_CARD_NUMBER = frozenset({IdKind.MEMBER_CARD, IdKind.MAGSTRIPE, IdKind.OTHER_CARD})
BY_UID = frozenset({IdKind.UID, IdKind.ID125K})


class ScanRejected(UserFacingError):
    """A scanned or typed code that is no product, card or phone."""

    code = "scan.rejected"
    template = "This code means nothing to this till: scan it again."


class NothingScanned(ScanRejected):
    code = "scan.empty"
    template = "Nothing was read."


class ScanNotAPhone(ScanRejected):
    code = "scan.not_phone"
    template = "'{text}' is not a mobile number or a code this till knows."


class ScanBadCharacters(ScanRejected):
    code = "scan.characters"
    template = "'{text}' holds characters no barcode or card number has."


class StripeIncomplete(ScanRejected):
    code = "scan.stripe"
    template = "The magnetic stripe was not read completely: swipe again."


class BarcodeCheckDigit(ScanRejected):
    code = "scan.check_digit"
    template = "{family} {code} has a wrong check digit: scan it again."


class IdNumberTooLarge(ScanRejected):
    code = "scan.id_too_large"
    template = "{code} is too large for an ID card number."


class ElevenDigitsNotAPhone(ScanRejected):
    code = "scan.not_mobile"
    template = "{code} is not a mobile number (11 digits starting 13-19)."


class ScanLengthUnknown(ScanRejected):
    code = "scan.length"
    template = (
        "{n} digits is not the length of any code this till knows: scan the item again,"
        " or type its product code, the member's card number or an 11-digit phone number."
    )


@dataclass(frozen=True, slots=True)
class Reading:
    """What identifiers need to know: the programme's card rule and the store's scales."""

    card_rule: CardNumberRule = field(default_factory=CardNumberRule)
    layouts: tuple[ScaleLayout, ...] = DEFAULT_SCALE_LAYOUTS


@dataclass(frozen=True, slots=True)
class Identified:
    """One string read: its kind and the normalised ``value`` that is looked up."""

    kind: IdKind
    value: str
    raw: str
    label: ScaleLabel | None = None  # WEIGHED: the item and the weight or price
    problem: UserFacingError | None = field(default=None, compare=False)  # REJECTED: why

    @property
    def rejected(self) -> bool:
        return self.kind is IdKind.REJECTED


class Identifier(Protocol):
    """One kind of string. ``read`` returns None for strings not of this shape."""

    @property
    def kind(self) -> IdKind: ...

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None: ...

    def parse(self, text: str, reading: Reading) -> str:
        """The key of ``text`` told to be of this kind; raises why it is not."""
        ...


def _reject(raw: str, problem: UserFacingError) -> Identified:
    return Identified(IdKind.REJECTED, "", raw, problem=problem)


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:21] + "..."


class _Parsed:
    """``parse`` by ``read``: a string that reads as this kind, or a refusal."""

    kind: ClassVar[IdKind]

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        raise NotImplementedError

    def parse(self, text: str, reading: Reading) -> str:
        found = self.read(text, text, reading)
        if found is None:
            raise ScanRejected()
        if found.problem is not None:
            raise found.problem
        return found.value


class Magstripe(_Parsed):
    kind = IdKind.MAGSTRIPE

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        if not (text.startswith(";") or text.endswith("?")):
            return None
        match = _TRACK2.match(text)
        if match is None:
            return _reject(raw, StripeIncomplete())
        number = match["number"]
        if reading.card_rule.looks_like(number):
            try:
                number = reading.card_rule.validate(number)
            except UserFacingError as exc:
                return _reject(raw, exc)
        return Identified(self.kind, number, raw)


class MemberCard:
    """The programme's own card number: prefix, length, check digit (verified first)."""

    kind = IdKind.MEMBER_CARD

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        compact = text.replace(" ", "")
        if not reading.card_rule.looks_like(compact):
            return None
        try:
            return Identified(self.kind, reading.card_rule.validate(compact), raw)
        except UserFacingError as exc:
            return _reject(raw, exc)

    def parse(self, text: str, reading: Reading) -> str:
        return reading.card_rule.validate(text)


class ScaleLabelCode(_Parsed):
    kind = IdKind.WEIGHED

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        label = read_scale_label(text, reading.layouts)
        return None if label is None else Identified(self.kind, text, raw, label=label)


# Barcode families by length, as a sentence names them (translated on screen).
_FAMILIES = {
    8: (IdKind.EAN8, phrase("EAN-8")),
    12: (IdKind.UPCA, phrase("UPC-A")),
    13: (IdKind.EAN13, phrase("EAN-13")),
}


class ProductBarcode(_Parsed):
    """EAN-13, EAN-8, UPC-A: the check digit is verified before any lookup."""

    kind = IdKind.EAN13

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        if not text.isdigit() or len(text) not in _FAMILIES:
            return None
        kind, family = _FAMILIES[len(text)]
        if not gs1_valid(text):
            return _reject(raw, BarcodeCheckDigit(family=Text(family), code=text))
        return Identified(kind, text, raw)


class Id125k(_Parsed):
    kind = IdKind.ID125K

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        if not (text.isdigit() and len(text) == 10):
            return None
        value = int(text)
        if value > ID125K_MAX:
            return _reject(raw, IdNumberTooLarge(code=text))
        return Identified(self.kind, f"{value:08X}", raw)


class Phone:
    """A mainland mobile number, typed with or without +86, spaces or dashes."""

    kind = IdKind.PHONE

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        if not is_phone(text):
            return None
        return Identified(self.kind, normalise_phone(text), raw)

    def parse(self, text: str, reading: Reading) -> str:
        return normalise_phone(text)


class ChipUid:
    """A chip card's UID typed in hex (4, 7 or 10 bytes; separators allowed)."""

    kind = IdKind.UID

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        uid = _UID_SEPARATORS.sub("", text).upper()
        if not _HEX_UID.match(uid) or text.replace(" ", "").isdigit():
            return None  # all digits: a number, not a UID
        return Identified(self.kind, uid, raw)

    def parse(self, text: str, reading: Reading) -> str:
        uid = _UID_SEPARATORS.sub("", text).upper()
        if not _HEX_UID.match(uid):
            raise ValidationError(field="card UID", problem="4, 7 or 10 bytes of hex expected")
        return uid


class OtherCard(_Parsed):
    """Digits of a card of another kind (ID or stripe cards typed by hand): exact number."""

    kind = IdKind.OTHER_CARD

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        compact = text.replace(" ", "")
        return Identified(self.kind, compact, raw) if compact.isdigit() else None


class ReceiptNumber(_Parsed):
    """A receipt number as printed and in its Code 128: ``<terminal>-<8 digits>``."""

    kind = IdKind.RECEIPT

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        key = text.upper()
        return Identified(self.kind, key, raw) if _RECEIPT.match(key) else None


class MemberName(_Parsed):
    kind = IdKind.NAME

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        return Identified(self.kind, " ".join(text.split()), raw)


class MemberCodeText(_Parsed):
    """The dynamic member code (会员码): ``PM1.`` and its parts (``domain.member_code``).

    Claimed by its prefix, so a scanner's keyboard-wedge text and a camera's read
    of the phone's QR code land here; its signature is verified by the lookup
    (``services.member_code``), which has the keys and the clock."""

    kind = IdKind.MEMBER_CODE

    def read(self, text: str, raw: str, reading: Reading) -> Identified | None:
        if not member_code.looks_like(text):
            return None
        try:
            member_code.parse(text)
        except UserFacingError as exc:
            return _reject(raw, exc)
        return Identified(self.kind, text, raw)


#: In the order they are tried: the first that claims a string decides it.
REGISTRY: tuple[Identifier, ...] = (
    MemberCodeText(),
    Magstripe(),
    MemberCard(),
    ScaleLabelCode(),
    ProductBarcode(),
    Id125k(),
    Phone(),
    ChipUid(),
    ReceiptNumber(),
    OtherCard(),
    MemberName(),
)
_BY_KIND: dict[IdKind, Identifier] = {i.kind: i for i in REGISTRY}
_BY_KIND.update({IdKind.EAN8: _BY_KIND[IdKind.EAN13], IdKind.UPCA: _BY_KIND[IdKind.EAN13]})


def identify_text(raw: str, reading: Reading, accept: frozenset[IdKind] = SCAN_KINDS) -> Identified:
    """What ``raw`` is among the ``accept``-ed kinds; REJECTED with the reason if none."""
    text = raw.strip("\r\n\t ")
    if not text:
        return _reject(raw, NothingScanned())
    for identifier in REGISTRY:
        if identifier.kind in accept or (
            identifier.kind is IdKind.EAN13 and not PRODUCT_KINDS.isdisjoint(accept)
        ):
            found = identifier.read(text, raw, reading)
            if found is not None:
                return found
    return _reject(raw, _why_not(text))


def parse_as(kind: IdKind, text: str, reading: Reading) -> str:
    """The key of ``text`` told to be of ``kind``; raises the refusal a person can act on."""
    return _BY_KIND[kind].parse(text.strip(), reading)


def _why_not(text: str) -> UserFacingError:
    """Why a string no accepted identifier claimed is refused."""
    if text.isdigit():
        if len(text) == 11:
            return ElevenDigitsNotAPhone(code=text)
        return ScanLengthUnknown(n=len(text))
    if _PHONE_CHARS.match(text):
        return ScanNotAPhone(text=_short(text))
    return ScanBadCharacters(text=_short(text))

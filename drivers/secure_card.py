"""Secure mode for Mifare Classic 1K member cards: sector layout, per-card keys, MAC.

At issuance the terminal writes one data sector (``sector``, default 1):

=========  ===========================================================
block s*4   ``"PM"`` | format version (1) | digits (1) | card number, BCD, 12 bytes (F-padded)
block s*4+1 issuance counter (4 bytes big-endian) | 12 zero bytes (reserved)
block s*4+2 MAC: HMAC-SHA256(mac key, UID | block s*4 | block s*4+1), first 16 bytes
trailer     key A | access bytes ``78 77 88 69`` | key B
=========  ===========================================================

Keys come from the programme's master secret with HKDF-SHA256: the MAC key
once per programme, and key A / key B of the sector once per card from its
UID, so a key read out of one card (Crypto-1 is broken) opens no other card.

Access bytes ``78 77 88``: data blocks (C1C2C3 = 100) are readable with key A
or B and writable only with key B; the trailer (011) lets key B rewrite keys
and access bits, key A can never change it, key A never reads back and key B
is not readable. The terminal at the counter loads only key A (read), the
issuing station uses key B; both are re-derived from the master secret at any
time, so an issued card can always be re-authenticated, rewritten (a new
counter) or erased back to transport keys: ``erase`` proves it in the tests.

A card is accepted only if key A authenticates, the layout is known and the
MAC verifies for this UID. A blank card, a card of another system, or a
"magic" card with a copied UID and an empty sector fails authentication
(``NOT_ISSUED_HERE``); a sector changed by someone who knows the keys fails
the MAC (``TAMPERED``). A full sector dump replayed onto a UID-changeable card
cannot be told apart on the card itself: the counter is in the MAC so the
service can refuse a counter older than the one it issued last.
"""

from __future__ import annotations

import hmac
import struct
from dataclasses import dataclass
from hashlib import sha256

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from drivers.base import Refusal
from drivers.mifare import (
    KEY_A,
    KEY_B,
    TRANSPORT_ACCESS,
    TRANSPORT_KEY,
    ApduRefused,
    MifareClassic,
    access_bytes,
    sector_trailer,
)
from pos_member.domain.cards import CardNumberRule
from pos_member.domain.errors import UserFacingError
from pos_member.domain.text import Text, phrase

MAGIC = b"PM"
FORMAT_VERSION = 1
MAX_DIGITS = 24
# Data blocks: read A|B, write B.  Trailer: key B writes keys and access bits.
SECURED_ACCESS = access_bytes(data=(1, 0, 0), trailer=(0, 1, 1))
_SALT = b"pos-member/mifare-classic/v1"


@dataclass(frozen=True, slots=True)
class SectorKeys:
    key_a: bytes
    key_b: bytes


class CardSecrets:
    """The programme's master secret and what is derived from it. Never logged."""

    def __init__(self, master_secret: bytes) -> None:
        if len(master_secret) < 16:
            raise ValueError("the card master secret must be at least 16 bytes")
        self._master = master_secret
        self._mac_key = self._derive(b"sector-mac", 32)

    def __repr__(self) -> str:
        return "CardSecrets(<hidden>)"

    def _derive(self, info: bytes, length: int) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=length, salt=_SALT, info=info).derive(
            self._master
        )

    def sector_keys(self, uid: bytes, sector: int) -> SectorKeys:
        raw = self._derive(b"sector-keys|" + bytes([sector]) + b"|" + uid, 12)
        return SectorKeys(key_a=raw[:6], key_b=raw[6:])

    def mac(self, uid: bytes, number_block: bytes, counter_block: bytes) -> bytes:
        return hmac.new(self._mac_key, uid + number_block + counter_block, sha256).digest()[:16]


@dataclass(frozen=True, slots=True)
class SectorContent:
    card_number: str
    counter: int
    version: int


class SectorRefused(Exception):
    """The secure sector does not prove the card; ``reason`` says why.

    ``detail`` is a fixed phrase (``phrase(...)``), a ``Text`` or the error
    that refused the card number: the screen shows it translated;
    ``message`` is its English.
    """

    def __init__(self, reason: Refusal, detail: str | Text | UserFacingError) -> None:
        message = str(detail) if not isinstance(detail, UserFacingError) else detail.message
        super().__init__(message)
        self.reason = reason
        self.detail = detail
        self.message = message


def _bcd(number: str) -> bytes:
    padded = number + "F" * (MAX_DIGITS - len(number))
    return bytes.fromhex(padded)


def encode_sector(
    secrets: CardSecrets, uid: bytes, card_number: str, counter: int
) -> tuple[bytes, bytes, bytes]:
    """The three data blocks for ``card_number`` issued to the card ``uid``."""
    if not card_number.isdigit() or not 1 <= len(card_number) <= MAX_DIGITS:
        raise ValueError(f"a card number is 1 to {MAX_DIGITS} digits")
    if not 0 <= counter < 2**32:
        raise ValueError("the issuance counter is a 32-bit unsigned number")
    number_block = MAGIC + bytes([FORMAT_VERSION, len(card_number)]) + _bcd(card_number)
    counter_block = struct.pack(">I", counter) + bytes(12)
    return number_block, counter_block, secrets.mac(uid, number_block, counter_block)


def decode_sector(
    secrets: CardSecrets, uid: bytes, blocks: tuple[bytes, bytes, bytes]
) -> SectorContent:
    """Check the sector read from card ``uid``; raise ``SectorRefused`` when it does not verify."""
    number_block, counter_block, mac = blocks
    if number_block[:2] != MAGIC:
        raise SectorRefused(
            Refusal.NOT_ISSUED_HERE, phrase("the card's sector holds no member data")
        )
    version, digits = number_block[2], number_block[3]
    if version != FORMAT_VERSION:
        raise SectorRefused(
            Refusal.BAD_FORMAT, Text("format version {version} is unknown", version=version)
        )
    if not hmac.compare_digest(mac, secrets.mac(uid, number_block, counter_block)):
        raise SectorRefused(Refusal.TAMPERED, phrase("the sector's MAC does not match its content"))
    number = number_block[4:].hex().upper()[:digits] if 1 <= digits <= MAX_DIGITS else ""
    if not number.isdigit():
        # A valid MAC over a broken number means our own writer is wrong, not a tamperer.
        raise SectorRefused(
            Refusal.BAD_FORMAT, phrase("the card number in the sector is not digits")
        )
    (counter,) = struct.unpack(">I", counter_block[:4])
    return SectorContent(card_number=number, counter=counter, version=version)


def read_secure(
    card: MifareClassic,
    uid: bytes,
    secrets: CardSecrets,
    sector: int,
    rule: CardNumberRule | None = None,
) -> SectorContent:
    """Authenticate with the card's key A, read the sector and verify it."""
    keys = secrets.sector_keys(uid, sector)
    first = sector * 4
    if not card.authenticate(first, KEY_A, keys.key_a):
        raise SectorRefused(
            Refusal.NOT_ISSUED_HERE,
            phrase("blank card, card of another system, or a copy of its UID"),
        )
    try:
        blocks = (card.read_block(first), card.read_block(first + 1), card.read_block(first + 2))
    except ApduRefused as exc:
        raise SectorRefused(
            Refusal.BAD_FORMAT, Text("the sector cannot be read ({error})", error=str(exc))
        ) from exc
    content = decode_sector(secrets, uid, blocks)
    if rule is not None:
        try:
            rule.validate(content.card_number)
        except UserFacingError as exc:
            raise SectorRefused(Refusal.BAD_NUMBER, exc) from exc
    return content


def issue(
    card: MifareClassic,
    uid: bytes,
    secrets: CardSecrets,
    sector: int,
    card_number: str,
    counter: int,
) -> SectorContent:
    """Write ``card_number`` and ``counter`` into the card's secure sector and verify it.

    A blank card (transport keys) gets its data, then its diversified trailer;
    a card already issued by this programme is rewritten with key B. Data are
    written before the trailer so that a card pulled away half-way still has
    transport keys and can simply be issued again. Raises ``SectorRefused``
    (NOT_ISSUED_HERE) when the sector belongs to another system.
    """
    keys = secrets.sector_keys(uid, sector)
    first, trailer = sector * 4, sector_trailer(sector)
    blocks = encode_sector(secrets, uid, card_number, counter)
    if card.authenticate(trailer, KEY_B, keys.key_b):
        for offset, data in enumerate(blocks):
            card.update_block(first + offset, data)
    elif card.authenticate(trailer, KEY_A, TRANSPORT_KEY):
        for offset, data in enumerate(blocks):
            card.update_block(first + offset, data)
        card.update_block(trailer, keys.key_a + SECURED_ACCESS + keys.key_b)
    else:
        raise SectorRefused(
            Refusal.NOT_ISSUED_HERE,
            Text(
                "sector {sector} is locked with keys of another system; use a blank card",
                sector=sector,
            ),
        )
    return read_secure(card, uid, secrets, sector)


def erase(card: MifareClassic, uid: bytes, secrets: CardSecrets, sector: int) -> None:
    """Put an issued card's sector back to blank transport keys (card recycling)."""
    keys = secrets.sector_keys(uid, sector)
    first, trailer = sector * 4, sector_trailer(sector)
    if not card.authenticate(trailer, KEY_B, keys.key_b):
        raise SectorRefused(
            Refusal.NOT_ISSUED_HERE, phrase("this card was not issued by this programme")
        )
    for offset in range(3):
        card.update_block(first + offset, bytes(16))
    card.update_block(trailer, TRANSPORT_KEY + TRANSPORT_ACCESS + TRANSPORT_KEY)

"""Mifare Classic 1K block access through the PC/SC part 3 pseudo-APDUs of ACR122U-class readers.

``MifareClassic`` wraps a ``transmit(apdu) -> (data, sw)`` function, so the same
code talks to pyscard, to a test double, or to anything that moves APDUs.
Transport failures (card gone, reader gone) surface as ``CardLinkLost`` from
the transmit function; a status word other than ``90 00`` surfaces as
``ApduRefused`` or, for authentication, as a False result.
"""

from __future__ import annotations

from collections.abc import Callable

TESTED_IN = "tests/drivers/test_secure_card.py"

Transmit = Callable[[bytes], tuple[bytes, int]]

SW_OK = 0x9000
KEY_A = 0x60
KEY_B = 0x61
BLOCKS = 64
TRANSPORT_KEY = b"\xff" * 6
# Transport access bits: data blocks read/write with key A or B, key A writes the trailer.
TRANSPORT_ACCESS = bytes.fromhex("FF078069")

# PC/SC part 3 ATR of contactless storage cards: 3B 8F 80 01 80 4F 0C A0 00 00 03 06 SS NN NN ...
_PART3_ATR_PREFIX = bytes.fromhex("3B8F8001804F0CA000000306")
_MIFARE_1K_NAME = b"\x00\x01"


class CardLinkLost(Exception):
    """The APDU never got an answer: card removed, reader unplugged or service stopped."""

    def __init__(self, code: int, text: str) -> None:
        super().__init__(text)
        self.code = code


class ApduRefused(Exception):
    """The card answered with an error status word."""

    def __init__(self, what: str, sw: int) -> None:
        super().__init__(f"{what} refused with status {sw:04X}")
        self.sw = sw


def is_contactless_atr(atr: bytes) -> bool:
    return atr.startswith(_PART3_ATR_PREFIX)


def is_mifare_classic_1k(atr: bytes) -> bool:
    """True for the ATR a PC/SC part 3 reader builds for a Mifare Classic 1K."""
    return is_contactless_atr(atr) and atr[13:15] == _MIFARE_1K_NAME


def sector_trailer(sector: int) -> int:
    return sector * 4 + 3


def access_bytes(data: tuple[int, int, int], trailer: tuple[int, int, int]) -> bytes:
    """The 3 access bytes (plus user byte 0x69) for a sector whose data blocks share ``data``.

    ``data``/``trailer`` are the (C1, C2, C3) conditions of the NXP data sheet.
    """
    conds = [data, data, data, trailer]
    c1 = sum(conds[i][0] << i for i in range(4))
    c2 = sum(conds[i][1] << i for i in range(4))
    c3 = sum(conds[i][2] << i for i in range(4))
    b6 = ((~c2 & 0xF) << 4) | (~c1 & 0xF)
    b7 = (c1 << 4) | (~c3 & 0xF)
    b8 = (c3 << 4) | c2
    return bytes([b6, b7, b8, 0x69])


class MifareClassic:
    """Block operations on one Mifare Classic card, in one reader session."""

    def __init__(self, transmit: Transmit) -> None:
        self._transmit = transmit

    def uid(self) -> bytes:
        data, sw = self._transmit(bytes.fromhex("FFCA000000"))
        if sw != SW_OK or not data:
            raise ApduRefused("get UID", sw)
        return data

    def load_key(self, key: bytes, slot: int = 0) -> None:
        if len(key) != 6:
            raise ValueError("Mifare keys are 6 bytes")
        _, sw = self._transmit(bytes([0xFF, 0x82, 0x00, slot, 0x06]) + key)
        if sw != SW_OK:
            raise ApduRefused("load key", sw)

    def authenticate(self, block: int, key_type: int, key: bytes, slot: int = 0) -> bool:
        """Load ``key`` and authenticate ``block``'s sector; False when the card refuses it."""
        self.load_key(key, slot)
        apdu = bytes([0xFF, 0x86, 0x00, 0x00, 0x05, 0x01, 0x00, block, key_type, slot])
        _, sw = self._transmit(apdu)
        return sw == SW_OK

    def read_block(self, block: int) -> bytes:
        data, sw = self._transmit(bytes([0xFF, 0xB0, 0x00, block, 0x10]))
        if sw != SW_OK or len(data) != 16:
            raise ApduRefused(f"read block {block}", sw)
        return data

    def update_block(self, block: int, data: bytes) -> None:
        if len(data) != 16:
            raise ValueError("Mifare blocks are 16 bytes")
        if block == 0:
            raise ValueError("block 0 is the manufacturer block")
        _, sw = self._transmit(bytes([0xFF, 0xD6, 0x00, block, 0x10]) + data)
        if sw != SW_OK:
            raise ApduRefused(f"update block {block}", sw)

"""A virtual Mifare Classic 1K card for the vsmartcard ``vpcd`` reader.

The card answers the PC/SC part 3 pseudo-APDUs of ACR122U-class readers
(get UID, load key, authenticate, read, update) with the memory, key and
access-bit semantics of a real M1 S50 chip: every operation needs an
authentication of its sector with a key the trailer accepts, block 0 is
read-only, key A never reads back, key B is unusable as a key while the
access bits make it readable, and a trailer written with inconsistent access
bits locks its sector for good (as on a real chip).

``VirtualCardLink`` puts a card on the vpcd reader over the vpcd socket
protocol (2-byte big-endian length then payload; 1-byte control messages
0 off, 1 on, 2 reset, 4 ATR) and takes it away by closing the socket.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

ATR_MIFARE_1K = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")
# Card name 00 03 in the PC/SC part 3 ATR: Mifare Ultralight (UID readable, no sectors).
ATR_ULTRALIGHT = bytes.fromhex("3B8F8001804F0CA0000003060300030000000068")
TRANSPORT_KEY = b"\xff" * 6
TRANSPORT_ACCESS = bytes.fromhex("FF078069")
VPCD_HOST = "127.0.0.1"
VPCD_PORT = 35963

SW_OK = b"\x90\x00"
SW_FAIL = b"\x63\x00"  # authentication or operation failed
SW_NOT_ALLOWED = b"\x69\x82"  # security status not satisfied
SW_WRONG_LENGTH = b"\x67\x00"
SW_BAD_PARAMS = b"\x6a\x86"
SW_INS_UNKNOWN = b"\x6d\x00"
SW_CLA_UNKNOWN = b"\x6e\x00"

KEY_A, KEY_B = 0x60, 0x61
# Operations the access conditions speak of.
_NEVER, _A, _B, _AB = frozenset(), frozenset({KEY_A}), frozenset({KEY_B}), frozenset({KEY_A, KEY_B})

# Data blocks: (C1, C2, C3) -> (read, write)
_DATA_RULES: dict[tuple[int, int, int], tuple[frozenset[int], frozenset[int]]] = {
    (0, 0, 0): (_AB, _AB),
    (0, 1, 0): (_AB, _NEVER),
    (1, 0, 0): (_AB, _B),
    (1, 1, 0): (_AB, _B),
    (0, 0, 1): (_AB, _NEVER),
    (0, 1, 1): (_B, _B),
    (1, 0, 1): (_B, _NEVER),
    (1, 1, 1): (_NEVER, _NEVER),
}


@dataclass(frozen=True)
class _TrailerRule:
    key_a_write: frozenset[int]
    access_read: frozenset[int]
    access_write: frozenset[int]
    key_b_read: frozenset[int]
    key_b_write: frozenset[int]


_TRAILER_RULES: dict[tuple[int, int, int], _TrailerRule] = {
    (0, 0, 0): _TrailerRule(_A, _A, _NEVER, _A, _A),
    (0, 1, 0): _TrailerRule(_NEVER, _A, _NEVER, _A, _NEVER),
    (1, 0, 0): _TrailerRule(_B, _AB, _NEVER, _NEVER, _B),
    (1, 1, 0): _TrailerRule(_NEVER, _AB, _NEVER, _NEVER, _NEVER),
    (0, 0, 1): _TrailerRule(_A, _A, _A, _A, _A),
    (0, 1, 1): _TrailerRule(_B, _AB, _B, _NEVER, _B),
    (1, 0, 1): _TrailerRule(_NEVER, _AB, _B, _NEVER, _NEVER),
    (1, 1, 1): _TrailerRule(_NEVER, _AB, _NEVER, _NEVER, _NEVER),
}


def decode_access_bits(access: bytes) -> list[tuple[int, int, int]] | None:
    """(C1, C2, C3) for blocks 0..3 of a sector, or None when the bytes are inconsistent."""
    b6, b7, b8 = access[0], access[1], access[2]
    c1, c2, c3 = b7 >> 4, b8 & 0x0F, b8 >> 4
    if (b6 & 0x0F) != (~c1 & 0x0F) or (b6 >> 4) != (~c2 & 0x0F) or (b7 & 0x0F) != (~c3 & 0x0F):
        return None
    return [((c1 >> i) & 1, (c2 >> i) & 1, (c3 >> i) & 1) for i in range(4)]


def _bcc(uid: bytes) -> int:
    value = 0
    for b in uid:
        value ^= b
    return value


@dataclass
class MifareClassic1K:
    """The memory and authentication state of one card (and the reader's key slots)."""

    uid: bytes
    memory: bytearray = field(default_factory=lambda: bytearray(1024))
    key_slots: dict[int, bytes] = field(default_factory=dict)
    _auth_sector: int | None = None
    _auth_key_type: int | None = None
    apdu_log: list[bytes] = field(default_factory=list)

    @classmethod
    def blank(cls, uid: bytes) -> MifareClassic1K:
        """A card as it leaves the factory: transport keys everywhere."""
        if len(uid) != 4:
            raise ValueError("Mifare Classic 1K UIDs are 4 bytes here")
        card = cls(uid=uid)
        card.memory[0:16] = (
            uid + bytes([_bcc(uid), 0x08, 0x04, 0x00]) + b"\x62\x63\x64\x65\x66\x67\x68\x69"
        )
        for sector in range(16):
            card.write_raw(sector * 4 + 3, TRANSPORT_KEY + TRANSPORT_ACCESS + TRANSPORT_KEY)
        return card

    def clone_uid_only(self) -> MifareClassic1K:
        """What a "magic" UID-changeable card holds after copying only the UID."""
        return MifareClassic1K.blank(self.uid)

    def read_raw(self, block: int) -> bytes:
        return bytes(self.memory[block * 16 : block * 16 + 16])

    def write_raw(self, block: int, data: bytes) -> None:
        """Change memory behind the card's back (a tamperer with a dumped sector)."""
        assert len(data) == 16
        self.memory[block * 16 : block * 16 + 16] = data

    # --- the card's side of the pseudo-APDUs -------------------------------------------------

    def process(self, apdu: bytes) -> bytes:
        self.apdu_log.append(apdu)
        if len(apdu) < 4:
            return SW_WRONG_LENGTH
        cla, ins, p1, p2 = apdu[0], apdu[1], apdu[2], apdu[3]
        if cla != 0xFF:
            return SW_CLA_UNKNOWN
        body = apdu[5:] if len(apdu) > 5 else b""
        if ins == 0xCA:
            if p1 != 0x00:
                return SW_BAD_PARAMS
            return self.uid + SW_OK
        if ins == 0x82:
            if len(body) != 6 or p2 > 1:
                return SW_WRONG_LENGTH if len(body) != 6 else SW_BAD_PARAMS
            self.key_slots[p2] = bytes(body)
            return SW_OK
        if ins == 0x86:
            return self._authenticate(body)
        if ins == 0xB0:
            return self._read(p2, apdu[4] if len(apdu) > 4 else 0)
        if ins == 0xD6:
            return self._update(p2, body)
        return SW_INS_UNKNOWN

    def power_reset(self) -> None:
        self._auth_sector = None
        self._auth_key_type = None

    def _trailer(self, sector: int) -> bytes:
        return self.read_raw(sector * 4 + 3)

    def _key_b_readable(self, sector: int) -> bool:
        bits = decode_access_bits(self._trailer(sector)[6:10])
        return bits is not None and bits[3] in {(0, 0, 0), (0, 1, 0), (0, 0, 1)}

    def _authenticate(self, body: bytes) -> bytes:
        # body: 01 (version) | 00 | block | 60/61 | key slot
        self.power_reset()
        if len(body) != 5 or body[0] != 0x01:
            return SW_WRONG_LENGTH
        block, key_type, slot = body[2], body[3], body[4]
        if block >= 64 or key_type not in (KEY_A, KEY_B) or slot not in self.key_slots:
            return SW_BAD_PARAMS if block >= 64 or key_type not in (KEY_A, KEY_B) else SW_FAIL
        sector = block // 4
        trailer = self._trailer(sector)
        if decode_access_bits(trailer[6:10]) is None:
            return SW_FAIL  # inconsistent access bits: the sector is locked for good
        expected = trailer[0:6] if key_type == KEY_A else trailer[10:16]
        if self.key_slots[slot] != expected:
            return SW_FAIL
        self._auth_sector, self._auth_key_type = sector, key_type
        return SW_OK

    def _allowed(self, block: int, allowed: frozenset[int]) -> bool:
        sector = block // 4
        if self._auth_sector != sector or self._auth_key_type is None:
            return False
        if self._auth_key_type == KEY_B and self._key_b_readable(sector):
            return False  # key B is data, not a key, under these access bits
        return self._auth_key_type in allowed

    def _read(self, block: int, length: int) -> bytes:
        if block >= 64 or length not in (0x10, 0x00):
            return SW_BAD_PARAMS
        sector = block // 4
        if self._auth_sector != sector:
            return SW_NOT_ALLOWED
        bits = decode_access_bits(self._trailer(sector)[6:10])
        assert bits is not None  # authentication checked it
        if block % 4 == 3:
            rule = _TRAILER_RULES[bits[3]]
            trailer = self._trailer(sector)
            access = trailer[6:10] if self._allowed(block, rule.access_read) else b"\x00" * 4
            key_b = trailer[10:16] if self._allowed(block, rule.key_b_read) else b"\x00" * 6
            return b"\x00" * 6 + access + key_b + SW_OK  # key A never reads back
        read, _ = _DATA_RULES[bits[block % 4]]
        if not self._allowed(block, read):
            return SW_NOT_ALLOWED
        return self.read_raw(block) + SW_OK

    def _update(self, block: int, data: bytes) -> bytes:
        if block >= 64:
            return SW_BAD_PARAMS
        if len(data) != 16:
            return SW_WRONG_LENGTH
        sector = block // 4
        if self._auth_sector != sector:
            return SW_NOT_ALLOWED
        if block == 0:
            return SW_NOT_ALLOWED  # manufacturer block
        bits = decode_access_bits(self._trailer(sector)[6:10])
        assert bits is not None
        if block % 4 == 3:
            rule = _TRAILER_RULES[bits[3]]
            old = bytearray(self._trailer(sector))
            may_a = self._allowed(block, rule.key_a_write)
            may_access = self._allowed(block, rule.access_write)
            may_b = self._allowed(block, rule.key_b_write)
            if not (may_a or may_access or may_b):
                return SW_NOT_ALLOWED
            # A real chip writes the parts the access bits allow and keeps the rest.
            if may_a:
                old[0:6] = data[0:6]
            if may_access:
                old[6:10] = data[6:10]
            if may_b:
                old[10:16] = data[10:16]
            self.write_raw(block, bytes(old))
            return SW_OK
        _, write = _DATA_RULES[bits[block % 4]]
        if not self._allowed(block, write):
            return SW_NOT_ALLOWED
        self.write_raw(block, data)
        return SW_OK


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < n:
        # vpcd writes the length and the payload separately; acknowledging at once keeps
        # Nagle on its side from holding the payload for our delayed ACK (~40 ms per APDU).
        with contextlib.suppress(OSError, AttributeError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        part = sock.recv(n - len(chunks))
        if not part:
            raise ConnectionError("vpcd closed the connection")
        chunks += part
    return bytes(chunks)


class VirtualCardLink:
    """Puts a virtual card on a vpcd reader slot and takes it away again.

    ``drop_when`` (optional) is asked about every APDU; when it answers True
    the link closes the socket instead of answering, exactly like a card
    pulled off the reader in the middle of a command. ``mumble_when`` makes
    the card answer that one APDU with a truncated frame while staying on the
    reader (a card at the edge of the field).
    """

    def __init__(self, host: str = VPCD_HOST, port: int = VPCD_PORT) -> None:
        self.host, self.port = host, port
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.card: MifareClassic1K | None = None
        self.drop_when: Callable[[bytes], bool] | None = None
        self.mumble_when: Callable[[bytes], bool] | None = None
        self.atr = ATR_MIFARE_1K
        self.apdus_seen = 0
        self.answered = threading.Event()

    @property
    def present(self) -> bool:
        return self._sock is not None

    def insert(self, card: MifareClassic1K, timeout: float = 10.0) -> None:
        """Connect ``card`` to the reader (retrying while pcscd starts up)."""
        self.remove()
        deadline = time.monotonic() + timeout
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        sock.settimeout(None)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        card.power_reset()
        self.card, self._sock = card, sock
        self._thread = threading.Thread(target=self._serve, args=(sock, card), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _serve(self, sock: socket.socket, card: MifareClassic1K) -> None:
        try:
            while True:
                (length,) = struct.unpack(">H", _recv_exact(sock, 2))
                payload = _recv_exact(sock, length)
                if length == 1:
                    control = payload[0]
                    if control == 4:
                        answer = self.atr
                    else:
                        if control in (0, 1, 2):
                            card.power_reset()
                        continue
                else:
                    self.apdus_seen += 1
                    if self.drop_when is not None and self.drop_when(payload):
                        self.drop_when = None
                        self._sock = None
                        sock.close()
                        return
                    if self.mumble_when is not None and self.mumble_when(payload):
                        self.mumble_when = None
                        answer = b"\x90"
                    else:
                        answer = card.process(payload)
                sock.sendall(struct.pack(">H", len(answer)) + answer)
                self.answered.set()
        except (ConnectionError, OSError):
            return

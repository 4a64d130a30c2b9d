"""The dynamic member code (会员码): its format, and its verification offline.

A member's phone holds an ECDSA P-256 key pair made by WebCrypto; the private
half never leaves the phone, the public half is registered with head office
(``headoffice.device_keys``) and reaches every till by the change feed. Every
30 seconds the phone shows a new code::

    PM1.<chain>.<member_id>.<key_id>.<step>.<sig>

- ``chain``: the chain's code (``[A-Za-z0-9]{1,16}``); a till refuses another chain's;
- ``member_id``, ``key_id``: head office's member id and device-key id, decimal;
- ``step``: ``floor(unix_seconds / 30)``, decimal;
- ``sig``: base64url, no padding, of the 64-byte ``r || s`` ECDSA P-256 / SHA-256
  signature (WebCrypto's format) over the ASCII text ``PM1.<chain>.<member_id>.
  <key_id>.<step>`` (everything before the last dot).

Decimals are canonical (no sign, no leading zero). A till accepts a step from
``now_step - 2`` to ``now_step + 1`` by its guarded clock (a minute and a half back
for a scan taken just before the code turned, thirty seconds ahead for a phone
whose clock runs fast), and a (key, step) only once: the same code twice is a
screenshot or a replay. The replay is keyed by (key, step), not by the text: an
ECDSA signature has a second valid form (``s`` → ``n - s``) that a copier could make
without the key.

This module is pure: the key lookup, the clock and what was seen are passed in.
See ``docs/member-code.md``.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from pos_member.domain.errors import UserFacingError

PREFIX = "PM1."
STEP_SECONDS = 30
#: Steps accepted before and after the till's own.
STEPS_BEHIND = 2
STEPS_AHEAD = 1
PUBLIC_KEY_BYTES = 65
SIGNATURE_BYTES = 64
CHAIN_RE = re.compile(r"^[A-Za-z0-9]{1,16}$")
_DECIMAL = re.compile(r"^(?:0|[1-9][0-9]{0,15})$")
_B64URL = re.compile(r"^[A-Za-z0-9_-]*$")
#: The longest payload a well-formed code can be (chain 16, ids 16 digits, sig 86).
MAX_PAYLOAD = len(PREFIX) + 16 + 3 * 17 + 1 + 86
MAX_ID = 2**53
_ECDSA = ec.ECDSA(hashes.SHA256())


class MemberCodeRefused(UserFacingError):
    """A member code the till will not take; nothing is written."""

    code = "member_code"
    template = "This member code cannot be used: ask the member to refresh it."


class MemberCodeMalformed(MemberCodeRefused):
    code = "member_code.malformed"
    template = "This is not a complete member code: ask the member to refresh it and scan again."


class MemberCodeOtherChain(MemberCodeRefused):
    code = "member_code.other_chain"
    template = "This member code belongs to another chain's programme; it cannot be used here."


class MemberCodeExpired(MemberCodeRefused):
    code = "member_code.expired"
    template = "This member code has expired (an old screenshot?): ask the member to refresh it."


class MemberCodeFromTheFuture(MemberCodeRefused):
    code = "member_code.future"
    template = (
        "This member code is dated ahead of the till's clock: ask the member to check the "
        "phone's time and refresh the code."
    )


class MemberCodeUnknownKey(MemberCodeRefused):
    code = "member_code.unknown_key"
    template = (
        "This phone is not known to this till yet: wait for the till to sync, or identify "
        "the member by card or phone number."
    )


class MemberCodeRevoked(MemberCodeRefused):
    code = "member_code.revoked"
    template = (
        "This phone was removed from the member's account (lost phone?): the member must "
        "sign in again on the member page, or use a card."
    )


class MemberCodeBadSignature(MemberCodeRefused):
    code = "member_code.bad_signature"
    template = "This member code does not verify (altered or forged): it cannot be used."


class MemberCodeReplayed(MemberCodeRefused):
    code = "member_code.replayed"
    template = "This member code was scanned here before: ask the member to refresh it."


@dataclass(frozen=True, slots=True)
class MemberCode:
    """A payload read (not yet verified)."""

    chain: str
    member_id: int
    key_id: int
    step: int
    signature: bytes  # 64 bytes, r || s
    signed: bytes  # the ASCII text the signature covers


@dataclass(frozen=True, slots=True)
class DeviceKey:
    """A member's phone key as the till caches it."""

    key_id: int
    member_id: int
    public_key: bytes  # 65-byte uncompressed SEC1 point
    revoked: bool


def b64url(data: bytes) -> str:
    """base64url without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def from_b64url(text: str) -> bytes:
    """The bytes of canonical base64url without padding; ValueError otherwise."""
    if not _B64URL.match(text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if b64url(data) != text:  # stray bits in the last character
        raise ValueError("not canonical base64url")
    return data


def signed_text(chain: str, member_id: int, key_id: int, step: int) -> str:
    """The text a phone signs (and, with ``.<sig>`` after it, the payload)."""
    return f"{PREFIX}{chain}.{member_id}.{key_id}.{step}"


def step_of(unix_seconds: float) -> int:
    return int(unix_seconds // STEP_SECONDS)


def looks_like(text: str) -> bool:
    """A string of the member code's shape (its prefix): the scan field routes it here."""
    return text.startswith(PREFIX)


def parse(payload: str) -> MemberCode:
    """The parts of ``payload``; ``MemberCodeMalformed`` when it is not a whole code."""
    text = payload.strip("\r\n\t ")
    if not text.startswith(PREFIX) or len(text) > MAX_PAYLOAD or not text.isascii():
        raise MemberCodeMalformed()
    parts = text[len(PREFIX) :].split(".")
    if len(parts) != 5:
        raise MemberCodeMalformed()
    chain, member, key, step, sig = parts
    if not CHAIN_RE.match(chain) or not all(_DECIMAL.match(p) for p in (member, key, step)):
        raise MemberCodeMalformed()
    try:
        signature = from_b64url(sig)
    except ValueError:
        raise MemberCodeMalformed() from None
    member_id, key_id = int(member), int(key)
    if len(signature) != SIGNATURE_BYTES or not (
        1 <= member_id <= MAX_ID and 1 <= key_id <= MAX_ID
    ):
        raise MemberCodeMalformed()
    return MemberCode(
        chain=chain,
        member_id=member_id,
        key_id=key_id,
        step=int(step),
        signature=signature,
        signed=text[: text.rindex(".")].encode("ascii"),
    )


def public_key(raw: bytes) -> ec.EllipticCurvePublicKey:
    """The P-256 key of a WebCrypto ``raw`` export; ValueError when it is not one."""
    if len(raw) != PUBLIC_KEY_BYTES or raw[0] != 0x04:
        raise ValueError("a 65-byte uncompressed P-256 point expected")
    return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)


def signature_valid(raw_key: bytes, signature: bytes, signed: bytes) -> bool:
    """Does the ``r || s`` ``signature`` over ``signed`` verify under ``raw_key``?"""
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:], "big")
    if not (r and s):
        return False
    try:
        public_key(raw_key).verify(encode_dss_signature(r, s), signed, _ECDSA)
    except (InvalidSignature, ValueError):
        return False
    return True


def verify(
    payload: str,
    key_lookup: Callable[[int], DeviceKey | None],
    now_step: int,
    *,
    chain: str | None,
    seen: Callable[[int, int], bool] | None = None,
) -> MemberCode:
    """The member code ``payload`` if this till may take it now; raises why not.

    ``chain``: this till's chain code (None: the till never learnt it, and takes no
    code). ``key_lookup``: the cached device key of an id. ``now_step``: ``step_of`` the
    till's guarded clock. ``seen(key_id, step)``: was that code taken here before.
    Checked in this order: the shape, the chain, the time window, the key (known, not
    revoked, the member's), the signature, and last the replay (so a forged code is
    called forged, not "scanned before").
    """
    code = parse(payload)
    if chain is None or code.chain != chain:
        raise MemberCodeOtherChain()
    if code.step < now_step - STEPS_BEHIND:
        raise MemberCodeExpired()
    if code.step > now_step + STEPS_AHEAD:
        raise MemberCodeFromTheFuture()
    key = key_lookup(code.key_id)
    if key is None:
        raise MemberCodeUnknownKey()
    if key.revoked:
        raise MemberCodeRevoked()
    if key.member_id != code.member_id or not signature_valid(
        key.public_key, code.signature, code.signed
    ):
        raise MemberCodeBadSignature()
    if seen is not None and seen(code.key_id, code.step):
        raise MemberCodeReplayed()
    return code

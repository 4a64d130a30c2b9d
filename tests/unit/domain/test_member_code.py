"""The member code's verifier: every way a code is refused, and the one it is taken."""

from __future__ import annotations

import pytest

from pos_member.domain import member_code as mc
from pos_member.domain.member_code import DeviceKey
from tests.member_phone import Phone

CHAIN = "PM"
NOW = 59_000_000  # a time step (2026)
MEMBER, KEY = 1_000_000_042, 7


@pytest.fixture(scope="module")
def phone() -> Phone:
    return Phone()


def _keys(phone: Phone, *, revoked: bool = False, member: int = MEMBER):
    table = {KEY: DeviceKey(KEY, member, phone.public_raw, revoked)}
    return table.get


def _verify(payload: str, lookup, now: int = NOW, chain: str | None = CHAIN, seen=None):
    return mc.verify(payload, lookup, now, chain=chain, seen=seen)


def _replace_sig(payload: str, sig: bytes) -> str:
    return payload[: payload.rindex(".") + 1] + mc.b64url(sig)


def test_a_fresh_code_verifies_and_says_who(phone: Phone) -> None:
    code = _verify(phone.code(CHAIN, MEMBER, KEY, NOW), _keys(phone))
    assert (code.chain, code.member_id, code.key_id, code.step) == (CHAIN, MEMBER, KEY, NOW)
    assert code.signed == f"PM1.{CHAIN}.{MEMBER}.{KEY}.{NOW}".encode()
    # A scanner's Enter and spaces around do not matter.
    assert _verify(phone.code(CHAIN, MEMBER, KEY, NOW) + "\r\n", _keys(phone)).step == NOW


@pytest.mark.parametrize("offset", [-2, -1, 0, 1])
def test_the_window_is_two_steps_back_and_one_ahead(phone: Phone, offset: int) -> None:
    assert _verify(phone.code(CHAIN, MEMBER, KEY, NOW + offset), _keys(phone)).step == NOW + offset


@pytest.mark.parametrize("offset", [-3, -100, -(NOW)])
def test_an_old_code_or_screenshot_is_expired(phone: Phone, offset: int) -> None:
    with pytest.raises(mc.MemberCodeExpired) as exc:
        _verify(phone.code(CHAIN, MEMBER, KEY, NOW + offset), _keys(phone))
    assert "refresh" in exc.value.message


@pytest.mark.parametrize("offset", [2, 3, 10**6])
def test_a_code_from_the_future_is_refused(phone: Phone, offset: int) -> None:
    with pytest.raises(mc.MemberCodeFromTheFuture):
        _verify(phone.code(CHAIN, MEMBER, KEY, NOW + offset), _keys(phone))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (f".{MEMBER}.", f".{MEMBER + 1}."),  # another member's id
        (f".{NOW}.", f".{NOW - 1}."),  # an older screenshot moved forward a step... back
    ],
)
def test_a_tampered_payload_does_not_verify(phone: Phone, old: str, new: str) -> None:
    payload = phone.code(CHAIN, MEMBER, KEY, NOW).replace(old, new, 1)
    lookup = _keys(phone, member=MEMBER + 1) if str(MEMBER + 1) in new else _keys(phone)
    with pytest.raises(mc.MemberCodeBadSignature):
        _verify(payload, lookup)


def test_a_step_moved_out_of_an_old_screenshot_does_not_verify(phone: Phone) -> None:
    old = phone.code(CHAIN, MEMBER, KEY, NOW - 10)
    with pytest.raises(mc.MemberCodeBadSignature):
        _verify(old.replace(f".{NOW - 10}.", f".{NOW}.", 1), _keys(phone))


def test_a_code_naming_a_member_other_than_its_keys_does_not_verify(phone: Phone) -> None:
    # Signed by the phone itself, but the key belongs to another member.
    with pytest.raises(mc.MemberCodeBadSignature):
        _verify(phone.code(CHAIN, MEMBER + 5, KEY, NOW), _keys(phone))


def test_a_tampered_signature_does_not_verify(phone: Phone) -> None:
    payload = phone.code(CHAIN, MEMBER, KEY, NOW)
    sig = bytearray(mc.from_b64url(payload.rsplit(".", 1)[1]))
    for i in (0, 31, 32, 63):
        bad = bytearray(sig)
        bad[i] ^= 0x01
        with pytest.raises(mc.MemberCodeBadSignature):
            _verify(_replace_sig(payload, bytes(bad)), _keys(phone))
    for forged in (b"\x00" * 64, b"\xff" * 64, bytes(sig[32:] + sig[:32])):
        with pytest.raises(mc.MemberCodeBadSignature):
            _verify(_replace_sig(payload, forged), _keys(phone))


def test_a_code_signed_by_another_phone_does_not_verify(phone: Phone) -> None:
    thief = Phone()
    with pytest.raises(mc.MemberCodeBadSignature):
        _verify(thief.code(CHAIN, MEMBER, KEY, NOW), _keys(phone))


def test_a_der_signature_instead_of_webcryptos_raw_one_is_malformed(phone: Phone) -> None:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    text = mc.signed_text(CHAIN, MEMBER, KEY, NOW)
    der = phone.private.sign(text.encode(), ec.ECDSA(hashes.SHA256()))
    with pytest.raises(mc.MemberCodeMalformed):
        _verify(f"{text}.{mc.b64url(der)}", _keys(phone))


def test_a_revoked_phone_is_refused(phone: Phone) -> None:
    with pytest.raises(mc.MemberCodeRevoked):
        _verify(phone.code(CHAIN, MEMBER, KEY, NOW), _keys(phone, revoked=True))


def test_an_unknown_key_is_refused(phone: Phone) -> None:
    with pytest.raises(mc.MemberCodeUnknownKey):
        _verify(phone.code(CHAIN, MEMBER, KEY + 1, NOW), _keys(phone))


@pytest.mark.parametrize("till_chain", ["HX", "pm", None])
def test_another_chains_code_is_refused(phone: Phone, till_chain: str | None) -> None:
    with pytest.raises(mc.MemberCodeOtherChain):
        _verify(phone.code(CHAIN, MEMBER, KEY, NOW), _keys(phone), chain=till_chain)


def test_a_code_seen_before_is_refused_after_its_signature_is_checked(phone: Phone) -> None:
    seen = {(KEY, NOW)}
    payload = phone.code(CHAIN, MEMBER, KEY, NOW)
    with pytest.raises(mc.MemberCodeReplayed):
        _verify(payload, _keys(phone), seen=lambda k, s: (k, s) in seen)
    # The other ECDSA form (r, n - s) of the same code is the same code.
    n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
    sig = mc.from_b64url(payload.rsplit(".", 1)[1])
    flipped = sig[:32] + (n - int.from_bytes(sig[32:], "big")).to_bytes(32, "big")
    assert _verify(_replace_sig(payload, flipped), _keys(phone)).step == NOW
    with pytest.raises(mc.MemberCodeReplayed):
        _verify(_replace_sig(payload, flipped), _keys(phone), seen=lambda k, s: (k, s) in seen)
    # A forged code of a seen step is called forged, not "scanned before".
    with pytest.raises(mc.MemberCodeBadSignature):
        _verify(_replace_sig(payload, b"\x01" * 64), _keys(phone), seen=lambda k, s: True)


def _good(phone: Phone) -> str:
    return phone.code(CHAIN, MEMBER, KEY, NOW)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda p: "",
        lambda p: "PM1.",
        lambda p: "PM1",
        lambda p: p.replace("PM1.", "PM2.", 1),
        lambda p: p.replace("PM1.", "pm1.", 1),
        lambda p: p.rsplit(".", 1)[0],  # no signature
        lambda p: p + ".x",  # a part too many
        lambda p: p.replace(f".{MEMBER}.", ".", 1),  # a part too few
        lambda p: p.replace(f".{MEMBER}.", f".0{MEMBER}.", 1),  # leading zero
        lambda p: p.replace(f".{MEMBER}.", f".+{MEMBER}.", 1),
        lambda p: p.replace(f".{MEMBER}.", ".-1.", 1),
        lambda p: p.replace(f".{MEMBER}.", ".0.", 1),  # member 0
        lambda p: p.replace(f".{KEY}.", ".0.", 1),
        lambda p: p.replace(f".{MEMBER}.", f".{2**53 + 1}.", 1),
        lambda p: p.replace(f".{MEMBER}.", ".1" + "0" * 16 + ".", 1),  # 17 digits
        lambda p: p.replace(f".{NOW}.", ".5.9e7.", 1),
        lambda p: p.replace(f".{NOW}.", ".٥٩.", 1),  # Arabic-Indic digits
        lambda p: p.replace("PM1.PM.", "PM1..", 1),  # empty chain
        lambda p: p.replace("PM1.PM.", "PM1.P-M.", 1),
        lambda p: p.replace("PM1.PM.", "PM1." + "P" * 17 + ".", 1),
        lambda p: p[:-1],  # a signature one character short
        lambda p: p[:-2],
        lambda p: p + "A",
        lambda p: p + "=",  # padding
        lambda p: p[:-3] + "+/A",  # plain base64, not base64url
        lambda p: p + " junk",
        lambda p: p + "\x00",
        lambda p: p.replace(".", "。", 1),
        lambda p: p + "A" * 300,
    ],
)
def test_malformed_payloads_are_refused_as_such(phone: Phone, mangle) -> None:
    with pytest.raises(mc.MemberCodeMalformed):
        _verify(mangle(_good(phone)), _keys(phone))


def test_the_last_base64_character_must_be_canonical(phone: Phone) -> None:
    payload = _good(phone)
    # 64 bytes encode to 86 characters whose last carries 4 unused bits: set one.
    last = payload[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    other = alphabet[alphabet.index(last) ^ 0x01]
    with pytest.raises(mc.MemberCodeMalformed):
        _verify(payload[:-1] + other, _keys(phone))


def test_the_shape_and_step_helpers() -> None:
    assert mc.looks_like("PM1.PM.1.1.1.x") and not mc.looks_like("6901234567892")
    assert mc.step_of(1_770_000_029.9) == 59_000_000 and mc.step_of(1_770_000_030) == 59_000_001
    assert mc.from_b64url(mc.b64url(b"\x00\xff" * 33)) == b"\x00\xff" * 33
    with pytest.raises(ValueError):
        mc.public_key(b"\x04" + b"\x00" * 64)


def test_the_identifier_registry_claims_the_code_by_its_prefix(phone: Phone) -> None:
    from pos_member.domain.identifiers import (
        IDENTIFY_KINDS,
        LOOKUP_KINDS,
        MEMBER_SCAN_KINDS,
        SEARCH_KINDS,
        IdKind,
        Reading,
        identify_text,
    )

    payload = _good(phone)
    for accept in (LOOKUP_KINDS, MEMBER_SCAN_KINDS):
        found = identify_text(payload + "\r\n", Reading(), accept)
        assert (found.kind, found.value) == (IdKind.MEMBER_CODE, payload)
    assert IdKind.MEMBER_CODE in IDENTIFY_KINDS
    # A malformed code is refused as one, not read as a card or a name.
    bad = identify_text("PM1.PM.12", Reading(), LOOKUP_KINDS)
    assert bad.rejected and isinstance(bad.problem, mc.MemberCodeMalformed)
    # The manager's search is no place to use a code up: there it is only text.
    assert identify_text(payload, Reading(), SEARCH_KINDS).kind is IdKind.NAME

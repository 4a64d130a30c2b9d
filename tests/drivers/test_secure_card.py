"""Secure-mode sector, keys and access bits, proven on the virtual card's Mifare semantics."""

from __future__ import annotations

import pytest
from reader_events import Recorder
from virtual_card import MifareClassic1K, decode_access_bits

from drivers.base import Refusal
from drivers.errors import ReaderUnavailable, refusal_error
from drivers.mifare import (
    KEY_A,
    KEY_B,
    TRANSPORT_ACCESS,
    TRANSPORT_KEY,
    ApduRefused,
    MifareClassic,
    access_bytes,
)
from drivers.pcsc import PcscReaderDriver
from drivers.secure_card import (
    SECURED_ACCESS,
    CardSecrets,
    SectorRefused,
    decode_sector,
    encode_sector,
    erase,
    issue,
    read_secure,
)
from drivers.settings import CardMode
from pos_member.domain.cards import CardNumberRule
from pos_member.domain.errors import BadCheckDigit

SECRETS = CardSecrets(bytes.fromhex("00112233445566778899aabbccddeeff"))
UID = bytes.fromhex("A1B2C3D4")
NUMBER = CardNumberRule().make(555)


def session(card: MifareClassic1K) -> MifareClassic:
    def transmit(apdu: bytes) -> tuple[bytes, int]:
        answer = card.process(apdu)
        return answer[:-2], int.from_bytes(answer[-2:], "big")

    return MifareClassic(transmit)


def issued() -> tuple[MifareClassic1K, MifareClassic]:
    card = MifareClassic1K.blank(UID)
    reader = session(card)
    issue(reader, UID, SECRETS, 1, NUMBER, 7)
    return card, reader


def test_access_bytes_encoding_matches_the_data_sheet() -> None:
    assert access_bytes(data=(0, 0, 0), trailer=(0, 0, 1)) == TRANSPORT_ACCESS
    assert bytes.fromhex("78778869") == SECURED_ACCESS
    assert decode_access_bits(SECURED_ACCESS) == [(1, 0, 0)] * 3 + [(0, 1, 1)]


def test_keys_are_diversified_per_card_and_sector() -> None:
    a = SECRETS.sector_keys(UID, 1)
    assert a == SECRETS.sector_keys(UID, 1)  # re-derivable at any time
    assert a != SECRETS.sector_keys(bytes.fromhex("A1B2C3D5"), 1)
    assert a != SECRETS.sector_keys(UID, 2)
    assert a.key_a != a.key_b and TRANSPORT_KEY not in (a.key_a, a.key_b)
    assert "00112233" not in repr(SECRETS)


def test_short_master_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        CardSecrets(b"short")


def test_issue_then_read_back() -> None:
    _card, reader = issued()
    content = read_secure(reader, UID, SECRETS, 1, CardNumberRule())
    assert (content.card_number, content.counter, content.version) == (NUMBER, 7, 1)


def test_key_a_reads_but_cannot_write_data_or_trailer() -> None:
    card, reader = issued()
    keys = SECRETS.sector_keys(UID, 1)
    assert reader.authenticate(4, KEY_A, keys.key_a)
    assert reader.read_block(5)[:4] == (7).to_bytes(4, "big")
    with pytest.raises(ApduRefused):
        reader.update_block(5, bytes(16))
    assert reader.authenticate(7, KEY_A, keys.key_a)
    trailer = reader.read_block(7)
    assert trailer[:6] == bytes(6)  # key A never reads back
    assert trailer[6:10] == SECURED_ACCESS and trailer[10:] == bytes(6)  # key B not readable
    before = card.read_raw(7)
    with pytest.raises(ApduRefused):
        reader.update_block(7, TRANSPORT_KEY + TRANSPORT_ACCESS + TRANSPORT_KEY)
    assert card.read_raw(7) == before


def test_key_b_rewrites_data_and_trailer_and_erase_restores_transport() -> None:
    card, reader = issued()
    issue(reader, UID, SECRETS, 1, NUMBER, 8)
    assert read_secure(reader, UID, SECRETS, 1).counter == 8
    erase(reader, UID, SECRETS, 1)
    assert card.read_raw(7) == TRANSPORT_KEY + TRANSPORT_ACCESS + TRANSPORT_KEY
    assert reader.authenticate(4, KEY_A, TRANSPORT_KEY) and reader.read_block(4) == bytes(16)
    issue(reader, UID, SECRETS, 1, NUMBER, 9)
    assert read_secure(reader, UID, SECRETS, 1).counter == 9


def test_other_sectors_keep_transport_keys() -> None:
    _card, reader = issued()
    for sector in (0, 2, 15):
        assert reader.authenticate(sector * 4 + 3, KEY_A, TRANSPORT_KEY)


def test_blank_clone_and_foreign_cards_are_not_issued_here() -> None:
    card, _ = issued()
    for other in (MifareClassic1K.blank(UID), card.clone_uid_only()):
        with pytest.raises(SectorRefused) as info:
            read_secure(session(other), UID, SECRETS, 1)
        assert info.value.reason is Refusal.NOT_ISSUED_HERE
    foreign = CardSecrets(b"another programme's secret!!")
    with pytest.raises(SectorRefused) as info:
        read_secure(session(card), UID, foreign, 1)
    assert info.value.reason is Refusal.NOT_ISSUED_HERE
    with pytest.raises(SectorRefused, match="keys of another system"):
        issue(session(card), UID, foreign, 1, NUMBER, 1)


def test_full_dump_on_another_uid_fails_the_mac() -> None:
    card, _ = issued()
    other_uid = bytes.fromhex("0F0E0D0C")
    copy = MifareClassic1K.blank(other_uid)
    for block in (4, 5, 6):
        copy.write_raw(block, card.read_raw(block))
    keys = SECRETS.sector_keys(other_uid, 1)  # even with that card's own keys in the trailer
    copy.write_raw(7, keys.key_a + SECURED_ACCESS + keys.key_b)
    with pytest.raises(SectorRefused) as info:
        read_secure(session(copy), other_uid, SECRETS, 1)
    assert info.value.reason is Refusal.TAMPERED


def test_unknown_version_and_bad_number() -> None:
    blocks = encode_sector(SECRETS, UID, NUMBER, 1)
    wrong_version = bytes([*blocks[0][:2], 9, *blocks[0][3:]])
    with pytest.raises(SectorRefused) as info:
        decode_sector(SECRETS, UID, (wrong_version, blocks[1], blocks[2]))
    assert info.value.reason is Refusal.BAD_FORMAT
    bad_luhn = NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)
    card = MifareClassic1K.blank(UID)
    issue(session(card), UID, SECRETS, 1, bad_luhn, 1)
    with pytest.raises(SectorRefused) as info:
        read_secure(session(card), UID, SECRETS, 1, CardNumberRule())
    assert info.value.reason is Refusal.BAD_NUMBER and "check digit" in info.value.message


@pytest.mark.parametrize(("number", "counter"), [("", 1), ("12a4", 1), ("1" * 25, 1), ("123", -1)])
def test_encode_refuses_bad_input(number: str, counter: int) -> None:
    with pytest.raises(ValueError):
        encode_sector(SECRETS, UID, number, counter)


def test_virtual_card_semantics() -> None:
    card = MifareClassic1K.blank(UID)
    reader = session(card)
    with pytest.raises(ApduRefused):
        reader.read_block(4)  # not authenticated
    assert not reader.authenticate(4, KEY_A, bytes(6))
    assert reader.authenticate(0, KEY_A, TRANSPORT_KEY)
    assert reader.read_block(0)[:4] == UID
    _, sw = reader._transmit(bytes([0xFF, 0xD6, 0x00, 0x00, 0x10]) + bytes(16))
    assert sw == 0x6982  # block 0 is read-only
    with pytest.raises(ApduRefused):
        reader.read_block(8)  # another sector needs its own authentication
    # Under transport access bits key B is readable, hence unusable as a key.
    assert reader.authenticate(4, KEY_B, TRANSPORT_KEY)
    with pytest.raises(ApduRefused):
        reader.read_block(4)


def test_inconsistent_access_bits_lock_the_sector_for_good() -> None:
    card = MifareClassic1K.blank(UID)
    reader = session(card)
    assert reader.authenticate(7, KEY_A, TRANSPORT_KEY)
    reader.update_block(7, TRANSPORT_KEY + bytes.fromhex("FF078169") + TRANSPORT_KEY)
    assert not reader.authenticate(4, KEY_A, TRANSPORT_KEY)
    assert not reader.authenticate(4, KEY_B, TRANSPORT_KEY)


def test_refusal_errors_carry_the_refusal_code() -> None:
    for reason in Refusal:
        error = refusal_error(reason, "detail for the manager")
        assert error.code == reason.value
        assert "detail for the manager" in error.message


def test_issue_secure_checks_the_number_before_touching_a_card() -> None:
    driver = PcscReaderDriver(
        Recorder(), mode=CardMode.SECURE, secrets=SECRETS, rule=CardNumberRule()
    )
    bad = NUMBER[:-1] + str((int(NUMBER[-1]) + 1) % 10)
    with pytest.raises(BadCheckDigit):
        driver.issue_secure("any reader", bad, 1)
    with pytest.raises(ReaderUnavailable, match="unplugged or stopped answering"):
        driver.issue_secure("any reader", NUMBER, 1)  # the driver is not running

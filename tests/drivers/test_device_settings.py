"""Device settings: defaults, environment, and bad values explained."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from reader_events import Recorder

from drivers.classify import Classifier
from drivers.pcsc import PcscReaderDriver
from drivers.settings import CardMode, DeviceSettings
from pos_member.domain.cards import CheckDigit
from pos_member.domain.scale import LabelValue


def test_defaults_are_a_demo_counter() -> None:
    s = DeviceSettings()
    assert (s.production, s.card_mode, s.secure_sector, s.master_secret) == (
        False,
        CardMode.UID,
        1,
        None,
    )
    assert s.card_rule().prefix == "8800" and s.card_rule().check is CheckDigit.LUHN
    assert [layout.prefix for layout in s.weighed_layouts] == ["20", "21"]


def test_environment_sets_secure_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POS_MEMBER_DEVICES_CARD_MODE", "secure")
    monkeypatch.setenv("POS_MEMBER_DEVICES_MASTER_SECRET", "ab" * 16)
    monkeypatch.setenv("POS_MEMBER_DEVICES_PCSC_READERS", '["ACR122U"]')
    monkeypatch.setenv(
        "POS_MEMBER_DEVICES_WEIGHED_LAYOUTS",
        '[{"prefix": "2", "item_digits": 6, "value": "weight_g", "value_digits": 5}]',
    )
    s = DeviceSettings()
    assert s.card_mode is CardMode.SECURE and s.master_secret_bytes() == b"\xab" * 16
    assert "abab" not in repr(s)  # the secret never shows in logs or tracebacks
    assert s.pcsc_readers == ["ACR122U"]
    layout = s.scale_layouts()[0]
    assert (layout.prefix, layout.item_digits, layout.value) == ("2", 6, LabelValue.WEIGHT_G)
    driver = PcscReaderDriver.from_settings(Recorder(), s)
    assert not driver.running


@pytest.mark.parametrize(
    ("secret", "problem"),
    [("xyz", "must be hexadecimal"), ("abcd", "at least 16 bytes")],
)
def test_bad_master_secret_is_explained(secret: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        DeviceSettings(master_secret=secret)  # type: ignore[arg-type]


def test_sector_zero_is_refused() -> None:
    # Sector 0 holds the manufacturer block: never the secure sector.
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        DeviceSettings(secure_sector=0)


def test_secure_mode_without_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="secure mode needs the card master secret"):
        PcscReaderDriver.from_settings(Recorder(), DeviceSettings(card_mode=CardMode.SECURE))


def test_classifier_follows_the_card_rule_setting() -> None:
    s = DeviceSettings(card_prefix="66", card_length=10, card_check=CheckDigit.NONE)
    assert Classifier(rule=s.card_rule()).classify("6600001234").value == "6600001234"

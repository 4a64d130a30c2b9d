"""The chain's data key seals personal fields; a wrong key or column refuses."""

import os
import stat

import pytest

from pos_member.sealing import Sealer, SealError, is_sealed, load_or_create_key


def test_seal_round_trip_binds_purpose_and_key(tmp_path):
    s = Sealer.from_file(tmp_path / "data.key")
    token = s.seal("110101199003070011", "realname.id_number")
    assert is_sealed(token) and "1101011990" not in token
    assert s.open(token, "realname.id_number") == "110101199003070011"
    with pytest.raises(SealError):
        s.open(token, "member.phone")
    with pytest.raises(SealError):
        Sealer.for_tests("other").open(token, "realname.id_number")


def test_key_file_is_private_and_stable(tmp_path):
    path = tmp_path / "keys" / "data.key"
    k1 = load_or_create_key(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_key(path) == k1
    path.write_text("c2hvcnQ=\n")
    with pytest.raises(SealError):
        load_or_create_key(path)


def test_blind_index_is_keyed_and_deterministic():
    a, b = Sealer.for_tests("a"), Sealer.for_tests("b")
    assert a.blind_index("13800138000", "phone") == a.blind_index("13800138000", "phone")
    assert a.blind_index("13800138000", "phone") != b.blind_index("13800138000", "phone")
    assert a.blind_index("13800138000", "phone") != a.blind_index("13800138000", "name")

"""Personal data sealed at rest: one key per chain, kept outside the database.

Sensitive fields (ID numbers, full names and phones where a till keeps them)
are stored as *sealed* text: AES-256-GCM under the chain's data key, with the
field's purpose bound in as associated data so a value sealed for one column
cannot be pasted into another. Lookups that need equality (a phone typed at the
counter) use a *blind index*: an HMAC-SHA256 of the normalised value under a
key derived from the same data key, so the database file holds neither the
value nor an unkeyed hash that a dictionary of 11-digit phones would reverse.

The key file is 32 random bytes, base64 on one line, created 0600 on first use.
It lives beside, never inside, the database (``POS_MEMBER_DATA_KEY_FILE``;
default ``<db dir>/data.key`` for a till, the same variable at head office).
Losing it makes sealed values unreadable, which is why ``pos-member backup``
must copy it and the docs say so; copying it with the database defeats the
purpose only if both reach the same hands.

Nothing here logs a value, and ``Sealed.__repr__`` never shows the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_ENV = "POS_MEMBER_DATA_KEY_FILE"
_PREFIX = "s1:"  # version tag on every sealed value
_NONCE = 12


class SealError(ValueError):
    """A sealed value that does not open under this key (wrong key or tampered)."""


def default_key_path(db_path: Path | None = None) -> Path:
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env)
    if db_path is not None:
        return Path(db_path).with_name("data.key")
    from pos_member.settings import default_db_path

    return default_db_path().with_name("data.key")


def load_or_create_key(path: Path) -> bytes:
    """The 32-byte data key at *path*, created (mode 0600) when absent."""
    path = Path(path)
    if path.exists():
        raw = base64.b64decode(path.read_text(encoding="ascii").strip())
        if len(raw) != 32:
            raise SealError(f"{path}: not a data key (expected 32 bytes)")
        return raw
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(base64.b64encode(key).decode("ascii") + "\n")
    return key


@dataclass(frozen=True)
class Sealer:
    """Seals and opens text under one data key; blind-indexes for lookups."""

    key: bytes = field(repr=False)

    @classmethod
    def from_file(cls, path: Path) -> Sealer:
        return cls(load_or_create_key(path))

    @classmethod
    def for_tests(cls, seed: str = "test") -> Sealer:
        return cls(hashlib.sha256(seed.encode()).digest())

    def _subkey(self, label: str) -> bytes:
        return hmac.new(self.key, label.encode("utf-8"), hashlib.sha256).digest()

    def seal(self, text: str, purpose: str) -> str:
        nonce = secrets.token_bytes(_NONCE)
        ct = AESGCM(self._subkey("seal")).encrypt(
            nonce, text.encode("utf-8"), purpose.encode("utf-8")
        )
        return _PREFIX + base64.urlsafe_b64encode(nonce + ct).decode("ascii")

    def open(self, sealed: str, purpose: str) -> str:
        if not sealed.startswith(_PREFIX):
            raise SealError("not a sealed value")
        try:
            raw = base64.urlsafe_b64decode(sealed[len(_PREFIX) :].encode("ascii"))
            pt = AESGCM(self._subkey("seal")).decrypt(
                raw[:_NONCE], raw[_NONCE:], purpose.encode("utf-8")
            )
        except Exception as exc:  # InvalidTag, binascii.Error, short input
            raise SealError("sealed value does not open under this key") from exc
        return pt.decode("utf-8")

    def blind_index(self, value: str, purpose: str) -> str:
        """Keyed hash of *value* for equality lookups (hex, 64 chars)."""
        return hmac.new(
            self._subkey("index:" + purpose), value.encode("utf-8"), hashlib.sha256
        ).hexdigest()


def is_sealed(value: str | None) -> bool:
    return bool(value) and str(value).startswith(_PREFIX)


# --- the key in a backup ------------------------------------------------------------------

_WRAP_AAD = b"pos-member data.key v1"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}


def key_id(key: bytes) -> str:
    """A fingerprint of a data key (says which key, reveals nothing of it)."""
    return hmac.new(key, b"key-id", hashlib.sha256).hexdigest()[:16]


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=128 * 1024 * 1024, dklen=32
    )


def wrap_key(key: bytes, passphrase: str) -> dict[str, object]:
    """The data key encrypted under a passphrase (scrypt, then AES-256-GCM), as JSON."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(_NONCE)
    kek = _kek(passphrase, salt, **_SCRYPT)
    b64 = base64.b64encode
    return {
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": b64(salt).decode("ascii"),
        "nonce": b64(nonce).decode("ascii"),
        "wrapped": b64(AESGCM(kek).encrypt(nonce, key, _WRAP_AAD)).decode("ascii"),
        "key_id": key_id(key),
    }


def unwrap_key(doc: dict[str, object], passphrase: str) -> bytes:
    """The data key of ``wrap_key``'s document; ``SealError`` for a wrong passphrase."""
    try:
        salt = base64.b64decode(str(doc["salt"]))
        nonce = base64.b64decode(str(doc["nonce"]))
        wrapped = base64.b64decode(str(doc["wrapped"]))
        n, r, p = (int(str(doc[k])) for k in ("n", "r", "p"))
        key = AESGCM(_kek(passphrase, salt, n, r, p)).decrypt(nonce, wrapped, _WRAP_AAD)
    except Exception as exc:  # InvalidTag (wrong passphrase), a damaged file
        raise SealError("the passphrase does not open this key") from exc
    return key


def write_key(path: Path, key: bytes) -> None:
    """Write a data key file (mode 0600), replacing none: the caller moves an old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(base64.b64encode(key).decode("ascii") + "\n")

"""The till's side of the member code (会员码, docs/member-code.md).

- ``member_device_keys``: the members' phone keys pulled from head office's change
  feed (``Entity.DEVICE_KEY``), with their revocation. No foreign key to
  ``members``: the feed may bring a key before its member; a code whose member the
  till does not have yet is refused as not known here.
- ``member_codes_seen``: each code (key, time step) this till took, so the same
  code twice is refused; rows older than the window are pruned as codes are taken.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from pos_member.store.models import Base

TESTED_IN = "tests/services/test_member_code.py"


class MemberDeviceKey(Base):
    __tablename__ = "member_device_keys"
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    member_id: Mapped[int] = mapped_column(Integer, index=True)
    #: The 65-byte uncompressed P-256 point (WebCrypto ``raw``).
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    revoked: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[str] = mapped_column(String(32))


class MemberCodeSeen(Base):
    __tablename__ = "member_codes_seen"
    key_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    step: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seen_at: Mapped[str] = mapped_column(String(32))

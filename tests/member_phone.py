"""A member's phone in tests: a P-256 key pair and member codes signed exactly as the
member page's WebCrypto signs them (raw ``r || s``, base64url without padding)."""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from pos_member.domain.member_code import b64url, signed_text


@dataclass
class Phone:
    private: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )

    @property
    def public_raw(self) -> bytes:
        """``crypto.subtle.exportKey('raw', publicKey)``: the uncompressed point."""
        return self.private.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )

    def sign(self, text: str) -> bytes:
        """``crypto.subtle.sign({name: 'ECDSA', hash: 'SHA-256'}, ...)``: r || s."""
        der = self.private.sign(text.encode("ascii"), ec.ECDSA(hashes.SHA256()))
        r, s = decode_dss_signature(der)
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    def code(self, chain: str, member_id: int, key_id: int, step: int) -> str:
        text = signed_text(chain, member_id, key_id, step)
        return f"{text}.{b64url(self.sign(text))}"

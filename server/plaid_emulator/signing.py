"""The ES256 key that signs webhooks, served as a JWK like Plaid's."""

from __future__ import annotations

import base64
import functools
import hashlib
import time
import uuid
from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@dataclass
class SigningKey:
    kid: str
    private_pem: str
    created_at: int

    @classmethod
    def generate(cls) -> SigningKey:
        key = ec.generate_private_key(ec.SECP256R1())
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        # A UUID, as Plaid's kids are (receivers may refuse any other form unasked).
        return cls(kid=str(uuid.uuid4()), private_pem=pem, created_at=int(time.time()))

    def _private_key(self) -> ec.EllipticCurvePrivateKey:
        return _load_private_key(self.private_pem)

    def jwk(self) -> dict[str, Any]:
        numbers = self._private_key().public_key().public_numbers()
        return {
            "alg": "ES256",
            "crv": "P-256",
            "kid": self.kid,
            "kty": "EC",
            "use": "sig",
            "x": _b64url(numbers.x.to_bytes(32, "big")),
            "y": _b64url(numbers.y.to_bytes(32, "big")),
            "created_at": self.created_at,
            "expired_at": None,
        }

    def sign(self, body: bytes, *, issued_at: int | None = None) -> str:
        """The Plaid-Verification header value for exactly these body bytes (issued now,
        or at `issued_at` for tests of stale and future signatures)."""
        claims = {
            "iat": int(time.time()) if issued_at is None else issued_at,
            "request_body_sha256": hashlib.sha256(body).hexdigest(),
        }
        return jwt.encode(
            claims, self._private_key(), algorithm="ES256", headers={"kid": self.kid, "typ": "JWT"}
        )


@functools.lru_cache(maxsize=8)
def _load_private_key(pem: str) -> ec.EllipticCurvePrivateKey:
    """Parsed once per key: every webhook is signed, and parsing costs more than signing."""
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return key

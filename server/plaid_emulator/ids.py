"""Identifiers shaped like Plaid's: tokens, request ids and 37-char object ids."""

from __future__ import annotations

import hashlib
import secrets
import uuid

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _base62(data: bytes, length: int) -> str:
    number = int.from_bytes(data, "big")
    chars = []
    for _ in range(length):
        number, rem = divmod(number, 62)
        chars.append(_ALPHABET[rem])
    return "".join(chars)


def request_id() -> str:
    return _base62(secrets.token_bytes(16), 15)


def random_object_id() -> str:
    return _base62(secrets.token_bytes(32), 37)


def stable_object_id(*parts: object) -> str:
    """Same inputs, same id: lets generated data be rebuilt instead of stored."""
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()
    return _base62(digest, 37)


def token(kind: str) -> str:
    return f"{kind}-sandbox-{uuid.uuid4()}"

"""Identifiers shaped like Plaid's: tokens, request ids and 37-char object ids."""

from __future__ import annotations

import hashlib
import secrets
import uuid

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


_CHUNK = 62**5  # five digits per big-int division: ids are minted for every rendered row


def _base62(data: bytes, length: int) -> str:
    """The `length` lowest base-62 digits of data, least significant first."""
    number = int.from_bytes(data, "big")
    chars: list[str] = []
    while len(chars) < length:
        number, chunk = divmod(number, _CHUNK)
        for _ in range(5):
            chunk, rem = divmod(chunk, 62)
            chars.append(_ALPHABET[rem])
    return "".join(chars[:length])


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

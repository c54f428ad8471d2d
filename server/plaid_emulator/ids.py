"""Identifiers shaped like Plaid's: tokens, request ids and 37-char object ids."""

from __future__ import annotations

import hashlib
import secrets
import uuid

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


_CHUNK = 62**5  # five digits per big-int division: ids are minted for every rendered row
# Two digits at a time, least significant first: the small divisions cost as much as the big.
_PAIRS = [_ALPHABET[n % 62] + _ALPHABET[n // 62] for n in range(62 * 62)]


def _base62(data: bytes, length: int) -> str:
    """The `length` lowest base-62 digits of data, least significant first."""
    number = int.from_bytes(data, "big")
    pairs, alphabet = _PAIRS, _ALPHABET
    chars: list[str] = []
    for _ in range((length + 4) // 5):
        number, chunk = divmod(number, _CHUNK)
        high, low = divmod(chunk, 3844)
        top, middle = divmod(high, 3844)
        chars += (pairs[low], pairs[middle], alphabet[top])
    return "".join(chars)[:length]


def request_id() -> str:
    return _base62(secrets.token_bytes(16), 15)


def random_object_id() -> str:
    return _base62(secrets.token_bytes(32), 37)


def stable_object_id(*parts: object) -> str:
    """Same inputs, same id: lets generated data be rebuilt instead of stored."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return _base62(digest, 37)


def token(kind: str) -> str:
    return f"{kind}-sandbox-{uuid.uuid4()}"

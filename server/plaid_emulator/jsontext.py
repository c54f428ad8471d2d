"""Response encoding: compact ASCII JSON, with parts that were rendered as JSON text already."""

from __future__ import annotations

import json
from typing import Any

import pydantic_core

_quote = json.encoder.encode_basestring_ascii


class RawJSON(str):
    """JSON text, embedded as is where a response dict holds it (a top-level value)."""


def _value(value: Any) -> bytes:
    try:
        # pydantic-core's encoder is ~3x the json module's: a sync page is ~740 KB.
        return pydantic_core.to_json(value, ensure_ascii=True)
    except pydantic_core.PydanticSerializationError:  # lone surrogates: JSON allows them
        return json.dumps(value, separators=(",", ":")).encode()


def encode(content: Any) -> bytes:
    """JSON in ASCII: strings echoed from a request (a field name, an account id) may hold
    lone surrogates, which JSON allows but UTF-8 cannot encode."""
    if isinstance(content, dict) and any(isinstance(v, RawJSON) for v in content.values()):
        parts = [
            _quote(str(key)).encode()
            + b":"
            + (value.encode() if isinstance(value, RawJSON) else _value(value))
            for key, value in content.items()
        ]
        return b"{" + b",".join(parts) + b"}"
    return _value(content)

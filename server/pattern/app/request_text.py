"""One rule for the text of every API request: no NUL character, wherever it is.

PostgreSQL cannot store U+0000 in text (SQLite can), so a NUL in any string a route passes
on would fail only on PostgreSQL, deep in a query. Refused here, before any route runs, it
answers 422 on both databases.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import Request
from starlette.requests import ClientDisconnect

from pattern.kit.errors import Unprocessable

NUL = "\x00"


async def refuse_nul_characters(request: Request) -> None:
    """A dependency of every API route: the path, the query string and a JSON body."""
    location = _in_path_or_query(request)
    if location is None:
        try:
            location = _in_body(await request.body())
        except ClientDisconnect:
            return  # the sender went away mid-body: the route answers for that (webhooks)
    if location is not None:
        raise Unprocessable(
            f"{location}: must not contain a NUL character (\\u0000).", field=location
        )


def _in_path_or_query(request: Request) -> str | None:
    if NUL in request.scope["path"]:
        return "path"
    query: bytes = request.scope["query_string"]
    if b"%00" not in query and b"\x00" not in query:
        return None  # the usual case, without parsing the query string
    for key, value in request.query_params.multi_items():
        if NUL in key or NUL in value:
            return key.replace(NUL, "\\u0000")
    return None


def _in_body(body: bytes) -> str | None:
    # A JSON string can only hold a NUL as the escape \u0000, or as a raw zero byte in a
    # UTF-16 or UTF-32 body: other bodies are not parsed a second time.
    if b"\\u0000" not in body and b"\x00" not in body:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None  # the route answers for a body that is not JSON
    return next(_nul_locations(document, ()), None)


def _nul_locations(value: Any, path: tuple[str, ...]) -> Iterator[str]:
    if isinstance(value, str):
        if NUL in value:
            yield ".".join(path) or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = key.replace(NUL, "\\u0000")
            if NUL in key:
                yield ".".join((*path, name))
            yield from _nul_locations(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_locations(item, (*path, str(index)))

"""Institutions from Plaid, cached: they change rarely and every bank card shows one."""

from __future__ import annotations

import time
from typing import Any

from pattern.context import AppContext
from pattern.kit.errors import NotFound
from pattern.plaid.errors import PlaidApiError

CACHE_SECONDS = 24 * 3600
_cache: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}


async def get_institution(context: AppContext, institution_id: str) -> dict[str, Any]:
    key = (context.settings.plaid_env.value, institution_id)
    cached = _cache.get(key)
    if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
        return cached[1]
    try:
        response = await context.plaid.get_institution(institution_id)
    except PlaidApiError as error:
        if error.error_code in {"INVALID_INSTITUTION", "INSTITUTION_NOT_FOUND", "INVALID_FIELD"}:
            raise NotFound("Institution not found.") from error
        raise
    institution: dict[str, Any] = response["institution"]
    _cache[key] = (time.monotonic(), institution)
    return institution


async def list_institutions(context: AppContext, *, count: int, offset: int) -> dict[str, Any]:
    response = await context.plaid.get_institutions(count=count, offset=offset)
    return {"institutions": response["institutions"], "total": response.get("total")}

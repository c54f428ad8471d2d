"""Institutions from Plaid, cached: they change rarely and every bank card shows one."""

from __future__ import annotations

import time
from typing import Any

from pattern.kit.errors import NotFound
from pattern.plaid.client import PlaidClient
from pattern.plaid.errors import PlaidApiError

CACHE_SECONDS = 24 * 3600


class Institutions:
    def __init__(self, plaid: PlaidClient) -> None:
        self._plaid = plaid
        self._cache: dict[str, tuple[float, dict[str, Any]]] = {}

    async def get(self, institution_id: str) -> dict[str, Any]:
        cached = self._cache.get(institution_id)
        if cached and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        try:
            response = await self._plaid.get_institution(institution_id)
        except PlaidApiError as error:
            if error.error_code in {
                "INVALID_INSTITUTION",
                "INSTITUTION_NOT_FOUND",
                "INVALID_FIELD",
            }:
                raise NotFound("Institution not found.") from error
            raise
        institution: dict[str, Any] = response["institution"]
        self._cache[institution_id] = (time.monotonic(), institution)
        return institution

    async def page(self, *, count: int, offset: int) -> dict[str, Any]:
        response = await self._plaid.get_institutions(count=count, offset=offset)
        return {"institutions": response["institutions"], "total": response.get("total")}

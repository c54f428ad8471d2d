from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

# The databases' largest integer: a larger OFFSET overflows them (on SQLite already in Python).
MAX_OFFSET = 2**63 - 1


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


async def page_params(
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


Pagination = Annotated[PageParams, Depends(page_params)]

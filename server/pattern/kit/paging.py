"""List routes' pages: limit and offset from the query, the total in X-Total-Count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Query, Response

T = TypeVar("T")

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


PageQuery = Annotated[PageParams, Depends(page_params)]


def with_total(response: Response, rows: list[T], total: int) -> list[T]:
    """A page of a list, with the whole list's length in the X-Total-Count header."""
    response.headers["X-Total-Count"] = str(total)
    return rows

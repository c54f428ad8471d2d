from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from pattern.auth.deps import CurrentUser
from pattern.institutions import service
from pattern.kit.deps import ContextDep

router = APIRouter(prefix="/institutions", tags=["institutions"])


@router.get("")
async def list_institutions(
    _: CurrentUser,
    context: ContextDep,
    count: Annotated[int, Query(ge=1, le=500)] = 200,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Plaid's institutions, a page at a time."""
    return await service.list_institutions(context, count=count, offset=offset)


@router.get("/{institution_id}")
async def get_institution(
    institution_id: Annotated[str, Path(max_length=128, pattern=r"^[A-Za-z0-9_]+$")],
    _: CurrentUser,
    context: ContextDep,
) -> dict[str, Any]:
    """One institution with its logo, colour and URL (cached)."""
    return await service.get_institution(context, institution_id)

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from pattern.auth.deps import CurrentUser
from pattern.institutions.schemas import InstitutionPage, InstitutionRead
from pattern.institutions.service import Institutions
from pattern.kit.deps import provided

router = APIRouter(prefix="/institutions", tags=["institutions"])

InstitutionsDep = Annotated[Institutions, Depends(provided(Institutions))]


@router.get("", response_model=InstitutionPage)
async def list_institutions(
    _: CurrentUser,
    institutions: InstitutionsDep,
    count: Annotated[int, Query(ge=1, le=500)] = 200,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> dict[str, Any]:
    """Plaid's institutions, a page at a time."""
    return await institutions.page(count=count, offset=offset)


@router.get("/{institution_id}", response_model=InstitutionRead)
async def get_institution(
    institution_id: Annotated[str, Path(max_length=128, pattern=r"^[A-Za-z0-9_]+$")],
    _: CurrentUser,
    institutions: InstitutionsDep,
) -> dict[str, Any]:
    """One institution with its logo, colour and URL (cached)."""
    return await institutions.get(institution_id)

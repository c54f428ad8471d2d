from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from pattern.assets import repository, service
from pattern.assets.schemas import AssetRead, AssetWrite
from pattern.auth.deps import CurrentUser, PathUser, load_owned
from pattern.kit.deps import SessionDep
from pattern.models import Asset

router = APIRouter(tags=["assets"])


async def get_owned_asset(asset_id: int, user: CurrentUser, session: SessionDep) -> Asset:
    return await load_owned(session, Asset, asset_id, user, "Asset")


OwnedAsset = Annotated[Asset, Depends(get_owned_asset)]


@router.get("/users/{user_id}/assets", response_model=list[AssetRead])
async def list_assets(user: PathUser, session: SessionDep) -> list[AssetRead]:
    """Manual assets and debts."""
    return [AssetRead.model_validate(a) for a in await repository.list_for_user(session, user.id)]


@router.post("/assets", status_code=201, response_model=AssetRead)
async def create_asset(body: AssetWrite, user: CurrentUser, session: SessionDep) -> AssetRead:
    """Add an asset (positive value) or a debt (negative value)."""
    return AssetRead.model_validate(await service.create_asset(session, user.id, body))


@router.put("/assets/{asset_id}", response_model=AssetRead)
async def update_asset(body: AssetWrite, asset: OwnedAsset, session: SessionDep) -> AssetRead:
    """Change an asset's description, value or currency."""
    return AssetRead.model_validate(await service.update_asset(session, asset, body))


@router.delete("/assets/{asset_id}", status_code=204)
async def delete_asset(asset: OwnedAsset, session: SessionDep) -> None:
    """Remove an asset."""
    await service.delete_asset(session, asset)

"""Manual assets (a house, a car) and debts (negative values), part of net worth."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.assets.schemas import AssetWrite
from pattern.models import Asset
from pattern.net_worth.service import record_today


async def create_asset(session: AsyncSession, user_id: int, body: AssetWrite) -> Asset:
    asset = Asset(user_id=user_id, **body.model_dump())
    session.add(asset)
    await session.flush()
    await record_today(session, user_id)
    return asset


async def update_asset(session: AsyncSession, asset: Asset, body: AssetWrite) -> Asset:
    for name, value in body.model_dump().items():
        setattr(asset, name, value)
    await session.flush()
    await record_today(session, asset.user_id)
    return asset


async def delete_asset(session: AsyncSession, asset: Asset) -> None:
    user_id = asset.user_id
    await session.delete(asset)
    await session.flush()
    await record_today(session, user_id)

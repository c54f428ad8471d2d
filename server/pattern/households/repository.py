"""The shares' SQL."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account, Item, Share, ShareAccount, User


async def given(session: AsyncSession, owner_id: int) -> Sequence[Share]:
    found = await session.scalars(
        select(Share).where(Share.owner_id == owner_id).order_by(Share.id)
    )
    return found.all()


async def received(session: AsyncSession, member_id: int) -> Sequence[Share]:
    found = await session.scalars(
        select(Share).where(Share.member_id == member_id).order_by(Share.id)
    )
    return found.all()


async def between(session: AsyncSession, owner_id: int, member_id: int) -> Share | None:
    found: Share | None = await session.scalar(
        select(Share).where(Share.owner_id == owner_id, Share.member_id == member_id)
    )
    return found


async def by_invite(session: AsyncSession, invite_hash: str) -> Share | None:
    found: Share | None = await session.scalar(
        select(Share).where(Share.invite_hash == invite_hash).with_for_update()
    )
    return found


async def account_ids(session: AsyncSession, share_ids: Collection[int]) -> dict[int, list[int]]:
    """The shared accounts of each share, by share id."""
    found: dict[int, list[int]] = {share_id: [] for share_id in share_ids}
    rows = await session.execute(
        select(ShareAccount.share_id, ShareAccount.account_id)
        .where(ShareAccount.share_id.in_(sorted(share_ids)))
        .order_by(ShareAccount.account_id)
    )
    for share_id, account_id in rows:
        found[share_id].append(account_id)
    return found


async def owned_accounts(session: AsyncSession, owner_id: int, ids: Collection[int]) -> set[int]:
    """Those of `ids` that are accounts of the owner's."""
    found = await session.scalars(
        select(Account.id)
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == owner_id, Account.id.in_(sorted(ids)))
    )
    return set(found)


async def set_accounts(session: AsyncSession, share_id: int, ids: Collection[int]) -> None:
    await session.execute(delete(ShareAccount).where(ShareAccount.share_id == share_id))
    session.add_all(ShareAccount(share_id=share_id, account_id=i) for i in sorted(ids))


async def users_named(session: AsyncSession, ids: Collection[int]) -> dict[int, str]:
    rows = await session.execute(select(User.id, User.username).where(User.id.in_(sorted(ids))))
    return {row.id: row.username for row in rows}


async def members_seeing_item(session: AsyncSession, owner_id: int, item_id: int) -> list[int]:
    """The members of the owner's shares that include an account of the item."""
    found = await session.scalars(
        select(Share.member_id)
        .join(ShareAccount, ShareAccount.share_id == Share.id)
        .join(Account, Account.id == ShareAccount.account_id)
        .where(
            Share.owner_id == owner_id,
            Share.member_id.is_not(None),
            Account.item_id == item_id,
        )
        .distinct()
    )
    return [member_id for member_id in found if member_id is not None]

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.models import Account, Item, SyncRequest, Transaction

# Every query here is of the items banks stand behind: the manual item (pattern.manual) is
# no bank, and no Plaid call, sync or webhook may reach it.
BANKS = Item.manual.is_(False)


async def get_for_user(session: AsyncSession, item_id: int, user_id: int) -> Item | None:
    result = await session.scalars(
        select(Item).where(Item.id == item_id, Item.user_id == user_id, BANKS)
    )
    return result.first()


async def find_by_institution(
    session: AsyncSession, user_id: int, institution_id: str
) -> Item | None:
    result = await session.scalars(
        select(Item).where(Item.user_id == user_id, Item.plaid_institution_id == institution_id)
    )
    return result.first()


async def list_for_user(session: AsyncSession, user_id: int) -> Sequence[Item]:
    return (
        await session.scalars(select(Item).where(Item.user_id == user_id, BANKS).order_by(Item.id))
    ).all()


async def delete(session: AsyncSession, item_id: int) -> None:
    """Removes an item; its accounts and transactions go with it (ON DELETE CASCADE)."""
    await session.execute(sql_delete(Item).where(Item.id == item_id))


# Plaid item ids looked up in one query: well under any driver's bound-parameter limit.
_LOOKUP_CHUNK = 500


async def ids_by_plaid_id(
    session: AsyncSession, plaid_item_ids: Iterable[str]
) -> dict[str, tuple[int, int]]:
    """Our id and the owner's, for each of `plaid_item_ids` that names an item here."""
    wanted = sorted(plaid_item_ids)
    found: dict[str, tuple[int, int]] = {}
    for start in range(0, len(wanted), _LOOKUP_CHUNK):
        rows = await session.execute(
            select(Item.plaid_item_id, Item.id, Item.user_id).where(
                Item.plaid_item_id.in_(wanted[start : start + _LOOKUP_CHUNK]), BANKS
            )
        )
        found.update((plaid_id, (item_id, user_id)) for plaid_id, item_id, user_id in rows)
    return found


async def transaction_counts(session: AsyncSession, item_ids: Sequence[int]) -> dict[int, int]:
    """How many transactions each item's accounts hold."""
    if not item_ids:
        return {}
    rows = await session.execute(
        select(Account.item_id, func.count())
        .join(Transaction, Transaction.account_id == Account.id)
        .where(Account.item_id.in_(item_ids))
        .group_by(Account.item_id)
    )
    return {item_id: int(count) for item_id, count in rows}


async def sync_errors(session: AsyncSession, item_ids: Sequence[int]) -> dict[int, str]:
    """Why each item's last sync failed, of those the server is trying again or gave up on
    (pattern.sync.storage.requests). A failure only the person can mend (a new login) ends
    the attempts; it is the item's own error_code, not this."""
    if not item_ids:
        return {}
    requests = SyncRequest.__table__.c
    rows = await session.execute(
        select(requests.item_id, requests.last_error).where(
            requests.item_id.in_(item_ids),
            requests.last_error.is_not(None),
            or_(requests.attempts > 0, requests.dead_at.is_not(None)),
        )
    )
    return {int(item_id): str(error) for item_id, error in rows}


async def with_other_webhook(session: AsyncSession, url: str) -> list[tuple[int, int, str]]:
    """The id, owner and encrypted access token of each live item whose webhooks go
    somewhere other than `url`."""
    rows = await session.execute(
        select(Item.id, Item.user_id, Item.plaid_access_token_encrypted).where(
            Item.archived.is_(False),
            BANKS,
            or_(Item.webhook_url.is_(None), Item.webhook_url != url),
        )
    )
    return [(item_id, user_id, encrypted) for item_id, user_id, encrypted in rows]


async def set_webhook_url(session: AsyncSession, item_id: int, url: str) -> None:
    await session.execute(update(Item).where(Item.id == item_id).values(webhook_url=url))


async def get(session: AsyncSession, item_id: int) -> Item | None:
    return await session.get(Item, item_id)


async def set_new_accounts_available(session: AsyncSession, item_id: int, available: bool) -> None:
    await session.execute(
        update(Item).where(Item.id == item_id).values(new_accounts_available=available)
    )


async def items_of_accounts(session: AsyncSession, account_ids: Collection[int]) -> set[int]:
    found = await session.scalars(
        select(Account.item_id).where(Account.id.in_(sorted(account_ids))).distinct()
    )
    return set(found)

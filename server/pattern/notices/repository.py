"""The notices' SQL: the notices, the person's setting, and what notices knew before."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import (
    Account,
    Item,
    Notice,
    NoticeItem,
    NoticeSettings,
    NoticeStream,
    Transaction,
    User,
)

# Ids in one IN (...): well under SQLite's and asyncpg's limits on parameters.
IDS_AT_ONCE = 500


@dataclass(frozen=True)
class Payment:
    transaction_id: str
    date: date
    amount: Decimal
    currency: str | None


async def user(session: AsyncSession, user_id: int) -> User | None:
    """The person, None once they are gone."""
    return await session.get(User, user_id)


async def bill_due_days(session: AsyncSession, user_id: int) -> int | None:
    days: int | None = await session.scalar(
        select(NoticeSettings.bill_due_days).where(NoticeSettings.user_id == user_id)
    )
    return days


async def save_bill_due_days(session: AsyncSession, user_id: int, days: int) -> None:
    statement = insert_for(session, NoticeSettings).values(user_id=user_id, bill_due_days=days)
    await session.execute(
        statement.on_conflict_do_update(index_elements=["user_id"], set_={"bill_due_days": days})
    )


async def items_by_account(session: AsyncSession, user_id: int) -> dict[int, int]:
    """Each of the person's accounts, and its item."""
    result = await session.execute(
        select(Account.id, Account.item_id)
        .join(Item, Item.id == Account.item_id)
        .where(Item.user_id == user_id)
    )
    return dict(result.all())


async def items_with_history(session: AsyncSession, user_id: int, status: str) -> set[int]:
    """The person's items whose transactions_update_status is `status`; the manual item too
    (its history is whatever the person typed: whole from the start)."""
    found = await session.scalars(
        select(Item.id).where(
            Item.user_id == user_id,
            or_(Item.transactions_update_status == status, Item.manual.is_(True)),
        )
    )
    return set(found)


async def known_items(session: AsyncSession, user_id: int) -> set[int]:
    found = await session.scalars(select(NoticeItem.item_id).where(NoticeItem.user_id == user_id))
    return set(found)


async def remember_items(session: AsyncSession, user_id: int, item_ids: Iterable[int]) -> None:
    rows = [{"item_id": item_id, "user_id": user_id} for item_id in item_ids]
    if rows:
        insert = insert_for(session, NoticeItem).values(rows)
        await session.execute(insert.on_conflict_do_nothing(index_elements=["item_id"]))


async def known_streams(session: AsyncSession, user_id: int) -> dict[str, NoticeStream]:
    found = await session.scalars(select(NoticeStream).where(NoticeStream.user_id == user_id))
    return {s.stream_id: s for s in found}


async def remember_stream(
    session: AsyncSession,
    user_id: int,
    stream_id: str,
    *,
    last_transaction_id: str | None,
    quiet_due_date: date | None,
) -> None:
    """Record a stream, or its latest payment (and a due date passed over in silence) if it
    is recorded already."""
    insert = insert_for(session, NoticeStream).values(
        user_id=user_id,
        stream_id=stream_id,
        last_transaction_id=last_transaction_id,
        quiet_due_date=quiet_due_date,
    )
    await session.execute(
        insert.on_conflict_do_update(
            index_elements=["user_id", "stream_id"],
            set_={"last_transaction_id": last_transaction_id}
            | ({"quiet_due_date": quiet_due_date} if quiet_due_date else {}),
        )
    )


async def payments(
    session: AsyncSession, user_id: int, transaction_ids: Iterable[str]
) -> dict[str, Payment]:
    """The person's transactions of these (Plaid) ids, by id."""
    ids = list(dict.fromkeys(transaction_ids))
    found: dict[str, Payment] = {}
    for start in range(0, len(ids), IDS_AT_ONCE):
        result = await session.execute(
            select(
                Transaction.plaid_transaction_id,
                Transaction.date,
                Transaction.amount,
                Transaction.iso_currency_code,
            ).where(
                Transaction.user_id == user_id,
                Transaction.plaid_transaction_id.in_(ids[start : start + IDS_AT_ONCE]),
            )
        )
        found.update((row[0], Payment(*row)) for row in result)
    return found


async def add_notice(session: AsyncSession, user_id: int, values: Mapping[str, Any]) -> int | None:
    """The new notice's id; None when the person has one of this dedupe key already."""
    insert = insert_for(session, Notice).values(user_id=user_id, **values)
    notice_id: int | None = await session.scalar(
        insert.on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"]).returning(Notice.id)
    )
    return notice_id


async def told_keys(session: AsyncSession, user_id: int, keys: list[str]) -> set[str]:
    """Which of these dedupe keys the person has a notice of already."""
    if not keys:
        return set()
    found = await session.scalars(
        select(Notice.dedupe_key).where(Notice.user_id == user_id, Notice.dedupe_key.in_(keys))
    )
    return set(found)


async def notices_by_id(session: AsyncSession, ids: list[int]) -> list[Notice]:
    found = await session.scalars(select(Notice).where(Notice.id.in_(ids)).order_by(Notice.id))
    return list(found)


async def newest(session: AsyncSession, user_id: int, limit: int) -> list[Notice]:
    found = await session.scalars(
        select(Notice).where(Notice.user_id == user_id).order_by(Notice.id.desc()).limit(limit)
    )
    return list(found)


async def unread_count(session: AsyncSession, user_id: int) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Notice)
        .where(Notice.user_id == user_id, Notice.read_at.is_(None))
    )
    return int(count or 0)


async def mark_read(
    session: AsyncSession, user_id: int, ids: list[int] | None, now: datetime
) -> int:
    """Mark the person's unread notices of these ids (None: all) read; how many were."""
    statement = (
        update(Notice)
        .where(Notice.user_id == user_id, Notice.read_at.is_(None))
        .values(read_at=now)
        .execution_options(synchronize_session=False)
    )
    if ids is not None:
        statement = statement.where(Notice.id.in_(ids))
    result = await session.execute(statement)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

"""Notices from the person's recurring streams: a new subscription, a price rise, a bill due.

Each is made once (a dedupe key per person). What notices already knew of the streams is kept
(pattern.models.notices), so a stream Pattern just had not seen yet is not told as new: on
the first run for a person, and for the streams of a bank whose history is still arriving
or has just arrived, the streams are recorded in silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.errors import Unprocessable
from pattern.models import User
from pattern.models.base import utcnow
from pattern.models.notices import NoticeStream
from pattern.notices import repository, texts
from pattern.notices.repository import Payment
from pattern.notices.schemas import (
    NoticeList,
    NoticeRead,
    NoticeSettingsRead,
    NoticeSettingsWrite,
    NoticesMarked,
    NoticesMarkRead,
)
from pattern.recurring import service as recurring
from pattern.recurring.schemas import StreamRead
from pattern.recurring.service import Refresher

DEFAULT_BILL_DUE_DAYS = 3
# Plaid's transactions_update_status once an item's whole history is stored.
HISTORY_COMPLETE = "HISTORICAL_UPDATE_COMPLETE"
OUTFLOW_KINDS = frozenset({"bill", "subscription"})


async def make(
    session: AsyncSession, user: User, refresher: Refresher, today: date
) -> list[NoticeRead]:
    """Make the notices the person's streams call for today; the new ones, oldest first.
    The caller commits, then tells the person's sockets."""
    user_id = user.id
    streams = (await recurring.read(session, user, refresher, today)).streams
    seen = await _Seen.load(session, user_id, streams)
    due = _due_soon(streams, today, await _bill_due_days(session, user_id))
    wanted: list[dict[str, Any]] = []
    for stream in streams:
        quiet = seen.item_of.get(stream.account_id) not in seen.items
        payments = seen.payments_of(stream)
        due_date = due.get(stream.stream_id)
        record = seen.streams.get(stream.stream_id)
        if not quiet:
            wanted += _notices(stream, record, payments, due_date, today)
        latest = payments[-1].transaction_id if payments else None
        quiet_due = due_date if quiet else None
        if record is None or record.last_transaction_id != latest or quiet_due:
            await repository.remember_stream(
                session,
                user_id,
                stream.stream_id,
                last_transaction_id=latest,
                quiet_due_date=quiet_due,
            )
    made = await _add(session, user_id, wanted)
    await repository.remember_items(session, user_id, seen.complete - seen.items)
    return [NoticeRead.model_validate(n, from_attributes=True) for n in await _read(session, made)]


@dataclass
class _Seen:
    """What the run reads besides the streams: the accounts' items, the items whose whole
    history notices knew before this run, the streams recorded, the payments by id."""

    item_of: dict[int, int]
    items: set[int]
    complete: set[int]
    streams: dict[str, NoticeStream]
    by_id: dict[str, Payment] = field(default_factory=dict)

    @classmethod
    async def load(cls, session: AsyncSession, user_id: int, streams: list[StreamRead]) -> _Seen:
        ids = (t for s in streams for t in s.transaction_ids)
        return cls(
            item_of=await repository.items_by_account(session, user_id),
            items=await repository.known_items(session, user_id),
            complete=await repository.items_with_history(session, user_id, HISTORY_COMPLETE),
            streams=await repository.known_streams(session, user_id),
            by_id=await repository.payments(session, user_id, ids),
        )

    def payments_of(self, stream: StreamRead) -> list[Payment]:
        found = [self.by_id[t] for t in stream.transaction_ids if t in self.by_id]
        return sorted(found, key=lambda p: (p.date, p.transaction_id))


def _notices(
    stream: StreamRead,
    record: NoticeStream | None,
    payments: list[Payment],
    due_date: date | None,
    today: date,
) -> list[dict[str, Any]]:
    """The notices one stream calls for (the dedupe keys keep those told before out)."""
    if not stream.is_active or stream.not_recurring or stream.kind not in OUTFLOW_KINDS:
        return []
    name = stream.merchant_name or stream.description
    currency = payments[-1].currency if payments else None
    found = []
    if record is None and stream.kind == "subscription":
        amount = texts.money(stream.last_amount, currency)
        title, detail = texts.new_subscription(name, amount, stream.frequency, stream.first_date)
        found.append(
            _notice("new_subscription", stream, title, detail, stream.last_amount, None, "")
        )
    if record is not None and len(payments) >= 2:
        before, latest = payments[-2], payments[-1]
        if latest.transaction_id != record.last_transaction_id and latest.amount > before.amount:
            old, new = texts.money(before.amount, currency), texts.money(latest.amount, currency)
            title, detail = texts.price_rise(name, old, new, latest.date)
            found.append(
                _notice(
                    "price_rise", stream, title, detail, latest.amount, None, latest.transaction_id
                )
            )
    if due_date is not None and (record is None or record.quiet_due_date != due_date):
        amount = texts.money(stream.expected_amount, currency)
        title, detail = texts.bill_due(name, amount, due_date, today)
        found.append(
            _notice(
                "bill_due",
                stream,
                title,
                detail,
                stream.expected_amount,
                due_date,
                due_date.isoformat(),
            )
        )
    return found


def _notice(
    kind: str,
    stream: StreamRead,
    title: str,
    detail: str,
    amount: Any,
    due_date: date | None,
    about: str,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "stream_id": stream.stream_id,
        "title": title[:200],
        "detail": detail[:500],
        "amount": amount,
        "due_date": due_date,
        "dedupe_key": ":".join(filter(None, (kind, stream.stream_id, about))),
    }


def _due_soon(streams: list[StreamRead], today: date, days: int) -> dict[str, date]:
    """The next day each active bill or subscription is due, if within `days` of today."""
    if days <= 0:
        return {}
    due = {}
    for stream in streams:
        if stream.is_active and not stream.not_recurring and stream.kind in OUTFLOW_KINDS:
            dates = recurring.due_dates(stream, today, days)
            if dates:
                due[stream.stream_id] = dates[0]
    return due


async def _add(session: AsyncSession, user_id: int, wanted: list[dict[str, Any]]) -> list[int]:
    """The ids of the notices made; those told before (their keys) are not tried again."""
    told = await repository.told_keys(session, user_id, [w["dedupe_key"] for w in wanted])
    made = []
    for values in wanted:
        if values["dedupe_key"] not in told:
            notice_id = await repository.add_notice(session, user_id, values)
            if notice_id is not None:
                made.append(notice_id)
    return made


async def _read(session: AsyncSession, ids: list[int]) -> list[Any]:
    return await repository.notices_by_id(session, ids) if ids else []


async def _bill_due_days(session: AsyncSession, user_id: int) -> int:
    days = await repository.bill_due_days(session, user_id)
    return DEFAULT_BILL_DUE_DAYS if days is None else days


async def newest(session: AsyncSession, user_id: int, limit: int) -> NoticeList:
    notices = await repository.newest(session, user_id, limit)
    return NoticeList(
        notices=[NoticeRead.model_validate(n, from_attributes=True) for n in notices],
        unread=await repository.unread_count(session, user_id),
    )


async def mark_read(session: AsyncSession, user_id: int, body: NoticesMarkRead) -> NoticesMarked:
    if body.all == (body.ids is not None):
        raise Unprocessable("Give either ids or all: true.")
    marked = await repository.mark_read(session, user_id, None if body.all else body.ids, utcnow())
    return NoticesMarked(marked=marked, unread=await repository.unread_count(session, user_id))


async def read_settings(session: AsyncSession, user_id: int) -> NoticeSettingsRead:
    return NoticeSettingsRead(bill_due_days=await _bill_due_days(session, user_id))


async def write_settings(
    session: AsyncSession, user_id: int, body: NoticeSettingsWrite
) -> NoticeSettingsRead:
    await repository.save_bill_due_days(session, user_id, body.bill_due_days)
    return NoticeSettingsRead(bill_due_days=body.bill_due_days)

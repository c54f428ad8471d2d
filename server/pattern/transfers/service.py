"""Transfers between a person's own accounts: matching them into pairs after each sync
pass and on demand, and the person's decisions (confirm, unmatch, match by hand).

Every write here first bumps the user's data_version (which also locks the user's row on
PostgreSQL): figures cached before a pair changed are not served after, and two passes of
one person's items never match the same transactions at once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.errors import BadRequest, Conflict, NotFound
from pattern.models import Transaction, TransferPair, User
from pattern.transfers import repository
from pattern.transfers.matching import MAX_DAYS, find_pairs
from pattern.transfers.repository import SIDE_KEYS, Window
from pattern.transfers.schemas import (
    TransferCandidate,
    TransferLink,
    TransferRead,
    TransferSide,
)
from pattern.users.data_version import EVERY_DAY, days_changed, user_data_changed

# More windows than this are read as one, from the first day to the last.
MAX_WINDOWS = 20
# More transactions joining or leaving pairs than this mark every day changed.
MAX_LOOKED_UP = 1000
# How far apart a pair matched by hand may be, and how many candidates are offered.
CANDIDATE_DAYS = 10
CANDIDATE_LIMIT = 20


def windows_around(days: Iterable[date]) -> list[Window]:
    """The days within MAX_DAYS of `days`, as few ranges as possible."""
    pad = timedelta(days=MAX_DAYS)
    windows: list[Window] = []
    for day in sorted(set(days)):
        if windows and day - pad <= windows[-1][1] + timedelta(days=1):
            windows[-1] = (windows[-1][0], day + pad)
        else:
            windows.append((day - pad, day + pad))
    if len(windows) > MAX_WINDOWS:
        return [(windows[0][0], windows[-1][1])]
    return windows


async def match_user(
    session: AsyncSession, user_id: int, changed_days: Collection[date] | None = None
) -> int:
    """Match the user's transactions into pairs; returns how many pairs it made.

    `changed_days`: the dates of the transactions a sync pass wrote, so only the
    transactions near them are looked at; None, or a user never matched before (their
    history predates transfers), looks at all of them.
    """
    await user_data_changed(session, user_id, days=())
    user = await session.get(User, user_id)
    if user is None:
        return 0
    paired = await repository.paired_ids(session, user_id)
    made = await _match(session, user, changed_days)
    await _pairs_changed(session, user_id, paired ^ await repository.paired_ids(session, user_id))
    return made


async def _match(session: AsyncSession, user: User, changed_days: Collection[date] | None) -> int:
    await repository.follow_posted(session, user.id)
    everything = changed_days is None or not user.transfers_matched
    windows = None if everything else windows_around(changed_days or ())
    if windows == []:
        return 0
    candidates = await repository.unpaired(session, user.id, windows)
    matches = find_pairs(candidates, await repository.refused(session, user.id))
    await repository.add_pairs(session, user.id, matches)
    user.transfers_matched = True
    await session.flush()
    return len(matches)


async def _pairs_changed(session: AsyncSession, user_id: int, plaid_ids: set[str]) -> None:
    """The transactions that joined or left a pair now count differently: mark their days
    (every day when there are too many to look up)."""
    if len(plaid_ids) > MAX_LOOKED_UP:
        await days_changed(session, user_id, EVERY_DAY)
    elif plaid_ids:
        await days_changed(session, user_id, await repository.dates_of(session, user_id, plaid_ids))


def _side(values: Iterable[Any]) -> TransferSide:
    return TransferSide.model_validate(dict(zip(SIDE_KEYS, values, strict=True)))


def _read(row: tuple[Any, ...]) -> TransferRead:
    width = len(SIDE_KEYS)
    sides = row[3:]
    return TransferRead(
        id=row[0],
        status=row[1],
        created_at=row[2],
        outflow=_side(sides[:width]),
        inflow=_side(sides[width:]),
    )


async def list_pairs(session: AsyncSession, user_id: int) -> list[TransferRead]:
    return [_read(row) for row in await repository.pairs_with_transactions(session, user_id)]


async def read_pair(session: AsyncSession, pair: TransferPair) -> TransferRead:
    rows = await repository.pairs_with_transactions(session, pair.user_id, pair_id=pair.id)
    if not rows:
        raise NotFound("Transfer not found.")
    return _read(rows[0])


async def confirm(session: AsyncSession, pair: TransferPair) -> TransferRead:
    """The person says the pair is a transfer: later matching never undoes it."""
    await user_data_changed(session, pair.user_id, days=())  # still a pair: counts the same
    if pair.status == "auto":
        pair.status = "confirmed"
        await session.flush()
    return await read_pair(session, pair)


async def unmatch(session: AsyncSession, pair: TransferPair) -> None:
    """The person says the two are not one transfer: the matching never pairs them again,
    and each counts as what its category says (a transfer category still is one)."""
    sides = {pair.outflow_transaction_id, pair.inflow_transaction_id}
    await user_data_changed(
        session, pair.user_id, days=await repository.dates_of(session, pair.user_id, sides)
    )
    await repository.refuse(
        session, pair.user_id, pair.outflow_transaction_id, pair.inflow_transaction_id
    )
    await session.delete(pair)
    await session.flush()


def _check_pairable(first: Transaction, second: Transaction) -> tuple[Transaction, Transaction]:
    """(outflow, inflow) of two transactions a person matches by hand; BadRequest if they
    cannot be one transfer."""
    if first.id == second.id:
        raise BadRequest("A transfer needs two different transactions.")
    if first.account_id == second.account_id:
        raise BadRequest("Both transactions are on the same account.")
    if (first.amount > 0) == (second.amount > 0) or first.amount == 0 or second.amount == 0:
        raise BadRequest(
            "A transfer needs money out of one account and into the other:"
            " one positive amount and one negative."
        )
    return (first, second) if first.amount > 0 else (second, first)


async def match_by_hand(
    session: AsyncSession, user: User, transaction_ids: list[int]
) -> TransferRead:
    await user_data_changed(session, user.id, days=())  # first: it locks the user's row
    found = [await session.get(Transaction, id_) for id_ in transaction_ids]
    transactions = [tx for tx in found if tx is not None and tx.user_id == user.id]
    if len(transactions) != len(transaction_ids):
        raise NotFound("Transaction not found.")
    outflow, inflow = _check_pairable(*transactions)
    for tx in (outflow, inflow):
        if await repository.pair_of(session, tx.plaid_transaction_id) is not None:
            raise Conflict(
                f"Transaction {tx.id} is already in a transfer: unmatch it first.",
                code="already_paired",
            )
    await repository.forget_refusal(
        session, outflow.plaid_transaction_id, inflow.plaid_transaction_id
    )
    pair = TransferPair(
        user_id=user.id,
        outflow_transaction_id=outflow.plaid_transaction_id,
        inflow_transaction_id=inflow.plaid_transaction_id,
        status="manual",
    )
    session.add(pair)
    await session.flush()
    await days_changed(session, user.id, {outflow.date, inflow.date})
    return await read_pair(session, pair)


async def candidates(session: AsyncSession, transaction: Transaction) -> list[TransferCandidate]:
    """What the transaction could be matched with by hand: the closest amounts, then dates."""
    rows = await repository.candidates_for(
        session, transaction, days=CANDIDATE_DAYS, limit=CANDIDATE_LIMIT * 5
    )
    found = [
        TransferCandidate(
            id=row[0],
            name=row[1],
            amount=row[2],
            iso_currency_code=row[3],
            date=row[4],
            account_id=row[5],
            account_name=row[6],
            institution_name=row[7],
        )
        for row in rows
    ]
    found.sort(
        key=lambda c: (abs(c.amount + transaction.amount), abs((c.date - transaction.date).days))
    )
    return found[:CANDIDATE_LIMIT]


async def links(session: AsyncSession, plaid_ids: list[str]) -> dict[str, TransferLink]:
    """The pair of each of the transactions (by Plaid id) that is in one."""
    return {
        row[0]: TransferLink(
            id=row[1],
            status=row[2],
            other_transaction_id=row[3],
            other_account_id=row[4],
            other_account_name=row[5],
        )
        for row in await repository.links_of(session, plaid_ids)
    }

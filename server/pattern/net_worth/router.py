from __future__ import annotations

from fastapi import APIRouter

from pattern.accounts.deps import OwnedAccount
from pattern.auth.deps import CurrentUser, PathUser
from pattern.households.deps import PathView
from pattern.kit import clock
from pattern.kit.deps import SessionDep
from pattern.net_worth import account_history, reconstruction, repository, service
from pattern.net_worth.schemas import (
    BalanceRead,
    DayBalanceRead,
    DayWorthRead,
    NetWorthRead,
    SnapshotRead,
)

router = APIRouter(tags=["net worth"])


@router.get("/users/{user_id}/net-worth", response_model=list[NetWorthRead])
async def net_worth(view: PathView, session: SessionDep) -> list[NetWorthRead]:
    """Net worth now, per currency: assets minus liabilities, exact to the cent. To a
    member of a share, of the shared accounts."""
    return [
        NetWorthRead(
            currency=worth.currency,
            assets=worth.assets,
            liabilities=worth.liabilities,
            net_worth=worth.net_worth,
        )
        for worth in await service.current_net_worth(session, view.owner.id, view.shown)
    ]


@router.get("/users/{user_id}/net-worth/history", response_model=list[SnapshotRead])
async def net_worth_history(user: PathUser, session: SessionDep) -> list[SnapshotRead]:
    """Daily snapshots for the last 30 days, then the last snapshot of each month."""
    return [
        SnapshotRead.model_validate(row) for row in await repository.snapshots(session, user.id)
    ]


@router.get("/users/{user_id}/net-worth/daily", response_model=list[DayWorthRead])
async def net_worth_daily(view: PathView, session: SessionDep) -> list[DayWorthRead]:
    """Net worth on every day since the first transaction, by type, per currency: worked
    back from today's balances and the transactions, a day's snapshot preferred. To a
    member of a share, of the shared accounts."""
    return [
        DayWorthRead(
            date=day.day,
            currency=day.currency,
            net_worth=day.net_worth,
            from_snapshot=day.from_snapshot,
            **day.parts,
        )
        for day in await reconstruction.daily_net_worth(
            session, view.owner.id, clock.today(view.owner.time_zone), view.shown
        )
    ]


@router.get("/accounts/{account_id}/balance-history", response_model=list[BalanceRead])
async def balance_history(account: OwnedAccount, session: SessionDep) -> list[BalanceRead]:
    """Every balance change seen for the account, oldest first."""
    rows = await repository.balance_history(session, account.id)
    return [BalanceRead.model_validate(row) for row in rows]


@router.get("/accounts/{account_id}/daily-balances", response_model=list[DayBalanceRead])
async def daily_balances(
    account: OwnedAccount, user: CurrentUser, session: SessionDep
) -> list[DayBalanceRead]:
    """The account's balance on every day since its first transaction: worked back from
    today's and the transactions, a day's balance seen by a sync preferred."""
    return [
        DayBalanceRead(date=day.day, balance=day.balance, recorded=day.recorded)
        for day in await account_history.daily_balances(
            session, account, clock.today(user.time_zone)
        )
    ]

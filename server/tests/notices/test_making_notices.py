"""Notices made from crafted recurring streams, on both databases: none on the first run, one
for a new subscription, a price rise and a bill due, never twice; none when told not to."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import select, update

from pattern.app.factory import PatternApp
from pattern.models import Account, Item, User
from pattern.notices import repository, service
from pattern.notices.schemas import NoticeRead
from pattern.recurring import store
from tests.support.factories import make_account, make_item, make_transaction
from tests.support.users import sign_up_and_log_in

COMPLETE = "HISTORICAL_UPDATE_COMPLETE"
JUNE_10, JUNE_15 = date(2026, 6, 10), date(2026, 6, 15)


def monthly(day: int, first_month: int, last_month: int) -> list[date]:
    return [date(2026, month, day) for month in range(first_month, last_month + 1)]


class Person:
    """A person with a bank whose history is whole, a checking account, and two streams:
    Netflix on the 8th (a subscription) and City Power on the 17th (a bill)."""

    def __init__(self, app: PatternApp, user_id: int) -> None:
        self.app = app
        self.user_id = user_id
        self.account_id = 0

    async def open(self, status: str | None = COMPLETE) -> int:
        async with self.app.parts.sessionmaker() as session:
            item = await make_item(session, self.user_id, transactions_update_status=status)
            account = await make_account(session, item.id)
            await session.commit()
        self.account_id = account.id
        return account.id

    async def pay(
        self, name: str, days: list[date], amount: str, category: str, account: int = 0
    ) -> None:
        async with self.app.parts.sessionmaker() as session:
            for day in days:
                await make_transaction(
                    session,
                    account or self.account_id,
                    name=name,
                    merchant_name=name,
                    amount=Decimal(amount),
                    date=day,
                    category=category,
                )
            await session.commit()

    async def make(self, today: date) -> list[NoticeRead]:
        """One run, committed, after the streams are stored as a sync pass stores them
        (forced: the factories bump no data version)."""
        async with self.app.parts.sessionmaker() as session:
            await store.refresh(session, self.user_id, today, force=True)
            user = await session.get(User, self.user_id)
            assert user is not None
            made = await service.make(session, user, self.app.parts.recurring, today)
            await session.commit()
        return made

    async def all_notices(self) -> list[NoticeRead]:
        async with self.app.parts.sessionmaker() as session:
            return (await service.newest(session, self.user_id, 100)).notices

    async def set_days(self, days: int) -> None:
        async with self.app.parts.sessionmaker() as session:
            await repository.save_bill_due_days(session, self.user_id, days)
            await session.commit()


@pytest.fixture
async def person(client: httpx.AsyncClient, app: PatternApp) -> Person:
    user = await sign_up_and_log_in(client)
    someone = Person(app, int(user["id"]))
    await someone.open()
    await someone.pay("Netflix", monthly(8, 1, 6), "15.49", "ENTERTAINMENT")
    await someone.pay("City Power", monthly(17, 1, 5), "90.00", "RENT_AND_UTILITIES")
    return someone


def kinds(notices: list[NoticeRead]) -> list[tuple[str, str]]:
    return [(n.kind, n.title) for n in notices]


async def test_the_first_run_makes_no_notices(person: Person) -> None:
    # City Power is due on June 17, within three days: still nothing on the first run.
    assert await person.make(JUNE_15) == []
    assert await person.make(JUNE_15) == []
    assert await person.all_notices() == []


async def test_a_new_subscription_is_told_once(person: Person) -> None:
    await person.make(JUNE_10)
    await person.pay("Spotify", monthly(1, 3, 6), "11.99", "ENTERTAINMENT")
    # An income stream is no subscription.
    await person.pay("Acme Payroll", monthly(5, 2, 6), "-2000.00", "INCOME")

    made = await person.make(JUNE_10)
    assert kinds(made) == [("new_subscription", "New subscription: Spotify")]
    assert made[0].detail == "$11.99 a month, since Mar 1."
    assert made[0].amount == Decimal("11.99")
    assert await person.make(JUNE_10) == []
    assert kinds(await person.all_notices()) == kinds(made)


async def test_a_price_rise_is_told_once_with_both_amounts(person: Person) -> None:
    await person.pay("City Power", [date(2026, 6, 17)], "90.00", "RENT_AND_UTILITIES")
    await person.make(JUNE_15)
    await person.pay("Netflix", [date(2026, 7, 8)], "17.99", "ENTERTAINMENT")

    made = await person.make(date(2026, 7, 9))
    assert kinds(made) == [("price_rise", "Price rise: Netflix")]
    assert made[0].detail == "Now $17.99, up from $15.49 (charged Jul 8)."
    assert await person.make(date(2026, 7, 9)) == []
    # The same price the month after is no new rise.
    await person.pay("Netflix", [date(2026, 8, 8)], "17.99", "ENTERTAINMENT")
    await person.pay("City Power", [date(2026, 7, 17)], "90.00", "RENT_AND_UTILITIES")
    assert await person.make(date(2026, 8, 9)) == []


async def test_a_bill_due_is_told_once_per_due_date(person: Person) -> None:
    await person.make(JUNE_10)  # City Power is due on June 17: a week away

    made = await person.make(JUNE_15)
    assert kinds(made) == [("bill_due", "Due soon: City Power")]
    assert (made[0].due_date, made[0].amount) == (date(2026, 6, 17), Decimal("90.00"))
    assert made[0].detail == "$90.00 due in 2 days, on Jun 17."
    assert await person.make(date(2026, 6, 16)) == []
    # Paid, the next one (July 17) is told once it is near too.
    await person.pay("City Power", [date(2026, 6, 17)], "90.00", "RENT_AND_UTILITIES")
    assert await person.make(date(2026, 6, 20)) == []
    later = await person.make(date(2026, 7, 16))
    assert [(n.kind, n.due_date) for n in later] == [("bill_due", date(2026, 7, 17))]


async def test_no_bill_due_when_the_setting_is_zero(person: Person) -> None:
    await person.set_days(0)
    await person.make(JUNE_10)
    assert await person.make(JUNE_15) == []
    await person.set_days(7)
    assert kinds(await person.make(JUNE_15)) == [("bill_due", "Due soon: City Power")]


async def test_a_bank_just_linked_brings_no_new_subscriptions(person: Person) -> None:
    await person.make(JUNE_10)
    # A second bank, its history still coming, then whole: its streams are not new.
    second = await person.open(status="INITIAL_UPDATE_COMPLETE")
    await person.pay("Hulu", monthly(3, 2, 6), "7.99", "ENTERTAINMENT", account=second)
    assert await person.make(JUNE_10) == []
    await set_status(person, second, COMPLETE)
    assert await person.make(JUNE_10) == []
    # From then on a stream on it is new.
    await person.pay("Disney Plus", monthly(4, 3, 6), "9.99", "ENTERTAINMENT", account=second)
    made = await person.make(JUNE_10)
    assert kinds(made) == [("new_subscription", "New subscription: Disney Plus")]


async def set_status(person: Person, account_id: int, status: str) -> None:
    async with person.app.parts.sessionmaker() as session:
        item_id = await session.scalar(select(Account.item_id).where(Account.id == account_id))
        await session.execute(
            update(Item).where(Item.id == item_id).values(transactions_update_status=status)
        )
        await session.commit()

"""Budgets: the lines people set per month, and each month's figures computed on read
from the counted transactions' stored day totals (docs/adr/0017-budgets-computed-on-read.md,
pattern.totals).

Every write bumps the user's data version, as a change to their transactions does, so a
month's figures are cached whole under it (pattern.kit.cache) and never outlive a change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.budgets import repository
from pattern.budgets.figures import ZERO, Ledger, Pace, money, month_groups, totals
from pattern.budgets.periods import BudgetMonth, month_containing, share_gone
from pattern.budgets.repository import LineRow
from pattern.budgets.schemas import (
    BudgetLinesWrite,
    BudgetRead,
    BudgetSettingsRead,
    BudgetSettingsWrite,
)
from pattern.insights.service import currencies
from pattern.kit.db import Shown
from pattern.kit.errors import Conflict
from pattern.models import BudgetLine
from pattern.totals.entries import from_cents
from pattern.totals.service import months_between
from pattern.users.data_version import user_data_changed


async def read_settings(session: AsyncSession, user_id: int) -> BudgetSettingsRead:
    found = await repository.settings_of(session, user_id)
    if found is None:
        return BudgetSettingsRead(month_start_day=1, income_target=None)
    return BudgetSettingsRead(
        month_start_day=found.month_start_day, income_target=found.income_target
    )


async def write_settings(
    session: AsyncSession, user_id: int, body: BudgetSettingsWrite
) -> BudgetSettingsRead:
    await repository.upsert_settings(session, user_id, body.month_start_day, body.income_target)
    await user_data_changed(session, user_id, days=())
    return BudgetSettingsRead(
        month_start_day=body.month_start_day, income_target=body.income_target
    )


async def current_month(session: AsyncSession, user_id: int, today: date) -> BudgetMonth:
    settings = await read_settings(session, user_id)
    return month_containing(today, settings.month_start_day)


def _chain_start(lines: Sequence[LineRow], month: BudgetMonth) -> BudgetMonth:
    """The earliest month whose lines still carry something into `month`."""
    carrying = {
        (line.month, line.category, line.subcategory)
        for line in lines
        if line.month < month.label and line.rollover != "none"
    }
    start = month
    for category, subcategory in {(category, sub) for _, category, sub in carrying}:
        previous = month.plus(-1)
        while (previous.label, category, subcategory) in carrying:
            previous = previous.plus(-1)
        start = min(start, previous.plus(1))
    return start


# (budget month index, category, subcategory) -> [cents spent, cents received]
Spending = dict[tuple[int, str | None, str | None], list[int]]


async def _spending(
    session: AsyncSession,
    user_id: int,
    first: BudgetMonth,
    last: BudgetMonth,
    start_day: int,
    currency: str | None,
    shown: Shown,
) -> Spending:
    """What was spent and received in each category of the budget months `first` to
    `last`, in `currency` (None: every one), from the stored day totals (of the `shown`
    accounts, when it says which)."""
    found: Spending = defaultdict(lambda: [0, 0])
    start, end = first.start(start_day), last.end(start_day)
    for month in await months_between(session, user_id, start, end, shown):
        index = BudgetMonth.of(month.first_day.year, month.first_day.month).index
        # A day before the start day belongs to the budget month before.
        for (before, category, subcategory), (spent, income) in month.sums(
            start_day, currency
        ).items():
            sums = found[index - before, category, subcategory]
            sums[0] += spent
            sums[1] += income
    return found


async def _ledger(
    session: AsyncSession,
    user_id: int,
    lines: Sequence[LineRow],
    first: BudgetMonth,
    last: BudgetMonth,
    start_day: int,
    currency: str | None,
    shown: Shown,
) -> Ledger:
    ledger = Ledger()
    for line in lines:
        if not first.label <= line.month <= last.label:
            continue
        year, month = int(line.month[:4]), int(line.month[5:])
        index = BudgetMonth.of(year, month).index
        ledger.add_line(index, line.category, line.subcategory, money(line.amount), line.rollover)
    spending = await _spending(session, user_id, first, last, start_day, currency, shown)
    for (index, category, subcategory), (spent, received) in spending.items():
        ledger.add_spending(index, category, subcategory, from_cents(spent), from_cents(received))
    return ledger


async def read_month(
    session: AsyncSession,
    user_id: int,
    month: BudgetMonth | None,
    *,
    today: date,
    currency: str | None = None,
    shown: Shown = None,
) -> BudgetRead:
    """A budget month's lines against what happened; `month` None: the current one (the
    one `today`, the person's, is in). `shown`: what happened in these accounts alone (the
    household budget a member of a share sees)."""
    settings = await read_settings(session, user_id)
    day = settings.month_start_day
    current = month_containing(today, day)
    month = month or current
    money_in = await currencies(session, user_id, currency, shown)
    lines = await repository.lines_up_to(session, user_id, month.label)
    first = _chain_start(lines, month)
    ledger = await _ledger(session, user_id, lines, first, month, day, money_in.filter, shown)
    pace = Pace(*share_gone(month, day, today))
    groups = month_groups(ledger, month, pace)
    return BudgetRead(
        month=month.label,
        current_month=current.label,
        start_date=month.start(day),
        end_date=month.end(day),
        days_gone=pace.days_gone,
        days=pace.days,
        month_start_day=day,
        currency=money_in.chosen,
        currencies=money_in.available,
        income=ledger.income.get(month.index, ZERO),
        income_target=settings.income_target,
        totals=totals(groups, pace),
        groups=groups,
    )


async def _lines_of(
    session: AsyncSession, user_id: int, month: BudgetMonth
) -> dict[tuple[str, str], BudgetLine]:
    lines = await repository.lines_between(session, user_id, month.label, month.label)
    return {(line.category, line.subcategory): line for line in lines}


async def _set(
    session: AsyncSession,
    user_id: int,
    month: BudgetMonth,
    key: tuple[str, str],
    amount: Decimal,
    rollover: str | None,
) -> None:
    await repository.upsert_line(session, user_id, month.label, key, amount, rollover)


async def write_lines(
    session: AsyncSession, user_id: int, month: BudgetMonth, body: BudgetLinesWrite
) -> None:
    """Set (or, with a null amount, remove) each line given; the month's others stay."""
    for line in body.lines:
        key = (line.category, line.subcategory or "")
        if line.amount is None:
            await repository.delete_line(session, user_id, month.label, *key)
        else:
            await _set(session, user_id, month, key, line.amount, line.rollover)
    await user_data_changed(session, user_id, days=())


async def copy_previous(
    session: AsyncSession, user_id: int, month: BudgetMonth, *, overwrite: bool
) -> None:
    """The month before's lines into this one; lines already set stay unless `overwrite`."""
    previous = await _lines_of(session, user_id, month.plus(-1))
    if not previous:
        raise Conflict(f"{month.plus(-1).label} has no budget to copy.", code="nothing_to_copy")
    found = await _lines_of(session, user_id, month)
    for key, line in previous.items():
        if key not in found or overwrite:
            await _set(session, user_id, month, key, money(line.amount), line.rollover)
    await user_data_changed(session, user_id, days=())


async def fill_from_average(
    session: AsyncSession,
    user_id: int,
    month: BudgetMonth,
    *,
    months: int,
    overwrite: bool,
    currency: str | None = None,
) -> None:
    """Each line of the month, and a group line for each group spent in but not budgeted,
    set to the average spending of the `months` months before; lines already set keep
    their amount unless `overwrite`."""
    settings = await read_settings(session, user_id)
    money_in = await currencies(session, user_id, currency)
    first, last = month.plus(-months), month.plus(-1)
    spending = await _spending(
        session, user_id, first, last, settings.month_start_day, money_in.filter, None
    )
    spent: dict[tuple[str, str], Decimal] = defaultdict(lambda: ZERO)
    for (_, category, subcategory), (out, _received) in spending.items():
        if category is None:
            continue
        spent[category, ""] += from_cents(out)
        if subcategory:
            spent[category, subcategory] += from_cents(out)
    found = await _lines_of(session, user_id, month)
    covered = {category for category, _ in found}
    keys = set(found) | {
        key for key, out in spent.items() if key[1] == "" and key[0] not in covered and out > 0
    }
    for key in sorted(keys):
        if key in found and not overwrite:
            continue
        average = (spent.get(key, ZERO) / months).quantize(ZERO, rounding=ROUND_HALF_UP)
        await _set(session, user_id, month, key, average, None)
    await user_data_changed(session, user_id, days=())

"""Budget months: the period that starts on the person's start day (payday, 1-28) of a
calendar month and ends the day before that day of the next month.

A budget month is named by the calendar month it starts in: with a start day of 25,
"2026-03" runs from 25 March to 24 April. Start days stop at 28 so that every month has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

FIRST_YEAR, LAST_YEAR = 1970, 9998
MONTH_TEXT = f"YYYY-MM, from {FIRST_YEAR}-01 to {LAST_YEAR}-12"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class BudgetMonth:
    """A budget month as a count of months since year 0, so consecutive ones are n, n + 1."""

    index: int

    @classmethod
    def of(cls, year: int, month: int) -> BudgetMonth:
        return cls(year * 12 + month - 1)

    @property
    def year(self) -> int:
        return self.index // 12

    @property
    def month(self) -> int:
        return self.index % 12 + 1

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def plus(self, months: int) -> BudgetMonth:
        return BudgetMonth(self.index + months)

    def start(self, start_day: int) -> date:
        return date(self.year, self.month, start_day)

    def end(self, start_day: int) -> date:
        """The last day, inclusive."""
        return self.plus(1).start(start_day) - timedelta(days=1)


def parse_budget_month(text: str) -> BudgetMonth | None:
    match = _MONTH.match(text)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        return None
    return BudgetMonth.of(year, month)


def month_containing(day: date, start_day: int) -> BudgetMonth:
    """The budget month a day falls in: its calendar month from the start day on, else the
    one before."""
    month = BudgetMonth.of(day.year, day.month)
    return month if day.day >= start_day else month.plus(-1)


def share_gone(month: BudgetMonth, start_day: int, today: date) -> tuple[int, int]:
    """(days gone, days in the month), today counted as gone: all of a past month, none of
    a future one."""
    start, end = month.start(start_day), month.end(start_day)
    days = (end - start).days + 1
    if today < start:
        return 0, days
    if today > end:
        return days, days
    return (today - start).days + 1, days

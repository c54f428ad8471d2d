"""Date ranges of the insights: a period of days, or the last N calendar months."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pattern.transactions.search import Month


@dataclass(frozen=True)
class Period:
    """Inclusive bounds; None leaves that side open."""

    start_date: date | None
    end_date: date | None


def month_of(day: date) -> Month:
    return Month(day.year, day.month)


def month_index(month: Month) -> int:
    """Months since year 0, so consecutive months are consecutive numbers."""
    return month.year * 12 + month.month - 1


def month_at(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


def month_label(month: Month) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def whole_month(month: Month) -> Period:
    return Period(month.first_day, month.next_first_day - timedelta(days=1))


@dataclass(frozen=True)
class MonthWindow:
    """The last `count` calendar months, oldest first, ending with the month of `today`."""

    months: tuple[Month, ...]

    @classmethod
    def ending(cls, today: date, count: int) -> MonthWindow:
        last = month_index(month_of(today))
        return cls(tuple(month_at(index) for index in range(last - count + 1, last + 1)))

    @property
    def start_date(self) -> date:
        return self.months[0].first_day

    @property
    def end_date(self) -> date:
        return self.months[-1].next_first_day - timedelta(days=1)

    @property
    def period(self) -> Period:
        return Period(self.start_date, self.end_date)

"""A budget month's figures from its lines and the grouped spending: plain arithmetic.

- A line is on a category group (subcategory "") or on one category of a group.
- Spent: the sum of the positive amounts counted (as in the insights: a refund is income,
  not less spending). A group's spending is all of its categories', budgeted or not.
- Carried in: what the same line of the month before leaves, by that line's rollover:
  none leaves nothing, carry_surplus what was left if anything, carry_all what was left,
  negative when overspent. A month without the line breaks the chain.
- Available = budgeted + carried in; left = available - spent.
- A group with a line of its own (or last month's carrying into one) is budgeted by it;
  else by the sum of its categories'.
- Pace: what an even pace would have spent so far (available x the share of the month
  gone, today included); "over" when more than that is spent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from pattern.budgets.periods import BudgetMonth
from pattern.budgets.schemas import BudgetCategoryRead, BudgetGroupRead, Figures

ZERO = Decimal("0.00")
Key = tuple[str | None, str | None]  # (category, subcategory); subcategory "" is the group


def money(value: object) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(str(value)).quantize(ZERO, rounding=ROUND_HALF_UP)


@dataclass
class Ledger:
    """The lines and spending of the months a budget month's figures need."""

    lines: dict[tuple[int, str, str], tuple[Decimal, str]] = field(default_factory=dict)
    spent: dict[tuple[int, str | None, str | None], Decimal] = field(
        default_factory=lambda: defaultdict(lambda: ZERO)
    )
    group_spent: dict[tuple[int, str | None], Decimal] = field(
        default_factory=lambda: defaultdict(lambda: ZERO)
    )
    income: dict[int, Decimal] = field(default_factory=lambda: defaultdict(lambda: ZERO))

    def add_line(
        self, month: int, category: str, subcategory: str, amount: Decimal, kind: str
    ) -> None:
        self.lines[month, category, subcategory] = (amount, kind)

    def add_spending(
        self, month: int, category: str | None, subcategory: str | None, out: Decimal, inc: Decimal
    ) -> None:
        self.spent[month, category, subcategory] += out
        self.group_spent[month, category] += out
        self.income[month] += inc

    def spent_on(self, month: int, category: str | None, subcategory: str | None) -> Decimal:
        if subcategory == "":
            return self.group_spent.get((month, category), ZERO)
        return self.spent.get((month, category, subcategory), ZERO)

    def carried_in(self, month: int, category: str | None, subcategory: str | None) -> Decimal:
        if category is None or subcategory is None:
            return ZERO
        chain = []
        previous = month - 1
        while (line := self.lines.get((previous, category, subcategory))) and line[1] != "none":
            chain.append(previous)
            previous -= 1
        carry = ZERO
        for at in reversed(chain):
            amount, kind = self.lines[at, category, subcategory]
            left = amount + carry - self.spent_on(at, category, subcategory)
            carry = max(left, ZERO) if kind == "carry_surplus" else left
        return carry


@dataclass(frozen=True)
class Pace:
    days_gone: int
    days: int

    def figures(self, budgeted: Decimal, carried: Decimal, spent: Decimal) -> Figures:
        available = budgeted + carried
        on_pace = money(max(available, ZERO) * self.days_gone / self.days)
        return Figures(
            budgeted=budgeted,
            carried_in=carried,
            available=available,
            spent=spent,
            left=available - spent,
            pace_spent=on_pace,
            pace="over" if spent > on_pace else "under",
        )


def _sort_key(name: str | None) -> tuple[bool, str]:
    return (name is None, name or "")


def _category(
    ledger: Ledger, month: int, pace: Pace, category: str | None, subcategory: str | None
) -> BudgetCategoryRead:
    line = ledger.lines.get((month, category, subcategory)) if category and subcategory else None
    figures = pace.figures(
        line[0] if line else ZERO,
        ledger.carried_in(month, category, subcategory),
        ledger.spent_on(month, category, subcategory),
    )
    return BudgetCategoryRead(
        subcategory=subcategory,
        has_line=line is not None,
        rollover=line[1] if line else None,
        **figures.model_dump(),
    )


def _group(
    ledger: Ledger, month: int, pace: Pace, category: str | None, subs: Iterable[str | None]
) -> BudgetGroupRead:
    details = [_category(ledger, month, pace, category, s) for s in sorted(subs, key=_sort_key)]
    line = ledger.lines.get((month, category, "")) if category is not None else None
    carried = ledger.carried_in(month, category, "")
    if line is not None or carried:
        budgeted = line[0] if line else ZERO
    else:
        budgeted = sum((d.budgeted for d in details), ZERO)
        carried = sum((d.carried_in for d in details), ZERO)
    figures = pace.figures(budgeted, carried, ledger.group_spent.get((month, category), ZERO))
    return BudgetGroupRead(
        category=category,
        has_line=line is not None,
        rollover=line[1] if line else None,
        categories=details,
        **figures.model_dump(),
    )


def month_groups(ledger: Ledger, month: BudgetMonth, pace: Pace) -> list[BudgetGroupRead]:
    """Every group budgeted, carried into or spent in during the month, with its categories."""
    at = month.index
    keys: set[Key] = set()
    for (line_month, line_category, line_sub), (_, kind) in ledger.lines.items():
        if line_month == at or (line_month == at - 1 and kind != "none"):
            keys.add((line_category, line_sub))
    keys.update((c, s) for (m, c, s), out in ledger.spent.items() if m == at and out)
    groups: dict[str | None, set[str | None]] = defaultdict(set)
    for category, subcategory in keys:
        subs = groups[category]
        if subcategory != "":
            subs.add(subcategory)
    return [_group(ledger, at, pace, c, groups[c]) for c in sorted(groups, key=_sort_key)]


def totals(groups: list[BudgetGroupRead], pace: Pace) -> Figures:
    return pace.figures(
        sum((g.budgeted for g in groups), ZERO),
        sum((g.carried_in for g in groups), ZERO),
        sum((g.spent for g in groups), ZERO),
    )

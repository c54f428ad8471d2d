"""The query parameters of every transaction list, checked and turned into a query."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Query
from pydantic import StringConstraints

from pattern.auth.deps import could_exist
from pattern.kit.errors import Unprocessable
from pattern.kit.schemas import MAX_ID
from pattern.transactions.query import Flow, SortField, SortOrder, TransactionQuery
from pattern.transactions.search import (
    MONTH_REFUSED,
    Month,
    SearchError,
    parse_month,
    parse_search,
)

# Each category name in a filter (the list itself is bounded separately).
Label = Annotated[str, StringConstraints(max_length=255)]
# An amount as stored (NUMERIC(18, 2)): a larger one overflows PostgreSQL's comparison.
AmountQuery = Query(max_digits=18, decimal_places=2, allow_inf_nan=False)
# The rows behind a cash-flow figure (pattern.cash_flow).
NoneOf = Annotated[list[Label] | None, Query(max_length=100, description="none of these")]
CashFlow = Annotated[
    Flow | None,
    Query(description="income, spending or all, as cash flow counts them: no transfers"),
]

Currency = Annotated[
    str | None,
    Query(min_length=3, max_length=16, pattern=r"^[A-Za-z0-9]+$", description="e.g. EUR"),
]


DATES_REVERSED = "The start date must not be after the end date."


def _month_within(month: str, start_date: date | None, end_date: date | None) -> Month:
    parsed = parse_month(month)
    if parsed is None:
        raise Unprocessable(MONTH_REFUSED, field="month")
    # Both apply; dates outside the month would quietly match nothing at all.
    if (start_date and start_date >= parsed.next_first_day) or (
        end_date and end_date < parsed.first_day
    ):
        raise Unprocessable(f"{month} is outside the dates chosen: from and to.", field="month")
    return parsed


async def transaction_query(
    start_date: Annotated[date | None, Query(description="first day, YYYY-MM-DD")] = None,
    end_date: Annotated[date | None, Query(description="last day, YYYY-MM-DD")] = None,
    month: Annotated[str | None, Query(description="YYYY-MM", max_length=7)] = None,
    account: Annotated[list[int] | None, Query(description="one or more account ids")] = None,
    item: Annotated[list[int] | None, Query(description="one or more item ids")] = None,
    category: Annotated[list[Label] | None, Query(max_length=100)] = None,
    subcategory: Annotated[list[Label] | None, Query(max_length=100)] = None,
    not_category: NoneOf = None,
    not_subcategory: NoneOf = None,
    flow: CashFlow = None,
    currency: Currency = None,
    min_amount: Annotated[Decimal | None, AmountQuery] = None,
    max_amount: Annotated[Decimal | None, AmountQuery] = None,
    pending: bool | None = None,
    hidden: Annotated[bool, Query(description="true: only hidden transactions")] = False,
    q: Annotated[str | None, Query(max_length=500, description="search, see docs/api.md")] = None,
    sort: SortField = "date",
    order: SortOrder = "desc",
) -> TransactionQuery:
    if start_date and end_date and start_date > end_date:
        raise Unprocessable(DATES_REVERSED, field="start_date")
    for name, ids in (("account", account), ("item", item)):
        if not all(could_exist(value) for value in ids or ()):
            raise Unprocessable(f"{name}: each must be an id from 1 to {MAX_ID}.")
    if min_amount is not None and max_amount is not None and min_amount > max_amount:
        raise Unprocessable(
            "The smallest amount must not be more than the largest.", field="min_amount"
        )
    parsed_month = _month_within(month, start_date, end_date) if month is not None else None
    try:
        search = parse_search(q or "")
    except SearchError as exc:
        raise Unprocessable(str(exc), field="q") from exc
    # Tuples, so a query is hashable: list totals are cached by query (pattern.kit.cache).
    return TransactionQuery(
        start_date=start_date,
        end_date=end_date,
        month=parsed_month,
        account_ids=tuple(account or ()),
        item_ids=tuple(item or ()),
        categories=tuple(category or ()),
        subcategories=tuple(subcategory or ()),
        not_categories=tuple(not_category or ()),
        not_subcategories=tuple(not_subcategory or ()),
        flow=flow,
        currency=currency.upper() if currency else None,
        min_amount=min_amount,
        max_amount=max_amount,
        pending=pending,
        hidden=hidden,
        search=search,
        sort=sort,
        order=order,
    )


TransactionFilters = Annotated[TransactionQuery, Depends(transaction_query)]

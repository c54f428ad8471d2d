"""Filters, search and sorting of transaction lists, turned into SQL conditions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, func, not_, or_, true

from pattern.models import Account, Item, Transaction
from pattern.transactions.search import Month, Search, Term, Word

SortField = Literal["date", "amount", "name"]
SortOrder = Literal["asc", "desc"]


@dataclass(frozen=True)
class Scope:
    """Whose transactions: a user's, an item's or an account's."""

    user_id: int | None = None
    item_id: int | None = None
    account_id: int | None = None


@dataclass(frozen=True)
class TransactionQuery:
    start_date: date | None = None
    end_date: date | None = None
    month: Month | None = None
    account_ids: Sequence[int] = ()
    item_ids: Sequence[int] = ()
    categories: Sequence[str] = ()
    subcategories: Sequence[str] = ()
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    pending: bool | None = None
    hidden: bool = False  # False: leave hidden ones out; True: only the hidden ones
    search: Search = field(default_factory=Search)
    sort: SortField = "date"
    order: SortOrder = "desc"


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(func.coalesce(column, "")).like(f"%{escaped}%", escape="\\")


def term_condition(term: Term) -> ColumnElement[bool]:
    if isinstance(term, Month):
        return and_(Transaction.date >= term.first_day, Transaction.date < term.next_first_day)
    return _word_condition(term)


def _word_condition(word: Word) -> ColumnElement[bool]:
    if word.field == "category":
        return _contains(Transaction.category, word.text)
    if word.field == "subcategory":
        return _contains(Transaction.subcategory, word.text)
    matches = [
        _contains(column, word.text)
        for column in (
            Transaction.name,
            Transaction.merchant_name,
            Transaction.category,
            Transaction.subcategory,
            Account.name,
        )
    ]
    amount = word.amount
    if amount is not None:
        matches += [Transaction.amount == amount, Transaction.amount == -amount]
    return or_(*matches)


def conditions(scope: Scope, query: TransactionQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Transaction.hidden.is_(query.hidden)]
    if scope.user_id is not None:
        where.append(Item.user_id == scope.user_id)
    if scope.item_id is not None:
        where.append(Account.item_id == scope.item_id)
    if scope.account_id is not None:
        where.append(Transaction.account_id == scope.account_id)
    if query.start_date:
        where.append(Transaction.date >= query.start_date)
    if query.end_date:
        where.append(Transaction.date <= query.end_date)
    if query.month:
        where.append(term_condition(query.month))
    if query.account_ids:
        where.append(Transaction.account_id.in_(query.account_ids))
    if query.item_ids:
        where.append(Account.item_id.in_(query.item_ids))
    if query.categories:
        where.append(func.lower(Transaction.category).in_([c.lower() for c in query.categories]))
    if query.subcategories:
        where.append(
            func.lower(Transaction.subcategory).in_([c.lower() for c in query.subcategories])
        )
    if query.min_amount is not None:
        where.append(Transaction.amount >= query.min_amount)
    if query.max_amount is not None:
        where.append(Transaction.amount <= query.max_amount)
    if query.pending is not None:
        where.append(Transaction.pending.is_(query.pending))
    search = query.search
    where += [term_condition(term) for term in search.all_of]
    where += [or_(*(term_condition(term) for term in group)) for group in search.any_of]
    if search.none_of:
        where.append(not_(or_(*(term_condition(term) for term in search.none_of))))
    return where or [true()]


def ordering(query: TransactionQuery) -> list[Any]:
    column = {"date": Transaction.date, "amount": Transaction.amount, "name": Transaction.name}[
        query.sort
    ]
    primary = column.asc() if query.order == "asc" else column.desc()
    tiebreak = Transaction.id.asc() if query.order == "asc" else Transaction.id.desc()
    return [primary, tiebreak]

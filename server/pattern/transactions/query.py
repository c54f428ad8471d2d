"""Filters, search and sorting of transaction lists, turned into SQL conditions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    func,
    literal_column,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import aliased

from pattern.kit.db import Shown, within
from pattern.models import Account, Item, Transaction, TransactionSplit
from pattern.models.accounts import shown_name
from pattern.net_worth.repository import currency_of
from pattern.splits import repository as splits
from pattern.transactions.search import Flag, Month, Search, Term, Word
from pattern.transfers.repository import is_transfer

SortField = Literal["date", "amount", "name", "category", "account"]
# The rows behind a cash-flow figure: money in (income), money out (spending) or both,
# never a transfer between the person's own accounts (pattern.insights counts them so).
Flow = Literal["income", "spending", "all"]


@dataclass(frozen=True)
class WordMatch:
    """What a search word matches beyond a transaction's own text, looked up beforehand
    (the service's word_matches) and given as ids, so that PostgreSQL can OR index scans:
    the accounts whose name contains the word, and the split transactions with a part
    whose note, tags or category does (None: too many to list, the database looks)."""

    accounts: Sequence[int] = ()
    split: Sequence[int] | None = ()


NO_MATCH = WordMatch()
# Per search word, what it matches beyond the transactions' own text.
WordMatches = Mapping[str, WordMatch]
SortOrder = Literal["asc", "desc"]
# A list's WHERE, on the transactions table alone (see conditions).
Where = list[ColumnElement[bool]]


@dataclass(frozen=True)
class Scope:
    """Whose transactions: a user's, an item's or an account's; of a user's, only the
    accounts shared with the one asking when `shown` says which (pattern.households)."""

    user_id: int | None = None
    item_id: int | None = None
    account_id: int | None = None
    shown: Shown = None


@dataclass(frozen=True)
class TransactionQuery:
    start_date: date | None = None
    end_date: date | None = None
    month: Month | None = None
    account_ids: Sequence[int] = ()
    item_ids: Sequence[int] = ()
    categories: Sequence[str] = ()
    subcategories: Sequence[str] = ()
    not_categories: Sequence[str] = ()
    not_subcategories: Sequence[str] = ()
    flow: Flow | None = None
    currency: str | None = None  # ISO code, else the unofficial one, else USD
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    pending: bool | None = None
    hidden: bool = False  # False: leave hidden ones out; True: only the hidden ones
    search: Search = field(default_factory=Search)
    sort: SortField = "date"
    order: SortOrder = "desc"


def _pattern(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, text: str) -> ColumnElement[bool]:
    return func.lower(func.coalesce(column, "")).like(_pattern(text), escape="\\")


def _search_text() -> ColumnElement[str]:
    """models.transactions.SEARCH_TEXT, with literals (not parameters) so the index matches."""
    empty: ColumnElement[str] = literal_column("''", String)
    space: ColumnElement[str] = literal_column("' '", String)
    parts = [
        func.coalesce(column, empty)
        for column in (
            Transaction.name,
            Transaction.merchant_name,
            Transaction.category,
            Transaction.subcategory,
            Transaction.note,
            Transaction.tags,
        )
    ]
    joined: ColumnElement[str] = parts[0]
    for part in parts[1:]:
        joined = joined.concat(space).concat(part)
    return func.lower(joined)


def search_words(search: Search) -> list[str]:
    """The words searched in every text field (those that account names can match)."""
    terms = [*search.all_of, *(term for group in search.any_of for term in group)]
    terms += search.none_of
    return [term.text for term in terms if isinstance(term, Word) and term.field is None]


def account_name_matches(text: str) -> ColumnElement[bool]:
    return _contains(shown_name(), text)


def part_text_matches(text: str) -> ColumnElement[bool]:
    """A part's note, tags, category or subcategory contains `text`."""
    fields = (
        TransactionSplit.note,
        TransactionSplit.tags,
        TransactionSplit.category,
        TransactionSplit.subcategory,
    )
    return or_(*(_contains(column, text) for column in fields))


def term_condition(term: Term, matches: WordMatches) -> ColumnElement[bool]:
    if isinstance(term, Month):
        return _in_month(term)
    if isinstance(term, Flag):
        return is_transfer()  # the only flag so far
    return _word_condition(term, matches)


def _in_month(month: Month) -> ColumnElement[bool]:
    return and_(Transaction.date >= month.first_day, Transaction.date < month.next_first_day)


def _has_tag(tag: str, tags: Any) -> ColumnElement[bool]:
    """One of the `tags`, whole: they are stored one space apart."""
    space: ColumnElement[str] = literal_column("' '", String)
    spaced = space.concat(func.lower(func.coalesce(tags, ""))).concat(space)
    return spaced.like(_pattern(f" {tag} "), escape="\\")


def _field_condition(word: Word) -> ColumnElement[bool]:
    """A search's field:word, met by the transaction or one of its parts (a tag by either,
    a category by the parts of a split one, as _by_part)."""
    if word.field == "tag":
        return or_(
            _has_tag(word.text, Transaction.tags),
            Transaction.id.in_(splits.parts_tagged(_has_tag(word.text, TransactionSplit.tags))),
        )
    column = word.field if word.field == "category" else "subcategory"
    return or_(  # a split one's own category is its parts'
        and_(
            Transaction.id.not_in(splits.split_ids()),
            _contains(getattr(Transaction, column), word.text),
        ),
        Transaction.id.in_(
            splits.parts_matching(_contains(getattr(splits.Counted, column), word.text))
        ),
    )


def _word_condition(word: Word, matches: WordMatches) -> ColumnElement[bool]:
    """Any text field contains the word, or the amount equals it.

    The transaction's own fields are matched through the trigram-indexed SEARCH_TEXT, where
    they are joined by spaces: a word without a space is in SEARCH_TEXT exactly when it is in
    one of them. A phrase with a space could span two fields there, so each field is then
    checked too (only then: the doubled test made PostgreSQL expect a handful of matches, and
    gather every match through the index where walking the list would find fifty sooner).
    The account name and the parts of split transactions are matched beforehand
    (`matches`) and become lists of ids, so that PostgreSQL can OR index scans instead of
    testing every row of the user.
    """
    if word.field is not None:
        return _field_condition(word)
    in_text: ColumnElement[bool] = _search_text().like(_pattern(word.text), escape="\\")
    if " " in word.text:
        fields = (
            Transaction.name,
            Transaction.merchant_name,
            Transaction.category,
            Transaction.subcategory,
            Transaction.note,
            Transaction.tags,
        )
        in_text = and_(in_text, or_(*(_contains(column, word.text) for column in fields)))
    either = [in_text]
    found = matches.get(word.text, NO_MATCH)
    if found.accounts:
        either.append(Transaction.account_id.in_(found.accounts))
    if found.split is None:
        either.append(Transaction.id.in_(splits.parts_tagged(part_text_matches(word.text))))
    elif found.split:
        either.append(Transaction.id.in_(found.split))
    amount = word.amount
    if amount is not None:
        either += [Transaction.amount == amount, Transaction.amount == -amount]
    return or_(*either)


def scope_conditions(scope: Scope) -> list[ColumnElement[bool]]:
    """The scope as conditions on accounts joined to their items."""
    where: list[ColumnElement[bool]] = []
    if scope.user_id is not None:
        where.append(Item.user_id == scope.user_id)
    if scope.item_id is not None:
        where.append(Account.item_id == scope.item_id)
    if scope.account_id is not None:
        where.append(Account.id == scope.account_id)
    if scope.shown is not None:
        where.append(within(Account.id, scope.shown))
    return where


def _in_items(item_ids: Sequence[int]) -> ColumnElement[bool]:
    return Transaction.account_id.in_(select(Account.id).where(Account.item_id.in_(item_ids)))


def conditions(scope: Scope, query: TransactionQuery, matches: WordMatches) -> Where:
    """The WHERE of a list, on the transactions table alone (so it can be counted alone).

    `matches`: the service's look-up of what each search word matches beyond the
    transactions' own text (WordMatch).
    """
    where = [
        Transaction.hidden.is_(query.hidden),
        *_in_scope(scope),
        *_in_dates(query),
        *_in_filters(query),
        *_matching_search(query.search, matches),
    ]
    return where or [true()]


def _in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if scope.user_id is not None:
        where.append(Transaction.user_id == scope.user_id)
    if scope.item_id is not None:
        where.append(_in_items([scope.item_id]))
    if scope.account_id is not None:
        where.append(Transaction.account_id == scope.account_id)
    if scope.shown is not None:
        where.append(within(Transaction.account_id, scope.shown))
    return where


def _in_dates(query: TransactionQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.start_date:
        where.append(Transaction.date >= query.start_date)
    if query.end_date:
        where.append(Transaction.date <= query.end_date)
    if query.month:
        where.append(_in_month(query.month))
    return where


def _lower_in(column: Any, names: Sequence[str]) -> ColumnElement[bool]:
    """The column is one of the names, in any case; the empty name stands for none."""
    matches = func.lower(column).in_([name.lower() for name in names])
    return or_(matches, column.is_(None)) if "" in names else matches


def _lower_not_in(column: Any, names: Sequence[str]) -> ColumnElement[bool]:
    """None of the names, in any case; a row without a value is left out only when the
    empty name is listed."""
    other = not_(func.lower(column).in_([name.lower() for name in names]))
    return and_(column.is_not(None), other) if "" in names else or_(column.is_(None), other)


def _by_part(query: TransactionQuery, of: Any) -> list[ColumnElement[bool]]:
    """The filters a split transaction meets through one of its parts (as insights count
    it), on `of`: the transactions, or pattern.splits.repository.Counted. The rows behind a
    cash-flow figure (pattern.cash_flow) are among them: "other" sources or groups are
    those not in the listed ones."""
    where: list[ColumnElement[bool]] = []
    if query.categories:
        where.append(_lower_in(of.category, query.categories))
    if query.subcategories:
        where.append(_lower_in(of.subcategory, query.subcategories))
    if query.not_categories:
        where.append(_lower_not_in(of.category, query.not_categories))
    if query.not_subcategories:
        where.append(_lower_not_in(of.subcategory, query.not_subcategories))
    if query.flow is not None:
        where.append(not_(is_transfer(of)))
    if query.flow == "income":
        where.append(of.amount < 0)
    elif query.flow == "spending":
        where.append(of.amount > 0)
    elif query.flow == "all":
        where.append(of.amount != 0)  # a zero moves no money either way
    return where


def _whole_or_a_part(query: TransactionQuery) -> list[ColumnElement[bool]]:
    """_by_part's filters met by a transaction without parts, or by a part of one."""
    whole = _by_part(query, Transaction)
    if not whole:
        return []
    return [
        or_(
            and_(Transaction.id.not_in(splits.split_ids()), *whole),
            Transaction.id.in_(splits.parts_matching(*_by_part(query, splits.Counted))),
        )
    ]


def _in_filters(query: TransactionQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.account_ids:
        where.append(Transaction.account_id.in_(query.account_ids))
    if query.item_ids:
        where.append(_in_items(query.item_ids))
    where += _whole_or_a_part(query)
    if query.currency is not None:
        where.append(currency_of(Transaction) == query.currency)
    if query.min_amount is not None:
        where.append(Transaction.amount >= query.min_amount)
    if query.max_amount is not None:
        where.append(Transaction.amount <= query.max_amount)
    if query.pending is not None:
        where.append(Transaction.pending.is_(query.pending))
    return where


def _matching_search(search: Search, matches: WordMatches) -> list[ColumnElement[bool]]:
    where = [term_condition(term, matches) for term in search.all_of]
    where += [or_(*(term_condition(term, matches) for term in group)) for group in search.any_of]
    if search.none_of:
        where.append(not_(or_(*(term_condition(term, matches) for term in search.none_of))))
    return where


def _account_name() -> ColumnElement[str]:
    """The transaction's account's name, for sorting: a subquery, so that a list can be
    ordered on the transactions table alone (an alias: the list's rows join Account)."""
    account = aliased(Account)
    return (
        select(shown_name(account))
        .where(account.id == Transaction.account_id)
        .correlate(Transaction)
        .scalar_subquery()
    )


def _sort_column(sort: SortField) -> ColumnElement[Any]:
    if sort == "account":
        return _account_name()
    if sort == "category":  # none sorts as "", alike on both databases
        return func.coalesce(Transaction.category, "")
    column: ColumnElement[Any] = getattr(Transaction, sort)
    return column


def ordering(query: TransactionQuery) -> list[Any]:
    column = _sort_column(query.sort)
    primary = column.asc() if query.order == "asc" else column.desc()
    tiebreak = Transaction.id.asc() if query.order == "asc" else Transaction.id.desc()
    return [primary, tiebreak]

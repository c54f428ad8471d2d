"""The search language of the transactions page (as the fork has it), parsed into terms.

coffee uber          both words (each in name, merchant, category, subcategory,
                     account name, or equal to the amount)
OR(coffee tea)       either word
NOT(uber lyft)       neither word
category:travel      the category contains "travel" (subcategory:... likewise)
tag:vacation         tagged vacation (any case)
"whole foods"        a phrase
Jan 2024, 2024-01    that month
is:transfer          money moving between the person's own accounts (a matched pair, or a
                     transfer category); NOT(is:transfer) the rest
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_TOKEN = re.compile(r'(OR|NOT)\(|\)|(\w+:"[^"]*")|"([^"]*)"|([^\s()"]+)', re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^\d{4}$")


# Amounts are stored as NUMERIC(18, 2): a number of more digits before the point cannot be
# one, and PostgreSQL refuses to compare one too large for its numeric type.
AMOUNT_DIGITS = 16


class SearchError(ValueError):
    """The search text cannot be understood; the message says why."""


@dataclass(frozen=True)
class Word:
    text: str
    field: str | None = None  # None: any text field; else one of FIELDS

    @property
    def number(self) -> Decimal | None:
        """The word read as a number ($1,234.50 too), if it is one."""
        if self.field is not None:
            return None
        try:
            value = Decimal(self.text.lstrip("$").replace(",", ""))
        except InvalidOperation:
            return None
        return value if value.is_finite() else None

    @property
    def amount(self) -> Decimal | None:
        """The number, if it could be an amount (at most two decimals: others match none)."""
        value = self.number
        # adjusted(): the power of ten of the first digit, read without arithmetic, which
        # would overflow Python's own decimal context for a number like 1e999999999.
        if value is None or value.adjusted() >= AMOUNT_DIGITS or value != round(value, 2):
            return None
        return value


# A month is searched as the days from its first to the next month's first: the last
# whose next first day is a date is 9999-11.
FIRST_MONTH = (1, 1)
LAST_MONTH = (9999, 11)
MONTH_RANGE = "from 0001-01 to 9999-11"
MONTH_REFUSED = f"Give the month as YYYY-MM, {MONTH_RANGE}."


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, year: int, month: int) -> Month | None:
        """The month, if it is one Pattern can search."""
        if 1 <= month <= 12 and FIRST_MONTH <= (year, month) <= LAST_MONTH:
            return cls(year, month)
        return None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def next_first_day(self) -> date:
        return date(self.year + self.month // 12, self.month % 12 + 1, 1)


@dataclass(frozen=True)
class Flag:
    """is:<name>: a kind of transaction rather than a word."""

    name: str


# The kinds `is:` knows.
FLAGS = frozenset({"transfer"})
# The fields a word can be looked for in alone (field:word).
FIELDS = frozenset({"category", "subcategory", "tag"})

Term = Word | Month | Flag


@dataclass(frozen=True)
class Search:
    all_of: tuple[Term, ...] = ()
    any_of: tuple[tuple[Term, ...], ...] = ()  # each OR(...) group: one of its terms
    none_of: tuple[Term, ...] = ()


def parse_month(text: str) -> Month | None:
    match = _ISO_MONTH.match(text)
    return Month.of(int(match.group(1)), int(match.group(2))) if match else None


def _searched_month(year: int, month: int, text: str) -> Month:
    found = Month.of(year, month)
    if found is None:
        raise SearchError(f"'{text}' is not a month that can be searched ({MONTH_RANGE}).")
    return found


def _searched_word(word: Word) -> Word:
    number = word.number
    if number is not None and number.adjusted() >= AMOUNT_DIGITS:
        raise SearchError(
            f"'{word.text}' is too large for an amount"
            f" (at most {AMOUNT_DIGITS} digits before the point)."
        )
    return word


def _flag(token: str) -> Flag:
    name = token[3:].lower()
    if name not in FLAGS:
        known = ", ".join(f"is:{flag}" for flag in sorted(FLAGS))
        raise SearchError(f"'{token}' is not a kind the search knows ({known}).")
    return Flag(name)


def _terms(tokens: list[str]) -> list[Term]:
    terms: list[Term] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        iso_month = _ISO_MONTH.match(token)
        if iso_month and 1 <= int(iso_month.group(2)) <= 12:
            terms.append(_searched_month(int(iso_month.group(1)), int(iso_month.group(2)), token))
        elif token.lower() in MONTHS and index + 1 < len(tokens) and _YEAR.match(tokens[index + 1]):
            year = tokens[index + 1]
            terms.append(_searched_month(int(year), MONTHS[token.lower()], f"{token} {year}"))
            index += 1
        elif token.lower().startswith("is:"):
            terms.append(_flag(token))
        elif ":" in token and token.split(":", 1)[0].lower() in FIELDS:
            field, _, value = token.partition(":")
            if not value:
                raise SearchError(f"'{token}' needs a value after the colon.")
            terms.append(Word(value, field.lower()))
        else:
            terms.append(_searched_word(Word(token)))
        index += 1
    return terms


def _closed(group: list[str] | None, kind: str) -> list[Term]:
    """The terms of the OR( or NOT( group a ')' closes."""
    if group is None:
        raise SearchError("A ')' has no matching OR( or NOT(.")
    if not group:  # NOT() would quietly match everything
        raise SearchError(f"{kind}() is empty: put words inside.")
    return _terms(group)


def parse_search(text: str) -> Search:
    """Parse the search box; raises SearchError with a readable reason."""
    if text.count('"') % 2:
        raise SearchError('A quote (") is not closed.')
    all_of: list[str] = []
    any_of: list[tuple[Term, ...]] = []
    none_of: list[Term] = []
    group: list[str] | None = None
    group_kind = ""
    for match in _TOKEN.finditer(text):
        operator, field_phrase, phrase, word = match.groups()
        if operator:
            if group is not None:
                raise SearchError("OR(...) and NOT(...) cannot be nested.")
            group, group_kind = [], operator.upper()
            continue
        if match.group(0) == ")":
            terms = _closed(group, group_kind)
            if group_kind == "OR":
                any_of.append(tuple(terms))
            else:
                none_of.extend(terms)
            group = None
            continue
        token = (
            field_phrase.replace('"', "")
            if field_phrase
            else phrase
            if phrase is not None
            else word
        )
        if token:
            (group if group is not None else all_of).append(token)
    if group is not None:
        raise SearchError(f"{group_kind}( is not closed with ')'.")
    return Search(all_of=tuple(_terms(all_of)), any_of=tuple(any_of), none_of=tuple(none_of))

"""Applying the user's ordered rules to one transaction: the first matching rule wins.

A rule matches on Plaid's values: the name (contains), the merchant (equal), the category
and subcategory (equal), whatever the case; the amount in Plaid's sign (money out
positive) between its bounds, both included; and the account, one of its list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.categories.placement import Placements
from pattern.models import TransactionRule
from pattern.rules import repository


@dataclass(frozen=True)
class Facts:
    """What a rule looks at: a transaction's values as Plaid sent them."""

    name: str
    category: str | None
    subcategory: str | None
    merchant: str | None = None
    amount: Decimal | None = None
    account_id: int | None = None


def _same(wanted: str | None, value: str | None) -> bool:
    return not wanted or (value or "").lower() == wanted.lower()


@dataclass(frozen=True)
class Rule:
    match_name: str | None
    match_category: str | None
    match_subcategory: str | None
    set_name: str | None
    set_category: str | None
    set_subcategory: str | None
    match_merchant: str | None = None
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    match_account_ids: tuple[int, ...] = ()

    def matches(self, facts: Facts) -> bool:
        if self.match_name and self.match_name.lower() not in facts.name.lower():
            return False
        if not (
            _same(self.match_merchant, facts.merchant)
            and _same(self.match_category, facts.category)
            and _same(self.match_subcategory, facts.subcategory)
        ):
            return False
        if self.match_account_ids and facts.account_id not in self.match_account_ids:
            return False
        return self._amount_within(facts.amount)

    def _amount_within(self, amount: Decimal | None) -> bool:
        if self.min_amount is None and self.max_amount is None:
            return True
        if amount is None:
            return False
        return (self.min_amount is None or amount >= self.min_amount) and (
            self.max_amount is None or amount <= self.max_amount
        )


Labels = tuple[str, str | None, str | None]


def apply_rules(rules: Sequence[Rule], facts: Facts) -> Labels:
    for rule in rules:
        if rule.matches(facts):
            return (
                rule.set_name or facts.name,
                rule.set_category or facts.category,
                rule.set_subcategory or facts.subcategory,
            )
    return facts.name, facts.category, facts.subcategory


def labelled(rules: Sequence[Rule], placements: Placements, facts: Facts) -> Labels:
    """The name and category after the person's rules and category merges and moves. The
    rules see the categories as the merges left them, and what they set is placed again."""
    category, subcategory = placements.place(facts.category, facts.subcategory)
    name, category, subcategory = apply_rules(
        rules, replace(facts, category=category, subcategory=subcategory)
    )
    return (name, *placements.place(category, subcategory))


def rule_of(row: TransactionRule) -> Rule:
    return Rule(
        match_name=row.match_name,
        match_category=row.match_category,
        match_subcategory=row.match_subcategory,
        set_name=row.set_name,
        set_category=row.set_category,
        set_subcategory=row.set_subcategory,
        match_merchant=row.match_merchant,
        min_amount=row.min_amount,
        max_amount=row.max_amount,
        match_account_ids=tuple(row.match_account_ids or ()),
    )


async def load_rules(session: AsyncSession, user_id: int) -> list[Rule]:
    return [rule_of(row) for row in await repository.list_for_user(session, user_id)]

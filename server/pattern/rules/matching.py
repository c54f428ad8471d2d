"""Applying the user's ordered rules to one transaction: the first matching rule wins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.rules import repository


@dataclass(frozen=True)
class Rule:
    match_name: str | None
    match_category: str | None
    match_subcategory: str | None
    set_name: str | None
    set_category: str | None
    set_subcategory: str | None

    def matches(self, name: str, category: str | None, subcategory: str | None) -> bool:
        if self.match_name and self.match_name.lower() not in name.lower():
            return False
        if self.match_category and (category or "").lower() != self.match_category.lower():
            return False
        return not (
            self.match_subcategory and (subcategory or "").lower() != self.match_subcategory.lower()
        )


Labels = tuple[str, str | None, str | None]


def apply_rules(
    rules: Sequence[Rule], name: str, category: str | None, subcategory: str | None
) -> Labels:
    for rule in rules:
        if rule.matches(name, category, subcategory):
            return (
                rule.set_name or name,
                rule.set_category or category,
                rule.set_subcategory or subcategory,
            )
    return name, category, subcategory


async def load_rules(session: AsyncSession, user_id: int) -> list[Rule]:
    return [
        Rule(
            match_name=row.match_name,
            match_category=row.match_category,
            match_subcategory=row.match_subcategory,
            set_name=row.set_name,
            set_category=row.set_category,
            set_subcategory=row.set_subcategory,
        )
        for row in await repository.list_for_user(session, user_id)
    ]

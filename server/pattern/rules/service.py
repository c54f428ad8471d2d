"""Transaction rules: ordered, first match wins, applied on ingest and on demand."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.categories import service as categories
from pattern.kit.errors import Unprocessable
from pattern.models import TransactionRule
from pattern.rules import repository
from pattern.rules.schemas import RuleWrite
from pattern.users.data_version import EVERY_DAY, user_data_changed


def _clean(body: RuleWrite) -> dict[str, Any]:
    values = body.model_dump(exclude={"position"})
    return {
        key: (value.strip() or None) if isinstance(value, str) else value
        for key, value in values.items()
    }


async def create_rule(session: AsyncSession, user_id: int, body: RuleWrite) -> TransactionRule:
    position = body.position
    if position is None:  # new rules go last
        last = await repository.last_position(session, user_id)
        position = 0 if last is None else last + 1
    rule = TransactionRule(user_id=user_id, position=position, **_clean(body))
    session.add(rule)
    await session.flush()
    return rule


async def update_rule(
    session: AsyncSession, rule: TransactionRule, body: RuleWrite
) -> TransactionRule:
    for name, value in _clean(body).items():
        setattr(rule, name, value)
    if body.position is not None:
        rule.position = body.position
    await session.flush()
    return rule


async def delete_rule(session: AsyncSession, rule: TransactionRule) -> None:
    await session.delete(rule)
    await session.flush()


async def reorder_rules(
    session: AsyncSession, user_id: int, rule_ids: list[int]
) -> Sequence[TransactionRule]:
    rules = {rule.id: rule for rule in await repository.list_for_user(session, user_id)}
    if sorted(rule_ids) != sorted(rules):
        raise Unprocessable("List each of your rules exactly once.", field="rule_ids")
    for position, rule_id in enumerate(rule_ids):
        rules[rule_id].position = position
    await session.flush()
    return await repository.list_for_user(session, user_id)


async def apply_rules_to_existing(session: AsyncSession, user_id: int) -> int:
    """The rules applied to the user's unedited transactions; returns how many changed."""
    rules = await repository.list_for_user(session, user_id)
    changed = await repository.apply_to_unedited(session, user_id, rules)
    # Applied from Plaid's values: merged and moved categories are put back where they go.
    changed += await categories.place_unedited(session, user_id)
    await user_data_changed(session, user_id, days=EVERY_DAY if changed else ())
    return changed

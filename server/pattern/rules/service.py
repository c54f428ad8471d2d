"""Transaction rules: ordered, first match wins, applied on ingest and on demand."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.errors import Unprocessable
from pattern.models import Transaction, TransactionRule
from pattern.rules.matching import Rule, load_rules
from pattern.rules.schemas import RuleWrite
from pattern.users.data_version import user_data_changed


async def list_rules(session: AsyncSession, user_id: int) -> Sequence[TransactionRule]:
    rows = await session.scalars(
        select(TransactionRule)
        .where(TransactionRule.user_id == user_id)
        .order_by(TransactionRule.position, TransactionRule.id)
    )
    return rows.all()


def _clean(body: RuleWrite) -> dict[str, Any]:
    values = body.model_dump(exclude={"position"})
    return {
        key: (value.strip() or None) if isinstance(value, str) else value
        for key, value in values.items()
    }


async def create_rule(session: AsyncSession, user_id: int, body: RuleWrite) -> TransactionRule:
    position = body.position
    if position is None:  # new rules go last
        last = await session.scalar(
            select(func.max(TransactionRule.position)).where(TransactionRule.user_id == user_id)
        )
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
    rules = {rule.id: rule for rule in await list_rules(session, user_id)}
    if sorted(rule_ids) != sorted(rules):
        raise Unprocessable("rule_ids: must list each of your rules exactly once.")
    for position, rule_id in enumerate(rule_ids):
        rules[rule_id].position = position
    await session.flush()
    return await list_rules(session, user_id)


def _like(column: Any, text: str) -> Any:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(func.coalesce(column, "")).like(f"%{escaped}%", escape="\\")


def _matches(rule: Rule) -> Any:
    """The SQL form of Rule.matches, on Plaid's original values."""
    conditions = []
    if rule.match_name:
        conditions.append(
            _like(func.coalesce(Transaction.original_name, Transaction.name), rule.match_name)
        )
    if rule.match_category:
        conditions.append(
            func.lower(func.coalesce(Transaction.original_category, ""))
            == rule.match_category.lower()
        )
    if rule.match_subcategory:
        conditions.append(
            func.lower(func.coalesce(Transaction.original_subcategory, ""))
            == rule.match_subcategory.lower()
        )
    return and_(*conditions)


async def apply_rules_to_existing(session: AsyncSession, user_id: int) -> int:
    """One UPDATE over the user's unedited transactions; returns how many changed."""
    rules = await load_rules(session, user_id)
    original = {
        "name": func.coalesce(Transaction.original_name, Transaction.name),
        "category": Transaction.original_category,
        "subcategory": Transaction.original_subcategory,
    }

    def labelled(field: str) -> Any:
        whens = [
            (_matches(rule), getattr(rule, f"set_{field}") or original[field]) for rule in rules
        ]
        return case(*whens, else_=original[field]) if whens else original[field]

    new = {field: labelled(field) for field in original}
    result = await session.execute(
        update(Transaction)
        .where(
            Transaction.user_id == user_id,
            Transaction.manually_updated.is_(False),
            or_(
                *(
                    getattr(Transaction, field).is_distinct_from(value)
                    for field, value in new.items()
                )
            ),
        )
        .values(**new)
        .execution_options(synchronize_session=False)
    )
    await user_data_changed(session, user_id)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

"""Transaction rules: ordered, first match wins, applied on ingest and on demand."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.categories import service as categories
from pattern.kit.db import Shown
from pattern.kit.errors import Unprocessable
from pattern.models import TransactionRule
from pattern.rules import repository
from pattern.rules.schemas import PreviewSample, RuleListed, RulePreview, RuleRead, RuleWrite
from pattern.users.data_version import EVERY_DAY, user_data_changed

PREVIEW_SAMPLES = 5
SHARED_RULE = (
    "A rule made in a share must apply to some of its accounts and no other: choose them "
    "in the rule's accounts."
)


def of_shown(rule: TransactionRule | RuleWrite, shown: Shown) -> bool:
    """Whether the rule is one a member of a share (`shown`) may see and edit: one that
    applies to some of the shared accounts alone (every rule, to the owner)."""
    ids = set(rule.match_account_ids or ())
    return shown is None or (bool(ids) and ids <= shown)


def _for_share(body: RuleWrite, shown: Shown) -> RuleWrite:
    """A member's rule goes last, after the owner's, and applies to shared accounts alone."""
    if shown is None:
        return body
    if not of_shown(body, shown):
        raise Unprocessable(SHARED_RULE, code="not_shared_accounts", field="match_account_ids")
    return body.model_copy(update={"position": None})


async def _clean(session: AsyncSession, user_id: int, body: RuleWrite) -> dict[str, Any]:
    """The rule's columns; refuses accounts that are not the user's (as if unknown)."""
    values = body.model_dump(exclude={"position"})
    cleaned = {
        key: (value.strip() or None) if isinstance(value, str) else value
        for key, value in values.items()
    }
    ids = sorted(set(body.match_account_ids or ()))
    if ids and await repository.owned_account_ids(session, user_id, ids) != set(ids):
        raise Unprocessable(
            "One of the accounts is not one of yours.",
            field="match_account_ids",
        )
    cleaned["match_account_ids"] = ids or None
    return cleaned


async def _unsaved(session: AsyncSession, user_id: int, body: RuleWrite) -> TransactionRule:
    position = body.position
    if position is None:  # new rules go last
        last = await repository.last_position(session, user_id)
        position = 0 if last is None else last + 1
    return TransactionRule(
        user_id=user_id, position=position, **await _clean(session, user_id, body)
    )


async def create_rule(
    session: AsyncSession,
    user_id: int,
    body: RuleWrite,
    *,
    apply: bool = False,
    shown: Shown = None,
) -> tuple[TransactionRule, int | None]:
    """The new rule, and when `apply`, how many existing transactions the rules changed
    (of the `shown` accounts, when a member of a share makes it)."""
    rule = await _unsaved(session, user_id, _for_share(body, shown))
    session.add(rule)
    await session.flush()
    return rule, await apply_rules_to_existing(session, user_id, shown) if apply else None


async def preview_rule(
    session: AsyncSession, user_id: int, body: RuleWrite, shown: Shown = None
) -> RulePreview:
    """What creating the rule and applying the rules would change, changing nothing: the
    unsaved rule takes its place among the others as create_rule would put it."""
    rule = await _unsaved(session, user_id, _for_share(body, shown))
    rules = sorted(
        [*await repository.list_for_user(session, user_id), rule],
        key=lambda r: (r.position, r.id is None, r.id or 0),
    )
    changed, rows = await repository.would_change(
        session, user_id, rules, samples=PREVIEW_SAMPLES, shown=shown
    )
    return RulePreview(
        changed=changed,
        samples=[PreviewSample.model_validate(row, from_attributes=True) for row in rows],
    )


async def rules_with_counts(
    session: AsyncSession, user_id: int, shown: Shown = None
) -> list[RuleListed]:
    rules = [r for r in await repository.list_for_user(session, user_id) if of_shown(r, shown)]
    counts = await repository.match_counts(session, user_id, rules)
    return [
        RuleListed.model_validate({**RuleRead.model_validate(rule).model_dump(), "match_count": n})
        for rule, n in zip(rules, counts, strict=True)
    ]


async def update_rule(
    session: AsyncSession,
    user_id: int,
    rule: TransactionRule,
    body: RuleWrite,
    shown: Shown = None,
) -> TransactionRule:
    body = _for_share(body, shown)
    for name, value in (await _clean(session, user_id, body)).items():
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


async def apply_rules_to_existing(session: AsyncSession, user_id: int, shown: Shown = None) -> int:
    """The rules applied to the user's unedited transactions (of the `shown` accounts,
    when it says which); returns how many changed."""
    rules = await repository.list_for_user(session, user_id)
    changed = await repository.apply_to_unedited(session, user_id, rules, shown)
    # Applied from Plaid's values: merged and moved categories are put back where they go.
    changed += await categories.place_unedited(session, user_id, shown)
    await user_data_changed(session, user_id, days=EVERY_DAY if changed else ())
    return changed

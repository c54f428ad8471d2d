from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from pattern.auth.deps import CurrentUser, PathUser, load_owned
from pattern.kit.deps import SessionDep
from pattern.models import TransactionRule
from pattern.rules import service
from pattern.rules.schemas import (
    RuleCreated,
    RuleListed,
    RuleOrder,
    RulePreview,
    RuleRead,
    RulesApplied,
    RuleWrite,
)

router = APIRouter(tags=["rules"])


async def get_owned_rule(rule_id: int, user: CurrentUser, session: SessionDep) -> TransactionRule:
    return await load_owned(session, TransactionRule, rule_id, user, "Rule")


OwnedRule = Annotated[TransactionRule, Depends(get_owned_rule)]


@router.get("/users/{user_id}/rules", response_model=list[RuleListed])
async def list_rules(user: PathUser, session: SessionDep) -> list[RuleListed]:
    """A user's rules, in the order they are tried, each with how many transactions it
    matches now."""
    return await service.rules_with_counts(session, user.id)


@router.post("/users/{user_id}/rules", status_code=201, response_model=RuleCreated)
async def create_rule(
    body: RuleWrite,
    user: PathUser,
    session: SessionDep,
    apply: Annotated[
        bool, Query(description="apply the rules to existing unedited transactions at once")
    ] = False,
) -> RuleCreated:
    """Add a rule (last, unless a position is given)."""
    rule, changed = await service.create_rule(session, user.id, body, apply=apply)
    return RuleCreated(**RuleRead.model_validate(rule).model_dump(), changed=changed)


@router.post("/users/{user_id}/rules/preview", response_model=RulePreview)
async def preview_rule(body: RuleWrite, user: PathUser, session: SessionDep) -> RulePreview:
    """How many existing transactions creating this rule and applying the rules would
    change, with the newest few; changes nothing."""
    return await service.preview_rule(session, user.id, body)


@router.put("/users/{user_id}/rules/order", response_model=list[RuleRead])
async def reorder_rules(body: RuleOrder, user: PathUser, session: SessionDep) -> list[RuleRead]:
    """Set the order of all of a user's rules at once."""
    rules = await service.reorder_rules(session, user.id, body.rule_ids)
    return [RuleRead.model_validate(r) for r in rules]


@router.post("/users/{user_id}/rules/apply", response_model=RulesApplied)
async def apply_rules(user: PathUser, session: SessionDep) -> RulesApplied:
    """Apply the rules to existing transactions (manual edits win); says how many changed."""
    return RulesApplied(changed=await service.apply_rules_to_existing(session, user.id))


@router.put("/rules/{rule_id}", response_model=RuleRead)
async def update_rule(body: RuleWrite, rule: OwnedRule, session: SessionDep) -> RuleRead:
    """Change a rule."""
    return RuleRead.model_validate(await service.update_rule(session, rule.user_id, rule, body))


@router.delete("/rules/{rule_id}", status_code=204)
async def delete_rule(rule: OwnedRule, session: SessionDep) -> None:
    """Remove a rule."""
    await service.delete_rule(session, rule)

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from pattern.auth.deps import CurrentUser, PathUser, load_owned
from pattern.kit.deps import SessionDep
from pattern.models import TransactionRule
from pattern.rules import repository, service
from pattern.rules.schemas import RuleOrder, RuleRead, RulesApplied, RuleWrite

router = APIRouter(tags=["rules"])


async def get_owned_rule(rule_id: int, user: CurrentUser, session: SessionDep) -> TransactionRule:
    return await load_owned(session, TransactionRule, rule_id, user, "Rule")


OwnedRule = Annotated[TransactionRule, Depends(get_owned_rule)]


@router.get("/users/{user_id}/rules", response_model=list[RuleRead])
async def list_rules(user: PathUser, session: SessionDep) -> list[RuleRead]:
    """A user's rules, in the order they are tried."""
    return [RuleRead.model_validate(r) for r in await repository.list_for_user(session, user.id)]


@router.post("/users/{user_id}/rules", status_code=201, response_model=RuleRead)
async def create_rule(body: RuleWrite, user: PathUser, session: SessionDep) -> RuleRead:
    """Add a rule (last, unless a position is given)."""
    return RuleRead.model_validate(await service.create_rule(session, user.id, body))


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
    return RuleRead.model_validate(await service.update_rule(session, rule, body))


@router.delete("/rules/{rule_id}", status_code=204)
async def delete_rule(rule: OwnedRule, session: SessionDep) -> None:
    """Remove a rule."""
    await service.delete_rule(session, rule)

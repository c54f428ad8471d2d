from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from pattern.auth.deps import CurrentUser, PathUser, could_exist
from pattern.households import service as households
from pattern.households.deps import EditableView, PathView, view_only
from pattern.kit.db import Shown
from pattern.kit.deps import SessionDep
from pattern.kit.errors import NotFound
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


@dataclass(frozen=True)
class Editing:
    rule: TransactionRule
    shown: Shown  # a member of a share edits it: the shared accounts; else None


async def get_editable_rule(rule_id: int, user: CurrentUser, session: SessionDep) -> Editing:
    """The caller's rule (or, to an administrator, anyone's), or one of a share's accounts
    alone that the share lets the caller edit (403 when it is view only)."""
    found = await session.get(TransactionRule, rule_id) if could_exist(rule_id) else None
    if found is not None and (found.user_id == user.id or user.is_admin):
        return Editing(found, None)
    shared = None
    if found is not None:
        shared = await households.shared_covering(
            session, found.user_id, user.id, found.match_account_ids or ()
        )
    if found is None or shared is None:
        raise NotFound("Rule not found.")
    if not shared.can_edit:
        raise view_only()
    return Editing(found, shared.accounts)


EditableRule = Annotated[Editing, Depends(get_editable_rule)]


@router.get("/users/{user_id}/rules", response_model=list[RuleListed])
async def list_rules(view: PathView, session: SessionDep) -> list[RuleListed]:
    """A user's rules, in the order they are tried, each with how many transactions it
    matches now; to a member of a share, those of its accounts alone."""
    return await service.rules_with_counts(session, view.owner.id, view.shown)


@router.post("/users/{user_id}/rules", status_code=201, response_model=RuleCreated)
async def create_rule(
    body: RuleWrite,
    view: EditableView,
    session: SessionDep,
    apply: Annotated[
        bool, Query(description="apply the rules to existing unedited transactions at once")
    ] = False,
) -> RuleCreated:
    """Add a rule (last, unless a position is given). A member of a share who may edit
    adds one for some of its accounts alone, last; it applies to those accounts."""
    rule, changed = await service.create_rule(
        session, view.owner.id, body, apply=apply, shown=view.shown
    )
    return RuleCreated(**RuleRead.model_validate(rule).model_dump(), changed=changed)


@router.post("/users/{user_id}/rules/preview", response_model=RulePreview)
async def preview_rule(body: RuleWrite, view: EditableView, session: SessionDep) -> RulePreview:
    """How many existing transactions creating this rule and applying the rules would
    change, with the newest few; changes nothing."""
    return await service.preview_rule(session, view.owner.id, body, view.shown)


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
async def update_rule(body: RuleWrite, editing: EditableRule, session: SessionDep) -> RuleRead:
    """Change a rule."""
    rule = editing.rule
    changed = await service.update_rule(session, rule.user_id, rule, body, editing.shown)
    return RuleRead.model_validate(changed)


@router.delete("/rules/{rule_id}", status_code=204)
async def delete_rule(editing: EditableRule, session: SessionDep) -> None:
    """Remove a rule."""
    await service.delete_rule(session, editing.rule)

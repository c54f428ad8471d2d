from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from pattern.auth.deps import PathUser
from pattern.categories import service
from pattern.categories.schemas import (
    CategoryCreate,
    CategoryGroup,
    CategoryItem,
    CategoryMerge,
    CategoryUpdate,
    GroupCreate,
    GroupUpdate,
    Merged,
)
from pattern.households.deps import PathView
from pattern.kit.deps import SessionDep

router = APIRouter(tags=["categories"])

Code = Annotated[str, Path(min_length=1, max_length=255, description="the code or own name")]


@router.get("/users/{user_id}/category-groups", response_model=list[CategoryGroup])
async def category_groups(view: PathView, session: SessionDep) -> list[CategoryGroup]:
    """Every group and its categories: Plaid's, the person's own, and any other in use,
    with the names, colours and groups the person gave them (hidden ones too, marked). To
    a member of a share, those in use are left out."""
    if view.shared:
        return await service.shared_tree(session, view.owner.id)
    return await service.tree(session, view.owner.id)


@router.post("/users/{user_id}/category-groups", status_code=201, response_model=CategoryGroup)
async def create_group(body: GroupCreate, user: PathUser, session: SessionDep) -> CategoryGroup:
    """A new group of one's own, empty until categories are made in it or moved to it."""
    return await service.create_group(session, user.id, body)


@router.patch("/users/{user_id}/category-groups/{group}", response_model=CategoryGroup)
async def update_group(
    group: Code, body: GroupUpdate, user: PathUser, session: SessionDep
) -> CategoryGroup:
    """Rename (label; null: the first name again), colour or hide a group, Plaid's too."""
    return await service.update_group(session, user.id, group, body)


@router.delete("/users/{user_id}/category-groups/{group}", status_code=204)
async def delete_group(group: Code, user: PathUser, session: SessionDep) -> None:
    """Delete a group of one's own that nothing is in any more."""
    await service.delete_group(session, user.id, group)


@router.post("/users/{user_id}/categories", status_code=201, response_model=CategoryItem)
async def create_category(
    body: CategoryCreate, user: PathUser, session: SessionDep
) -> CategoryItem:
    """A category of one's own in a group (Plaid's or one's own)."""
    return await service.create_category(session, user.id, body)


@router.patch("/users/{user_id}/categories/{code}", response_model=CategoryItem)
async def update_category(
    code: Code, body: CategoryUpdate, user: PathUser, session: SessionDep
) -> CategoryItem:
    """Rename, colour, hide or move a category to another group (its transactions, parts,
    budget lines and rules follow). Plaid's keep their code: a name is a label."""
    return await service.update_category(session, user.id, code, body)


@router.delete("/users/{user_id}/categories/{code}", status_code=204)
async def delete_category(code: Code, user: PathUser, session: SessionDep) -> None:
    """Delete a category of one's own: its transactions get Plaid's category back, its
    split parts none, its budget lines go. Refused while a rule uses it."""
    await service.delete_category(session, user.id, code)


@router.post("/users/{user_id}/categories/{code}/merge", response_model=Merged)
async def merge_category(
    code: Code, body: CategoryMerge, user: PathUser, session: SessionDep
) -> Merged:
    """Merge this category into `into`: its transactions, parts, budget lines and rules
    name `into` afterwards, and so do the transactions Plaid puts in it later."""
    return Merged(moved=await service.merge(session, user.id, code, body))

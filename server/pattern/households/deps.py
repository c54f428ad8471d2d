"""Whose money a request under /users/{user_id}/ reads: the caller's own (or, to an
administrator, anyone's), or what the path's person shares with the caller. Only the
routes that take a View let a member in; every other route of the owner's stays 404 to
them (pattern.auth.deps.PathUser)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends

from pattern.auth.deps import CurrentUser, could_exist, get_path_user
from pattern.households import service
from pattern.kit.cache import LruCache, UserCache
from pattern.kit.db import Shown
from pattern.kit.deps import SessionDep, provided
from pattern.kit.errors import Forbidden, NotFound
from pattern.models import User

VIEW_ONLY = "This is shared with you to view only: its owner can let you edit it."


@dataclass(frozen=True)
class View:
    owner: User
    shown: Shown  # the shared accounts; None: all of the owner's (the owner asks)
    can_edit: bool
    budget: bool  # the owner's budget is shown
    cache: UserCache  # the owner's figures, apart for each set of shared accounts

    @property
    def shared(self) -> bool:
        return self.shown is not None


async def get_path_view(
    user_id: int,
    caller: CurrentUser,
    session: SessionDep,
    store: Annotated[LruCache, Depends(provided(LruCache))],
) -> View:
    if caller.id == user_id or caller.is_admin:
        owner = await get_path_user(user_id, caller, session)
        return View(owner, None, True, True, UserCache(store, owner.id, owner.data_version))
    shared = (
        await service.shared_with(session, user_id, caller.id) if could_exist(user_id) else None
    )
    sharer = await session.get(User, user_id) if shared is not None else None
    if shared is None or sharer is None:
        raise NotFound("User not found.")
    cache = UserCache(store, sharer.id, sharer.data_version, shared.accounts)
    return View(sharer, shared.accounts, shared.can_edit, shared.budget, cache)


PathView = Annotated[View, Depends(get_path_view)]


def view_only() -> Forbidden:
    """What a member whose share is view only gets when they try to change something."""
    return Forbidden(VIEW_ONLY, code="view_only_share")


def _editable(view: View) -> View:
    if not view.can_edit:
        raise view_only()
    return view


async def get_editable_view(view: PathView) -> View:
    return _editable(view)


EditableView = Annotated[View, Depends(get_editable_view)]


async def get_budget_view(view: PathView) -> View:
    """The owner's budget, to them, or to a member it is shared with (the household's)."""
    if not view.budget:
        raise NotFound("User not found.")
    return view


BudgetView = Annotated[View, Depends(get_budget_view)]


async def get_editable_budget_view(view: BudgetView) -> View:
    return _editable(view)


EditableBudgetView = Annotated[View, Depends(get_editable_budget_view)]

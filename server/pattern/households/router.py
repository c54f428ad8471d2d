from __future__ import annotations

from fastapi import APIRouter

from pattern.auth.deps import OwnPathUser, OwnSessionUser, SessionUser, could_exist
from pattern.households import service
from pattern.households.schemas import (
    ReceivedShareRead,
    ShareAccept,
    ShareCreate,
    ShareCreated,
    ShareRead,
    ShareWrite,
)
from pattern.kit.deps import SessionDep, UserEventsDep
from pattern.kit.errors import NotFound

router = APIRouter(tags=["households"])


@router.get("/users/{user_id}/shares", response_model=list[ShareRead])
async def given(user: OwnSessionUser, session: SessionDep) -> list[ShareRead]:
    """The shares you give: with whom (or an invite link not yet taken), what and how."""
    return await service.given(session, user.id)


@router.post("/users/{user_id}/shares", status_code=201, response_model=ShareCreated)
async def share(
    body: ShareCreate, user: OwnSessionUser, session: SessionDep, events: UserEventsDep
) -> ShareCreated:
    """Share some of your accounts with a person here (`username`), at once; or, without
    `username`, make an invite link (its `invite_token` is in this answer only, and works
    once, for 7 days). They see those accounts' transactions, insights and net worth, and
    your budget when `budget`; "edit" lets them edit those transactions too. Your banks,
    their Plaid access and their management stay yours. Signed-in people only."""
    return await service.create(session, user, body, events)


@router.put("/shares/{share_id}", response_model=ShareRead)
async def change(
    share_id: int, body: ShareWrite, user: SessionUser, session: SessionDep, events: UserEventsDep
) -> ShareRead:
    """Change what a share you give includes and allows: it holds from the next request."""
    if not could_exist(share_id):
        raise NotFound(service.NOT_FOUND)
    return await service.change(session, user, share_id, body, events)


@router.delete("/shares/{share_id}", status_code=204)
async def end(share_id: int, user: SessionUser, session: SessionDep, events: UserEventsDep) -> None:
    """End a share you give, or leave one given to you: at once, open pages included."""
    if not could_exist(share_id):
        raise NotFound(service.NOT_FOUND)
    await service.end(session, user, share_id, events)


@router.get("/users/{user_id}/shared-with-me", response_model=list[ReceivedShareRead])
async def received(user: OwnPathUser, session: SessionDep) -> list[ReceivedShareRead]:
    """What others share with you: read it through their routes, /api/users/{owner.id}/..."""
    return await service.received(session, user.id)


@router.post("/shares/accept", response_model=ReceivedShareRead)
async def accept(
    body: ShareAccept, user: SessionUser, session: SessionDep, events: UserEventsDep
) -> ReceivedShareRead:
    """Take an invite link to a share (its token): the share is yours to see from now on."""
    return await service.accept(session, user, body, events)

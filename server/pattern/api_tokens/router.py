from __future__ import annotations

from fastapi import APIRouter

from pattern.api_tokens import service
from pattern.api_tokens.schemas import ApiTokenCreate, ApiTokenCreated, ApiTokenRead
from pattern.auth.deps import OwnSessionUser, could_exist
from pattern.kit.deps import SessionDep
from pattern.kit.errors import NotFound

router = APIRouter(prefix="/users/{user_id}/tokens", tags=["api tokens"])


@router.post("", status_code=201, response_model=ApiTokenCreated)
async def create_token(
    body: ApiTokenCreate, user: OwnSessionUser, session: SessionDep
) -> ApiTokenCreated:
    """A personal API token for programs: send it as `Authorization: Bearer <token>`. Its
    secret is in this answer only. Read tokens may only read; neither kind can manage
    tokens, passwords, sessions or users, nor act as an administrator. Signed-in people
    only (not with a token)."""
    return await service.create(session, user, body)


@router.get("", response_model=list[ApiTokenRead])
async def list_tokens(user: OwnSessionUser, session: SessionDep) -> list[ApiTokenRead]:
    """Your API tokens, newest first, with when each was last used (never their secrets)."""
    return list(await service.list_tokens(session, user.id))


@router.delete("/{token_id}", status_code=204)
async def revoke_token(token_id: int, user: OwnSessionUser, session: SessionDep) -> None:
    """Revoke one of your API tokens: the next request with it is refused (401)."""
    if not could_exist(token_id):
        raise NotFound(service.NOT_FOUND)
    await service.revoke(session, user.id, token_id)

"""Personal API tokens: made, listed and revoked by their owner; checked on each request.

A token is `pat_` and 43 random base-62 characters (256 bits). Only its SHA-256 is kept:
a secret that random needs no slow hash, and a lookup by hash is one indexed read
(docs/adr/0030-personal-api-tokens.md).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import string
import time
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pattern.api_tokens import repository
from pattern.api_tokens.limits import TokenRateLimits
from pattern.api_tokens.schemas import ApiTokenCreate, ApiTokenCreated, ApiTokenRead
from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.kit import clock
from pattern.kit.errors import Conflict, NotFound, Unprocessable
from pattern.models import ApiToken, User
from pattern.models.base import utcnow

logger = logging.getLogger(__name__)

PREFIX = "pat_"
_ALPHABET = string.ascii_letters + string.digits
_SECRET_LENGTH = 43  # 43 base-62 characters: 256 bits
MAX_TOKENS = 50
# last_used_at is written at most this often per token: reads stay reads.
USE_RESOLUTION = timedelta(minutes=1)

TOO_MANY = f"You have {MAX_TOKENS} API tokens already; revoke one you no longer use first."
PAST_EXPIRY = "The expiry date has passed: choose today or a later day."
NOT_FOUND = "API token not found."


def new_secret() -> str:
    return PREFIX + "".join(secrets.choice(_ALPHABET) for _ in range(_SECRET_LENGTH))


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_token(secret: str) -> bool:
    return (
        len(secret) == len(PREFIX) + _SECRET_LENGTH
        and secret.startswith(PREFIX)
        and all(char in _ALPHABET for char in secret[len(PREFIX) :])
    )


def _read(token: ApiToken) -> ApiTokenRead:
    return ApiTokenRead.model_validate(token, from_attributes=True)


async def create(session: AsyncSession, user: User, body: ApiTokenCreate) -> ApiTokenCreated:
    """A new token of `user` and its secret, which is never shown again."""
    expires_at = None
    if body.expires_date is not None:
        if body.expires_date < clock.today(user.time_zone):
            raise Unprocessable(PAST_EXPIRY, code="invalid_input", field="expires_date")
        expires_at = clock.end_of_day(body.expires_date, user.time_zone)
    if await repository.count_of(session, user.id) >= MAX_TOKENS:
        raise Conflict(TOO_MANY, code="too_many_tokens")
    secret = new_secret()
    token = await repository.add(
        session,
        ApiToken(
            user_id=user.id,
            name=body.name,
            scope=body.scope,
            token_hash=token_hash(secret),
            created_at=utcnow(),
            expires_date=body.expires_date,
            expires_at=expires_at,
            last_used_at=None,
        ),
    )
    audit.record(
        session,
        actor_id=user.id,
        action=AuditAction.API_TOKEN_CREATED,
        detail={"name": token.name, "scope": token.scope},
    )
    return ApiTokenCreated(**_read(token).model_dump(), token=secret)


async def list_tokens(session: AsyncSession, user_id: int) -> Sequence[ApiTokenRead]:
    return [_read(token) for token in await repository.list_of(session, user_id)]


async def revoke(session: AsyncSession, user_id: int, token_id: int) -> None:
    """Deletes the token: the next request with it is refused."""
    name = await repository.delete_own(session, user_id, token_id)
    if name is None:
        raise NotFound(NOT_FOUND)
    audit.record(
        session, actor_id=user_id, action=AuditAction.API_TOKEN_REVOKED, detail={"name": name}
    )


class ApiTokens:
    """Checks the tokens requests carry: who they are, how fast they go, when last used."""

    def __init__(
        self, limits: TokenRateLimits, sessionmaker: async_sessionmaker[AsyncSession]
    ) -> None:
        self._limits = limits
        self._sessionmaker = sessionmaker
        self._noted: dict[int, float] = {}  # token id: when this process last wrote its use

    async def authenticate(
        self, session: AsyncSession, secret: str
    ) -> tuple[User, ApiToken] | None:
        """The owner and the token, if it exists and has not expired, and its owner is not
        disabled (pattern.audit's admin action: their tokens stop with their sessions)."""
        if not looks_like_token(secret):
            return None
        found = await repository.with_user(session, token_hash(secret))
        if found is None or found[0].disabled_at is not None:
            return None
        expires_at = found[1].expires_at
        if expires_at is not None and expires_at <= utcnow():
            return None
        await self._note_use(found[1])
        return found

    async def retry_after(self, token_id: int) -> int:
        """Counts a request with the token: 0 when it may go on, else seconds to wait."""
        return await self._limits.retry_after(token_id)

    async def _note_use(self, token: ApiToken) -> None:
        """last_used_at, at most once a minute per token, in its own short transaction: the
        request's own may be read-only, be refused, or be long."""
        now, moment = utcnow(), time.monotonic()
        seen = token.last_used_at
        if seen is not None and now - seen < USE_RESOLUTION:
            return
        if moment - self._noted.get(token.id, -1e9) < USE_RESOLUTION.total_seconds():
            return
        if len(self._noted) > 10_000:
            self._noted.clear()
        self._noted[token.id] = moment
        try:
            async with self._sessionmaker() as own, own.begin():
                await repository.note_use(own, token.id, now, now - USE_RESOLUTION)
        except SQLAlchemyError as exc:
            logger.warning(
                "could not note the use of API token %s: %s", token.id, type(exc).__name__
            )

    async def close(self) -> None:
        await self._limits.close()

"""Single sign-on: a log-in begun here, finished at the OpenID provider, and the account it
is: the one that subject logged in to before, else the one the chosen claim names, else
(when allowed) a new one. See docs/adr/0034-single-sign-on-with-openid-connect.md."""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.auth.passwords import hash_password
from pattern.auth.tokens import TokenSigner
from pattern.invites import service as invites_service
from pattern.kit.config import Settings
from pattern.kit.db import release_connection
from pattern.models import User
from pattern.models.base import utcnow
from pattern.sso import repository
from pattern.sso.flow import flow_token, read_flow
from pattern.sso.provider import OpenIdProvider, SsoFailure
from pattern.users import repository as users_repository

# What an account made by SSO may be called: the claim's value as it is (an email address
# too), when it fits the username column.
SSO_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,63}$")


@dataclass(frozen=True)
class Begun:
    url: str
    flow_token: str


class SingleSignOn:
    def __init__(self, settings: Settings, signer: TokenSigner) -> None:
        self.enabled = settings.sso_enabled
        self.name = settings.oidc_name
        self.provider = OpenIdProvider(
            issuer=settings.oidc_issuer,
            client_id=settings.oidc_client_id,
            client_secret=settings.oidc_client_secret.get_secret_value(),
            scopes=settings.oidc_scopes,
        )
        self._claim = settings.oidc_claim
        self._auto_create = settings.oidc_auto_create
        self._policy = settings.signup
        self._signer = signer

    async def begin(self, redirect_uri: str, invite: str | None = None) -> Begun:
        started = await self.provider.start(redirect_uri)
        return Begun(url=started.url, flow_token=flow_token(self._signer, started, invite))

    async def complete(
        self,
        session: AsyncSession,
        *,
        flow_cookie: str | None,
        code: str | None,
        state: str | None,
        error: str | None,
        redirect_uri: str,
        client: str,
    ) -> User:
        """The account this browser's log-in at the provider is, or SsoFailure."""
        flow = read_flow(self._signer, flow_cookie)
        if error:
            raise SsoFailure("denied" if error == "access_denied" else "provider_refused", error)
        if flow is None:
            raise SsoFailure("expired")
        if not state or not hmac.compare_digest(state.encode(), flow.state.encode()):
            raise SsoFailure("bad_state")
        if not code:
            raise SsoFailure("provider_refused", "no code")
        claims = await self.provider.finish(
            redirect_uri, code=code, verifier=flow.verifier, nonce=flow.nonce
        )
        return await self._account(session, claims, client, flow.invite)

    async def _account(
        self, session: AsyncSession, claims: dict[str, Any], client: str, invite: str | None
    ) -> User:
        issuer, subject = self.provider.issuer, str(claims["sub"])
        found = await repository.user_of_subject(session, issuer, subject)
        if found is not None:
            user, identity = found
            identity.last_login_at = utcnow()
        else:
            user = await self._matched(session, claims, client) or await self._created(
                session, claims, invite
            )
            repository.add_identity(session, user.id, issuer, subject, utcnow())
            audit.record(
                session, actor_id=user.id, action=AuditAction.SSO_LINKED, detail={"issuer": issuer}
            )
            try:
                await session.flush()
            except IntegrityError:  # the same log-in, finished twice at once
                raise SsoFailure("retry") from None
        if user.disabled_at is not None:
            _failed(session, user.id, "account_disabled", client)
            raise SsoFailure("account_disabled")
        return user

    def _claimed(self, claims: dict[str, Any]) -> str:
        value = claims.get(self._claim)
        if not isinstance(value, str) or not value.strip():
            raise SsoFailure("missing_claim", self._claim)
        if self._claim == "email" and claims.get("email_verified") not in (True, "true"):
            raise SsoFailure("email_unverified")
        return value.strip()

    async def _matched(
        self, session: AsyncSession, claims: dict[str, Any], client: str
    ) -> User | None:
        """The account whose username is the claim's value, unless it follows another
        subject of this provider already (the claim has moved to someone else)."""
        user = await users_repository.get_by_username(session, self._claimed(claims))
        if user is not None and await repository.has_identity(
            session, user.id, self.provider.issuer
        ):
            _failed(session, user.id, "other_subject", client)
            raise SsoFailure("other_subject")
        return user

    async def _created(
        self, session: AsyncSession, claims: dict[str, Any], invite: str | None
    ) -> User:
        """A new ordinary account, when OIDC_AUTO_CREATE allows or an administrator's invite
        came with the log-in, and SIGNUP is not closed."""
        if not self._auto_create and invite is None:
            raise SsoFailure("no_account")
        if self._policy == "closed":
            raise SsoFailure("sign_up_closed")
        if not await users_repository.is_set_up(session):
            raise SsoFailure("no_administrator")  # the first account is the setup code's
        if invite is not None and not await invites_service.is_usable(session, invite):
            raise SsoFailure("invalid_invite")
        username = self._claimed(claims)
        if not SSO_USERNAME.fullmatch(username):
            raise SsoFailure("bad_username")
        # A password nobody knows: the account logs in through the provider.
        await release_connection(session)
        unknown = await hash_password(secrets.token_urlsafe(32))
        user = User(username=username, password_hash=unknown, is_admin=False)
        session.add(user)
        try:
            await session.flush()
        except IntegrityError:  # made meanwhile by another log-in
            raise SsoFailure("retry") from None
        if invite is not None and not await invites_service.spend(session, invite, user.id):
            # Spent meanwhile by another sign-up: no account after all (this request commits).
            await users_repository.delete(session, user.id)
            raise SsoFailure("invalid_invite")
        detail: dict[str, str | bool] = {"by": "sso"}
        if invite is not None:
            detail["invite"] = True
        audit.record(session, actor_id=user.id, action=AuditAction.SIGNED_UP, detail=detail)
        return user


def _failed(session: AsyncSession, user_id: int, reason: str, client: str) -> None:
    audit.record(
        session,
        actor_id=None,
        action=AuditAction.LOGIN_SSO_FAILED,
        target_user_id=user_id,
        detail={"reason": reason},
        ip=client,
    )

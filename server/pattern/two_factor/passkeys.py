"""Passkeys (WebAuthn, by py_webauthn): registered in Settings, then a second factor after
the password, or a log-in on their own (a discoverable credential, verified by the device).

Each ceremony's challenge travels in a short-lived signed cookie, so no server state is kept
between its two requests. Its first answer, right or wrong, uses it up (a row in
used_passkey_challenges, seen by every process): a replayed answer is refused even from a
passkey whose signature counter stays 0, as synced passkeys' do.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import webauthn
from sqlalchemy.ext.asyncio import AsyncSession
from webauthn.helpers import bytes_to_base64url
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from pattern.audit import service as audit
from pattern.audit.actions import AuditAction
from pattern.auth.tokens import PENDING_MINUTES, TokenSigner
from pattern.kit.errors import Conflict, NotFound, Unauthorized, Unprocessable
from pattern.models import Passkey, User
from pattern.models.base import utcnow
from pattern.two_factor import repository

logger = logging.getLogger(__name__)

CHALLENGE_KIND = "passkey-challenge"
NOT_VERIFIED = "The passkey could not be verified; please try again."
ALREADY_ADDED = "That passkey is added already."
NOT_FOUND = "Passkey not found."
CHALLENGE_USED = "This passkey request was answered already; please start again."
LAST_FACTOR = "This server requires a second factor: keep this passkey, or set up an app first."


@dataclass(frozen=True)
class RelyingParty:
    """Who the passkeys are for: this server's host name, and the origin of its pages."""

    id: str
    origin: str
    name: str = "Pattern"


@dataclass(frozen=True)
class Ceremony:
    """The options for the browser, and the signed cookie that remembers their challenge."""

    options: dict[str, Any]
    challenge_token: str


class Passkeys:
    def __init__(self, signer: TokenSigner) -> None:
        self._signer = signer

    def _ceremony(self, options: Any, purpose: str, user_id: int) -> Ceremony:
        token = self._signer.issue_short(
            CHALLENGE_KIND,
            str(user_id),
            now=utcnow(),
            ttl=timedelta(minutes=PENDING_MINUTES),
            purpose=purpose,
            challenge=bytes_to_base64url(options.challenge),
        )
        return Ceremony(json.loads(webauthn.options_to_json(options)), token)

    async def _challenge(
        self, session: AsyncSession, token: str | None, purpose: str
    ) -> tuple[int, bytes]:
        """The user and challenge of a ceremony begun here (else 401), used up by this
        answer whatever comes of it (409 when an answer came already). The errors after
        this keep the request's changes, so a wrong answer uses it up too."""
        claims = self._signer.read_short(CHALLENGE_KIND, token) if token else None
        if not claims or claims.get("purpose") != purpose:
            raise Unauthorized(NOT_VERIFIED, code="passkey_not_verified")
        try:
            user_id, encoded = int(claims["sub"]), str(claims["challenge"])
            challenge = webauthn.base64url_to_bytes(encoded)
            expires_at = datetime.fromtimestamp(int(claims["exp"]), UTC)
        except (KeyError, TypeError, ValueError) as exc:
            raise Unauthorized(NOT_VERIFIED, code="passkey_not_verified") from exc
        if not await repository.use_passkey_challenge(
            session, encoded, expires_at=expires_at, now=utcnow()
        ):
            raise Conflict(CHALLENGE_USED, code="passkey_challenge_used", keep_changes=True)
        return user_id, challenge

    async def registration(self, session: AsyncSession, user: User, rp: RelyingParty) -> Ceremony:
        existing = await repository.passkeys_of(session, user.id)
        options = webauthn.generate_registration_options(
            rp_id=rp.id,
            rp_name=rp.name,
            user_id=str(user.id).encode(),
            user_name=user.username,
            exclude_credentials=[_descriptor(passkey) for passkey in existing],
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.REQUIRED,
                user_verification=UserVerificationRequirement.PREFERRED,
            ),
        )
        return self._ceremony(options, "register", user.id)

    async def register(
        self,
        session: AsyncSession,
        user: User,
        *,
        name: str,
        credential: dict[str, Any],
        challenge_token: str | None,
        rp: RelyingParty,
    ) -> Passkey:
        user_id, challenge = await self._challenge(session, challenge_token, "register")
        if user_id != user.id:
            raise Unauthorized(NOT_VERIFIED, code="passkey_not_verified", keep_changes=True)
        try:
            verified = webauthn.verify_registration_response(
                credential=credential,
                expected_challenge=challenge,
                expected_rp_id=rp.id,
                expected_origin=rp.origin,
            )
        except WebAuthnException as exc:
            logger.info("passkey registration refused: %s", type(exc).__name__)
            raise Unprocessable(
                NOT_VERIFIED, code="passkey_not_verified", keep_changes=True
            ) from exc
        credential_id = bytes_to_base64url(verified.credential_id)
        if await repository.passkey_by_credential(session, credential_id) is not None:
            raise Conflict(ALREADY_ADDED, code="passkey_exists", keep_changes=True)
        passkey = Passkey(
            user_id=user.id,
            name=name.strip() or "Passkey",
            credential_id=credential_id,
            public_key=verified.credential_public_key,
            sign_count=verified.sign_count,
            created_at=utcnow(),
        )
        session.add(passkey)
        await session.flush()
        audit.record(
            session,
            actor_id=user.id,
            action=AuditAction.PASSKEY_ADDED,
            detail={"name": passkey.name},
        )
        return passkey

    async def remove(self, session: AsyncSession, user: User, passkey_id: int) -> None:
        passkeys = await repository.passkeys_of(session, user.id)
        removed = next((passkey for passkey in passkeys if passkey.id == passkey_id), None)
        if removed is None:
            raise NotFound(NOT_FOUND)
        totp = await repository.totp_of(session, user.id)
        others = len(passkeys) > 1 or (totp is not None and totp.confirmed_at is not None)
        if not others and await repository.require_two_factor(session):
            raise Conflict(LAST_FACTOR, code="two_factor_required")
        await repository.delete_passkey(session, user.id, passkey_id)
        if not others:
            await repository.delete_recovery_codes(session, user.id)
        audit.record(
            session,
            actor_id=user.id,
            action=AuditAction.PASSKEY_REMOVED,
            detail={"name": removed.name},
        )

    async def authentication(
        self, session: AsyncSession, user_id: int, rp: RelyingParty
    ) -> Ceremony:
        """For the second step (`user_id`: their passkeys), or for a log-in with a passkey
        alone (0: whichever passkey the device offers, verified by the device)."""
        allowed = await repository.passkeys_of(session, user_id) if user_id else []
        options = webauthn.generate_authentication_options(
            rp_id=rp.id,
            allow_credentials=[_descriptor(passkey) for passkey in allowed],
            user_verification=(
                UserVerificationRequirement.PREFERRED
                if user_id
                else UserVerificationRequirement.REQUIRED
            ),
        )
        return self._ceremony(options, "authenticate", user_id)

    async def authenticate(
        self,
        session: AsyncSession,
        *,
        credential: dict[str, Any],
        challenge_token: str | None,
        rp: RelyingParty,
    ) -> User:
        """The user whose passkey answered the challenge."""
        user_id, challenge = await self._challenge(session, challenge_token, "authenticate")
        refused = Unauthorized(NOT_VERIFIED, code="passkey_not_verified", keep_changes=True)
        raw_id = credential.get("id")
        passkey = (
            await repository.passkey_by_credential(session, raw_id)
            if isinstance(raw_id, str) and len(raw_id) <= 512
            else None
        )
        if passkey is None or (user_id and passkey.user_id != user_id):
            raise refused
        try:
            verified = webauthn.verify_authentication_response(
                credential=credential,
                expected_challenge=challenge,
                expected_rp_id=rp.id,
                expected_origin=rp.origin,
                credential_public_key=passkey.public_key,
                credential_current_sign_count=passkey.sign_count,
                require_user_verification=not user_id,
            )
        except WebAuthnException as exc:
            logger.info("passkey log-in refused: %s", type(exc).__name__)
            raise refused from exc
        passkey.sign_count = verified.new_sign_count
        passkey.last_used_at = utcnow()
        user = await session.get(User, passkey.user_id)
        if user is None:
            raise refused
        return user


def _descriptor(passkey: Passkey) -> PublicKeyCredentialDescriptor:
    return PublicKeyCredentialDescriptor(id=webauthn.base64url_to_bytes(passkey.credential_id))

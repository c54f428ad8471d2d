"""The OpenID provider, as seen by this server (a relying party): discovery, the
authorization code flow with PKCE, state and nonce, and the ID token's checks.

authlib does the protocol (docs/adr/0034-single-sign-on-with-openid-connect.md): its httpx
client builds the authorization URL and exchanges the code; the ID token's signature is
checked with joserfc (authlib's own JOSE library) against the provider's JWKS, and its
claims (iss, aud, exp, iat, nonce, azp, at_hash) with authlib's CodeIDToken. Nothing here
logs a code, a token or the client secret.
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from dataclasses import dataclass
from typing import Any

import authlib.deprecate  # noqa: F401  (its warning filter first, so ours below wins)
import httpx
from authlib.common.security import generate_token
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

with warnings.catch_warnings():
    # authlib 1.8+ prefers the httpx2 fork and says so on import; httpx is ours already.
    warnings.filterwarnings("ignore", message="The httpx module is deprecated")
    from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuthError

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
# How long the provider's metadata and keys are kept before they are read again (a key
# the token names but the set lacks is looked for at once).
METADATA_SECONDS = 3600
TIMEOUT_SECONDS = 10
# Seconds of clock difference allowed between the provider and this server.
LEEWAY_SECONDS = 60
# Asymmetric signatures only: the keys come from the provider's JWKS.
ALLOWED_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")


class SsoFailure(Exception):
    """A log-in the provider (or its answer) did not complete; `reason` is a stable code
    the log-in page shows in words."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Started:
    """Where the browser goes, and what its callback must bring back or match."""

    url: str
    state: str
    nonce: str
    verifier: str


@dataclass
class _Cached:
    metadata: dict[str, Any]
    keys: KeySet | None
    read_at: float


class OpenIdProvider:
    def __init__(self, *, issuer: str, client_id: str, client_secret: str, scopes: str) -> None:
        self.issuer = issuer
        self.client_id = client_id
        self._client_secret = client_secret
        self._scopes = scopes
        self._cached: _Cached | None = None
        self._lock = asyncio.Lock()

    def _client(self, redirect_uri: str) -> AsyncOAuth2Client:
        secret = self._client_secret or None
        return AsyncOAuth2Client(
            client_id=self.client_id,
            client_secret=secret,
            # Without a secret: a public client, its code bound by PKCE alone.
            token_endpoint_auth_method="client_secret_basic" if secret else "none",
            scope=self._scopes,
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            timeout=TIMEOUT_SECONDS,
        )

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as http:
                response = await http.get(url, headers={"Accept": "application/json"})
                response.raise_for_status()
                found = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SsoFailure("provider_unavailable", type(exc).__name__) from None
        if not isinstance(found, dict):
            raise SsoFailure("provider_unavailable", "not a JSON object")
        return found

    async def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (kept an hour), whose issuer must be ours."""
        async with self._lock:
            cached = self._cached
            if cached and time.monotonic() - cached.read_at < METADATA_SECONDS:
                return cached.metadata
            found = await self._get_json(self.issuer.rstrip("/") + DISCOVERY_PATH)
            if found.get("issuer") != self.issuer:
                raise SsoFailure("provider_unavailable", "the discovery names another issuer")
            for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not isinstance(found.get(key), str):
                    raise SsoFailure("provider_unavailable", f"the discovery has no {key}")
            self._cached = _Cached(found, None, time.monotonic())
            return found

    async def _keys(self, metadata: dict[str, Any], *, again: bool = False) -> KeySet:
        cached = self._cached
        if cached is not None and cached.keys is not None and not again:
            return cached.keys
        try:
            keys = KeySet.import_key_set(await self._get_json(metadata["jwks_uri"]))  # type: ignore[arg-type]
        except (JoseError, ValueError, TypeError, KeyError):
            raise SsoFailure("provider_unavailable", "its keys could not be read") from None
        if cached is not None:
            cached.keys = keys
        return keys

    async def start(self, redirect_uri: str) -> Started:
        """The provider's authorization URL, with a new state, nonce and PKCE verifier."""
        metadata = await self.metadata()
        state, nonce, verifier = generate_token(32), generate_token(32), generate_token(64)
        url, _ = self._client(redirect_uri).create_authorization_url(
            metadata["authorization_endpoint"], state=state, nonce=nonce, code_verifier=verifier
        )
        return Started(url=url, state=state, nonce=nonce, verifier=verifier)

    async def finish(
        self, redirect_uri: str, *, code: str, verifier: str, nonce: str
    ) -> dict[str, Any]:
        """The ID token's claims, once the code is exchanged and the token checked."""
        metadata = await self.metadata()
        try:
            async with self._client(redirect_uri) as client:
                token = await client.fetch_token(
                    metadata["token_endpoint"], code=code, code_verifier=verifier
                )
        except OAuthError as exc:  # the provider refused the code (its error, never the code)
            raise SsoFailure("provider_refused", str(exc.error)) from None
        except (httpx.HTTPError, ValueError) as exc:
            raise SsoFailure("provider_unavailable", type(exc).__name__) from None
        id_token = token.get("id_token")
        if not isinstance(id_token, str):
            raise SsoFailure("invalid_token", "the provider sent no ID token")
        access_token = token.get("access_token")
        claims = await self.check_id_token(id_token, nonce, access_token, metadata)
        endpoint = metadata.get("userinfo_endpoint")
        if isinstance(endpoint, str) and isinstance(access_token, str):
            claims = {**await self._user_info(endpoint, access_token, claims["sub"]), **claims}
        return claims

    async def _user_info(self, endpoint: str, access_token: str, subject: str) -> dict[str, Any]:
        """The UserInfo endpoint's claims: some providers (Authelia by default) put the
        username and email there, not in the ID token. Its `sub` must be the token's."""
        try:
            async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS) as http:
                response = await http.get(
                    endpoint,
                    headers={
                        "Authorization": f"Bearer {access_token}",
                        "Accept": "application/json",
                    },
                )
                response.raise_for_status()
                found = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise SsoFailure("provider_unavailable", f"userinfo: {type(exc).__name__}") from None
        if not isinstance(found, dict) or found.get("sub") != subject:
            raise SsoFailure("invalid_token", "the userinfo is of another subject")
        return found

    async def check_id_token(
        self, id_token: str, nonce: str, access_token: object, metadata: dict[str, Any]
    ) -> dict[str, Any]:
        """The token's claims if its signature is the provider's and it is for us, now,
        with our nonce; else SsoFailure("invalid_token")."""
        offered = metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
        algorithms = [name for name in offered if name in ALLOWED_ALGORITHMS] or ["RS256"]
        try:
            try:
                decoded = jwt.decode(id_token, await self._keys(metadata), algorithms=algorithms)
            except JoseError:  # a key the set lacks: the provider may have rotated them
                decoded = jwt.decode(
                    id_token, await self._keys(metadata, again=True), algorithms=algorithms
                )
            claims = CodeIDToken(
                decoded.claims,
                decoded.header,
                {
                    "iss": {"essential": True, "value": self.issuer},
                    "aud": {"essential": True, "value": self.client_id},
                    "sub": {"essential": True},
                    "exp": {"essential": True},
                    "nonce": {"essential": True, "value": nonce},
                },
                {
                    "nonce": nonce,
                    "client_id": self.client_id,
                    "access_token": access_token if isinstance(access_token, str) else None,
                },
            )
            claims.validate(leeway=LEEWAY_SECONDS)
        except (JoseError, ValueError, TypeError) as exc:
            raise SsoFailure("invalid_token", _described(exc)) from None
        return dict(claims)


def _described(exc: Exception) -> str:
    """What was wrong with a token, without the token."""
    if isinstance(exc, JoseError):
        return f"{exc.error}: {exc.description}" if exc.description else str(exc.error)
    return type(exc).__name__

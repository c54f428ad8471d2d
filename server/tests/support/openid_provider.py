"""A small OpenID provider on loopback for the tests: discovery, an authorize endpoint that
approves at once for its configured person, a token endpoint issuing RS256-signed ID tokens
(checking the client's secret, the code, its redirect URI and the PKCE verifier), and its
JWKS. A test changes `person` or `tamper` to play a provider that answers otherwise."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from plaid_emulator.testing import serve_in_thread

CLIENT_ID = "pattern-test"
CLIENT_SECRET = "sso-client-secret-7f3a"


@dataclass
class Grant:
    redirect_uri: str
    challenge: str
    nonce: str | None


@dataclass
class OpenIdTestProvider:
    url: str = ""
    # The claims of whoever "logs in" at the provider.
    person: dict[str, Any] = field(
        default_factory=lambda: {
            "sub": "subject-alice-1",
            "preferred_username": "alice",
            "email": "alice@example.org",
            "email_verified": True,
        }
    )
    # Claims the next ID tokens get instead (aud, exp, nonce...), to play a wrong provider.
    tamper: dict[str, Any] = field(default_factory=dict)
    # Sign with a key the JWKS does not hold.
    foreign_key: bool = False
    # Answer the authorization with ?error=access_denied (the person said no).
    deny: bool = False
    # Claims left out of the ID token and given by the UserInfo endpoint only (as Authelia
    # does by default), and that endpoint's own changes (a wrong sub).
    userinfo_only: tuple[str, ...] = ()
    userinfo_tamper: dict[str, Any] = field(default_factory=dict)
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, {"kid": "k1"}))
    grants: dict[str, Grant] = field(default_factory=dict)
    issued: list[str] = field(default_factory=list)
    access_tokens: set[str] = field(default_factory=set)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/jwks", self.jwks),
                Route("/userinfo", self.userinfo),
            ]
        )

    async def discovery(self, _: Request) -> Response:
        return JSONResponse(
            {
                "issuer": self.url,
                "authorization_endpoint": f"{self.url}/authorize",
                "token_endpoint": f"{self.url}/token",
                "jwks_uri": f"{self.url}/jwks",
                "userinfo_endpoint": f"{self.url}/userinfo",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
            }
        )

    async def authorize(self, request: Request) -> Response:
        query = request.query_params
        assert query["client_id"] == CLIENT_ID
        assert query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256"
        assert "openid" in query["scope"].split()
        target = query["redirect_uri"]
        if self.deny:
            answer = {"error": "access_denied", "state": query["state"]}
            return RedirectResponse(f"{target}?{urlencode(answer)}", 302)
        code = secrets.token_urlsafe(24)
        self.grants[code] = Grant(target, query["code_challenge"], query.get("nonce"))
        return RedirectResponse(
            f"{target}?{urlencode({'code': code, 'state': query['state']})}", 302
        )

    async def token(self, request: Request) -> Response:
        form = {key: values[0] for key, values in parse_qs((await request.body()).decode()).items()}
        basic = request.headers.get("authorization", "")
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if basic != f"Basic {expected}":
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = self.grants.pop(str(form.get("code")), None)
        verifier = str(form.get("code_verifier", ""))
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("redirect_uri") != grant.redirect_uri
            or challenge.rstrip(b"=").decode() != grant.challenge
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            **{key: value for key, value in self.person.items() if key not in self.userinfo_only},
            **self.tamper,
        }
        key = RSAKey.generate_key(2048, {"kid": "k1"}) if self.foreign_key else self.key
        id_token = jwt.encode({"alg": "RS256", "kid": "k1"}, claims, key)
        self.issued.append(id_token)
        access = secrets.token_urlsafe(24)
        self.issued.append(access)
        self.access_tokens.add(access)
        return JSONResponse(
            {
                "access_token": access,
                "token_type": "Bearer",
                "expires_in": 300,
                "id_token": id_token,
            }
        )

    async def userinfo(self, request: Request) -> Response:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if token not in self.access_tokens:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse({**self.person, **self.userinfo_tamper})

    async def jwks(self, _: Request) -> Response:
        return JSONResponse(KeySet([self.key]).as_dict(private=False))


@contextmanager
def running_provider() -> Iterator[OpenIdTestProvider]:
    provider = OpenIdTestProvider()
    with serve_in_thread(provider.app()) as server:
        provider.url = server.url
        yield provider


def sso_settings(provider: OpenIdTestProvider, **overrides: Any) -> dict[str, Any]:
    """The app's settings for single sign-on at `provider`."""
    return {
        "oidc_issuer": provider.url,
        "oidc_client_id": CLIENT_ID,
        "oidc_client_secret": CLIENT_SECRET,
        "oidc_name": "Test ID",
        **overrides,
    }

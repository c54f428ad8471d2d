"""What a log-in keeps between its two requests: state, nonce and PKCE verifier (and the
invite it came with), in a signed httpOnly cookie of this browser (it alone may finish the
log-in it began)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from pattern.auth.tokens import TokenSigner
from pattern.models.base import utcnow
from pattern.sso.provider import Started

FLOW_KIND = "sso-flow"
# How long a person may take at the provider.
FLOW_MINUTES = 10


@dataclass(frozen=True)
class Flow:
    state: str
    nonce: str
    verifier: str
    # An administrator's invite (its code): makes an account for someone with none.
    invite: str | None = None


def flow_token(signer: TokenSigner, started: Started, invite: str | None = None) -> str:
    return signer.issue_short(
        FLOW_KIND,
        "sso",
        now=utcnow(),
        ttl=timedelta(minutes=FLOW_MINUTES),
        state=started.state,
        nonce=started.nonce,
        verifier=started.verifier,
        **({"invite": invite} if invite else {}),
    )


def read_flow(signer: TokenSigner, token: str | None) -> Flow | None:
    """The log-in this browser began, unless forged, expired or absent."""
    claims = signer.read_short(FLOW_KIND, token) if token else None
    if claims is None:
        return None
    values = (claims.get("state"), claims.get("nonce"), claims.get("verifier"))
    if not all(isinstance(value, str) and value for value in values):
        return None
    invite = claims.get("invite")
    return Flow(
        state=str(values[0]),
        nonce=str(values[1]),
        verifier=str(values[2]),
        invite=invite if isinstance(invite, str) and invite else None,
    )

"""The codes of two-factor log-in: TOTP (RFC 6238, by pyotp) and single-use recovery codes.

A TOTP code is accepted in its own 30-second step or one step either side (a phone's clock
drifts), and only in a step later than the last one accepted: a code seen over a
shoulder, or sent twice, does not work again.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import re
import secrets

import pyotp
import segno

STEP_SECONDS = 30
RECOVERY_CODES = 10
# Ten characters of Crockford-like base32 in two groups: 50 random bits, typed easily.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_NOT_CODE = re.compile(r"[\s-]")


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def provisioning_uri(secret: str, username: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The otpauth URI as a QR code, an SVG drawn here (no third party sees the secret)."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(
        out, kind="svg", scale=4, border=2, xmldecl=False, svgns=True, title="QR code"
    )
    return out.getvalue().decode()


def matching_step(secret: str, code: str, now: float, last_used_step: int | None) -> int | None:
    """The step whose code `code` is, if it may be used now; else None."""
    code = _NOT_CODE.sub("", code)
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    current = int(now // STEP_SECONDS)
    for step in (current - 1, current, current + 1):
        if last_used_step is not None and step <= last_used_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    def one() -> str:
        chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        return f"{chars[:5]}-{chars[5:]}"

    return [one() for _ in range(RECOVERY_CODES)]


def recovery_hash(key: bytes, code: str) -> str:
    """Keyed with the server's secret: a copy of the database alone cannot test guesses."""
    normal = _NOT_CODE.sub("", code).lower()
    return hmac.new(key, normal.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

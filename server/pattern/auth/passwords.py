"""argon2id password hashing, run in a worker thread so it never blocks the event loop.

New hashes (sign-up, a password change) take turns in one lane: a flood of sign-ups then
keeps at most one core busy, and log-ins, whose checks run beside that lane, stay fast.
"""

from __future__ import annotations

import asyncio
import re
import weakref

from anyio import CapacityLimiter, to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

MIN_LENGTH = 8
MAX_LENGTH = 128  # bounds the hashing cost a request can ask for
_COMMON = frozenset(
    {
        "password",
        "password1",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyui",
        "qwerty123",
        "iloveyou",
        "letmein1",
        "11111111",
        "00000000",
        "abcdefgh",
        "passw0rd",
        "baseball",
        "football",
        "sunshine",
        "princess",
        "welcome1",
        "admin123",
        "trustno1",
    }
)
# A hash of a random password: verifying against it costs what a real check costs,
# so an unknown username answers no faster than a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password-3f9a1c")


def password_problem(password: str, username: str) -> str | None:
    """Why a password is too weak, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return f"Password must be at least {MIN_LENGTH} characters long."
    if len(password) > MAX_LENGTH:
        return f"Password must be at most {MAX_LENGTH} characters long."
    if password.lower() in _COMMON or len(set(password)) < 4:
        return "Password is too easy to guess; choose a longer or less common one."
    if username and username.lower() in password.lower():
        return "Password must not contain the username."
    if not re.search(r"[^\W\d_]", password) or not re.search(r"[\d\W_]", password):
        return "Password must mix letters with digits or symbols."
    return None


# One lane per event loop (a limiter's waiters belong to the loop they wait in; tests run
# several servers, each on its own loop).
_new_hash_lanes: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = (
    weakref.WeakKeyDictionary()
)


def _new_hash_lane() -> CapacityLimiter:
    loop = asyncio.get_running_loop()
    lane = _new_hash_lanes.get(loop)
    if lane is None:
        lane = _new_hash_lanes[loop] = CapacityLimiter(1)
    return lane


async def hash_password(password: str) -> str:
    return await to_thread.run_sync(_hasher.hash, password, limiter=_new_hash_lane())


def _verify(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(password_hash: str | None, password: str) -> bool:
    """Check a password; with no hash (unknown user) it still spends the same time."""
    return await to_thread.run_sync(_verify, password_hash, password)

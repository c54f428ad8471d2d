from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.upsert import insert_for
from pattern.models import (
    Passkey,
    RecoveryCode,
    SecuritySettings,
    TotpSecret,
    UsedPasskeyChallenge,
)


async def totp_of(session: AsyncSession, user_id: int, *, lock: bool = False) -> TotpSecret | None:
    return await session.get(TotpSecret, user_id, with_for_update=lock, populate_existing=lock)


async def use_totp_step(session: AsyncSession, user_id: int, step: int) -> bool:
    """Records `step` as the last one used, if no later or equal one was (one statement, so
    two requests with one code cannot both pass)."""
    result = await session.execute(
        update(TotpSecret)
        .where(
            TotpSecret.user_id == user_id,
            (TotpSecret.last_used_step.is_(None)) | (TotpSecret.last_used_step < step),
        )
        .values(last_used_step=step)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def delete_totp(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(TotpSecret).where(TotpSecret.user_id == user_id))


def _has_factor(user_id: int) -> ColumnElement[bool]:
    totp = select(TotpSecret.user_id).where(
        TotpSecret.user_id == user_id, TotpSecret.confirmed_at.is_not(None)
    )
    passkey = select(Passkey.id).where(Passkey.user_id == user_id)
    return totp.exists() | passkey.exists()


async def has_factor(session: AsyncSession, user_id: int) -> bool:
    """Whether the person has a confirmed authenticator app or a passkey."""
    return bool(await session.scalar(select(_has_factor(user_id))))


async def setup_required(session: AsyncSession, user_id: int) -> bool:
    """Whether two-factor log-in is required here and the person has no second factor yet
    (one query: it runs on every request)."""
    required = select(SecuritySettings.id).where(
        SecuritySettings.id == 1, SecuritySettings.require_two_factor.is_(True)
    )
    return bool(await session.scalar(select(required.exists() & ~_has_factor(user_id))))


async def replace_recovery_codes(
    session: AsyncSession, user_id: int, hashes: Sequence[str], now: datetime
) -> None:
    await session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    session.add_all(
        RecoveryCode(user_id=user_id, code_hash=code_hash, created_at=now) for code_hash in hashes
    )
    await session.flush()


async def delete_recovery_codes(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))


async def recovery_codes_left(session: AsyncSession, user_id: int) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
    )
    return int(count or 0)


async def use_recovery_code(
    session: AsyncSession, user_id: int, code_hash: str, now: datetime
) -> bool:
    """Marks the unused code as used; False when there is none (one statement, so two
    requests with the same code cannot both succeed)."""
    result = await session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user_id,
            RecoveryCode.code_hash == code_hash,
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def passkeys_of(session: AsyncSession, user_id: int) -> list[Passkey]:
    rows = await session.scalars(
        select(Passkey).where(Passkey.user_id == user_id).order_by(Passkey.id)
    )
    return list(rows)


async def passkey_by_credential(session: AsyncSession, credential_id: str) -> Passkey | None:
    return await session.scalar(
        select(Passkey).where(Passkey.credential_id == credential_id).with_for_update()
    )


async def delete_passkey(session: AsyncSession, user_id: int, passkey_id: int) -> bool:
    result = await session.execute(
        delete(Passkey).where(Passkey.user_id == user_id, Passkey.id == passkey_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def use_passkey_challenge(
    session: AsyncSession, challenge: str, *, expires_at: datetime, now: datetime
) -> bool:
    """Records a ceremony's challenge as answered; False when it was already (one statement,
    so two requests with one answer cannot both pass). Forgets the expired ones on the way,
    skipping those another request is forgetting (no waiting on each other)."""
    expired = (
        select(UsedPasskeyChallenge.challenge)
        .where(UsedPasskeyChallenge.expires_at <= now)
        .with_for_update(skip_locked=True)
    )
    await session.execute(
        delete(UsedPasskeyChallenge)
        .where(UsedPasskeyChallenge.challenge.in_(expired))
        .execution_options(synchronize_session=False)
    )
    recorded = await session.scalar(
        insert_for(session, UsedPasskeyChallenge)
        .values(challenge=challenge, expires_at=expires_at)
        .on_conflict_do_nothing(index_elements=["challenge"])
        .returning(UsedPasskeyChallenge.challenge)
    )
    return recorded is not None


async def require_two_factor(session: AsyncSession) -> bool:
    found = await session.scalar(
        select(SecuritySettings.require_two_factor).where(SecuritySettings.id == 1)
    )
    return bool(found)


async def set_require_two_factor(session: AsyncSession, required: bool, now: datetime) -> None:
    row = await session.get(SecuritySettings, 1, with_for_update=True)
    if row is None:
        session.add(SecuritySettings(id=1, require_two_factor=required, updated_at=now))
    else:
        row.require_two_factor = required
        row.updated_at = now
    await session.flush()

"""A person's own settings: colour scheme, time zone and display currency."""

from __future__ import annotations

from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.kit.errors import Unprocessable
from pattern.models import User
from pattern.users import repository
from pattern.users.currencies import ISO_4217
from pattern.users.schemas import PreferencesRead, PreferencesUpdate

UNKNOWN_ZONE = "Unknown time zone: give an IANA name such as America/New_York."
UNKNOWN_CURRENCY = "Unknown currency: give an ISO 4217 code such as USD or EUR."
NO_THEME = "Choose a theme: system, light or dark."


@cache
def _zone_names() -> frozenset[str]:
    # Read from the tz database once: it walks its files.
    return frozenset(available_timezones()) | {"UTC"}


def _zone(name: str | None) -> str | None:
    if name is None:
        return None
    # ZoneInfo alone would take files of the database that are no zone ("posixrules"):
    # only zone names, as browsers give them, are kept.
    if name not in _zone_names():
        raise Unprocessable(UNKNOWN_ZONE, field="time_zone", code="unknown_time_zone")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Unprocessable(UNKNOWN_ZONE, field="time_zone", code="unknown_time_zone") from None
    return name


def _currency(code: str | None) -> str | None:
    if code is None:
        return None
    if code.upper() not in ISO_4217:
        raise Unprocessable(UNKNOWN_CURRENCY, field="currency", code="unknown_currency")
    return code.upper()


def changes(body: PreferencesUpdate) -> dict[str, str | None]:
    """The columns to set, each checked first: nothing changes if any one is refused."""
    sent = body.model_fields_set
    found: dict[str, str | None] = {}
    if "theme" in sent:
        if body.theme is None:
            raise Unprocessable(NO_THEME, field="theme", code="unknown_theme")
        found["theme"] = body.theme
    if "time_zone" in sent:
        found["time_zone"] = _zone(body.time_zone or None)
    if "currency" in sent:
        found["currency"] = _currency(body.currency or None)
    return found


async def update(session: AsyncSession, user: User, body: PreferencesUpdate) -> PreferencesRead:
    """Sets what the body names (all checked first: a refused one changes nothing)."""
    found = changes(body)
    for column, value in found.items():
        setattr(user, column, value)
    if "currency" in found:  # figures shown in the person's currency by default: count again
        await repository.bump_data_version(session, user.id)
    await session.flush()
    return PreferencesRead.model_validate(user)

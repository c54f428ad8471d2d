"""What day it is for the people using the server: in TIMEZONE when it is set (a server in
a container usually runs in UTC while its people do not), else in the server's local time.

It is the default for a person who chose no time zone of their own (pattern.users.today):
the date of the daily net-worth snapshot, what "this month" and "the last N months" are in
insights and budgets. Set once when the app is built.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_zone: ZoneInfo | None = None


def use_timezone(name: str) -> None:
    """An IANA name such as "America/New_York"; empty: the server's local time."""
    global _zone
    _zone = ZoneInfo(name) if name else None


def today(time_zone: str | None = None) -> date:
    """Today in `time_zone` (a person's own, an IANA name) when given, else as above."""
    zone = ZoneInfo(time_zone) if time_zone else _zone
    return datetime.now(zone).date() if zone is not None else date.today()


def end_of_day(day: date, time_zone: str | None = None) -> datetime:
    """The moment `day` ends (the next midnight) in `time_zone`, or as `today` above, in UTC."""
    zone = ZoneInfo(time_zone) if time_zone else _zone
    midnight = datetime.combine(day + timedelta(days=1), time())
    # A naive datetime's astimezone takes it as the server's local time.
    return (midnight.replace(tzinfo=zone) if zone is not None else midnight).astimezone(UTC)

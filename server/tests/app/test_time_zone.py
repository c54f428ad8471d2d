"""TIMEZONE decides what "today" is: the net-worth snapshot's date and insights' months.

Kiritimati (UTC+14) and Pago Pago (UTC-11) are 25 hours apart: their dates always differ,
so whichever the server's clock says, only the configured zone gives the expected day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.kit import clock
from tests.support.factories import make_account, make_item
from tests.support.users import sign_up_and_log_in

ZONES = ["Pacific/Kiritimati", "Pacific/Pago_Pago"]


@pytest.fixture(autouse=True)
def back_to_local_time() -> Iterator[None]:
    """The zone is the process's: later tests in this worker get the server's local time."""
    yield
    clock.use_timezone("")


def today_in(zone: str) -> date:
    return datetime.now(ZoneInfo(zone)).date()


@pytest.mark.parametrize(
    "settings_overrides", [{"timezone": zone} for zone in ZONES], indirect=True, ids=ZONES
)
async def test_today_is_the_configured_zones(
    client: httpx.AsyncClient, app: PatternApp, settings_overrides: dict[str, str]
) -> None:
    today = today_in(settings_overrides["timezone"])
    user = await sign_up_and_log_in(client)
    async with app.parts.sessionmaker() as session:
        item = await make_item(session, int(user["id"]))
        await make_account(session, item.id)
        await session.commit()
    # Adding an asset records today's net-worth snapshot.
    created = await client.post("/api/assets", json={"description": "Bike", "value": "250.00"})
    assert created.status_code == 201, created.text
    history = (await client.get(f"/api/users/{user['id']}/net-worth/history")).json()
    assert [h["snapshot_date"] for h in history] == [today.isoformat()]
    spending = (await client.get(f"/api/users/{user['id']}/insights/spending")).json()
    assert spending["start_date"] == today.replace(day=1).isoformat()
    monthly = (await client.get(f"/api/users/{user['id']}/insights/monthly?months=1")).json()
    assert monthly["months"][0]["month"] == today.strftime("%Y-%m")

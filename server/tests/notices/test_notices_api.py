"""The notices' routes: the list and its unread count, marking read, the setting; bad input
is refused and changes nothing; another person's notices stay theirs."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from pattern.app.factory import PatternApp
from pattern.notices import repository
from tests.support.users import sign_up_and_log_in


async def add_notices(app: PatternApp, user_id: int, count: int) -> None:
    async with app.parts.sessionmaker() as session:
        for n in range(count):
            await repository.add_notice(
                session,
                user_id,
                {
                    "kind": "bill_due",
                    "stream_id": f"{n:024x}",
                    "title": f"Due soon: Bill {n}",
                    "detail": "$90.00 due tomorrow.",
                    "amount": "90.00",
                    "due_date": date(2026, 6, n + 1),
                    "dedupe_key": f"bill_due:{n}",
                },
            )
        await session.commit()


@pytest.fixture
async def people(
    client: httpx.AsyncClient, app: PatternApp, new_client: Any
) -> tuple[int, httpx.AsyncClient]:
    alice = int((await sign_up_and_log_in(client))["id"])
    bob_client = new_client()
    bob = int((await sign_up_and_log_in(bob_client, "bob"))["id"])
    await add_notices(app, alice, 3)
    await add_notices(app, bob, 2)
    return alice, bob_client


async def test_the_list_newest_first_and_marking_read(
    client: httpx.AsyncClient, people: tuple[int, httpx.AsyncClient]
) -> None:
    alice, bob_client = people
    url = f"/api/users/{alice}/notices"
    listed = (await client.get(url, params={"limit": 2})).json()
    assert [n["title"] for n in listed["notices"]] == ["Due soon: Bill 2", "Due soon: Bill 1"]
    assert listed["unread"] == 3
    newest = listed["notices"][0]["id"]

    marked = await client.post(f"{url}/read", json={"ids": [newest]})
    assert marked.json() == {"marked": 1, "unread": 2}
    again = await client.post(f"{url}/read", json={"ids": [newest]})
    assert again.json() == {"marked": 0, "unread": 2}
    # Bob's notices are not Alice's to mark, nor his to see.
    bobs = (await bob_client.get(f"/api/users/{alice}/notices")).status_code
    assert bobs == 404

    assert (await client.post(f"{url}/read", json={"all": True})).json() == {
        "marked": 2,
        "unread": 0,
    }
    listed = (await client.get(url)).json()
    assert listed["unread"] == 0
    assert all(n["read_at"] for n in listed["notices"])


async def test_marking_anothers_notice_by_id_marks_nothing(
    client: httpx.AsyncClient, people: tuple[int, httpx.AsyncClient]
) -> None:
    alice, bob_client = people
    bob = (await bob_client.get("/api/sessions/me")).json()["id"]
    bobs_ids = [
        n["id"] for n in (await bob_client.get(f"/api/users/{bob}/notices")).json()["notices"]
    ]
    marked = await client.post(f"/api/users/{alice}/notices/read", json={"ids": bobs_ids})
    assert marked.json() == {"marked": 0, "unread": 3}
    assert (await bob_client.get(f"/api/users/{bob}/notices")).json()["unread"] == 2


@pytest.mark.parametrize(
    "body",
    [{}, {"ids": [1], "all": True}, {"all": False}, {"ids": ["x"]}, {"ids": list(range(501))}],
)
async def test_marking_read_refuses_bad_input(
    client: httpx.AsyncClient, people: tuple[int, httpx.AsyncClient], body: dict[str, Any]
) -> None:
    alice, _ = people
    answer = await client.post(f"/api/users/{alice}/notices/read", json=body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["error"]["code"]
    assert (await client.get(f"/api/users/{alice}/notices")).json()["unread"] == 3


async def test_the_bill_due_days_setting(
    client: httpx.AsyncClient, people: tuple[int, httpx.AsyncClient]
) -> None:
    alice, _ = people
    url = f"/api/users/{alice}/notices/settings"
    assert (await client.get(url)).json() == {"bill_due_days": 3}
    for bad in ({"bill_due_days": 15}, {"bill_due_days": -1}, {}, {"bill_due_days": "soon"}):
        answer = await client.put(url, json=bad)
        assert answer.status_code == 422, (bad, answer.text)
    assert (await client.get(url)).json() == {"bill_due_days": 3}
    assert (await client.put(url, json={"bill_due_days": 0})).json() == {"bill_due_days": 0}
    assert (await client.get(url)).json() == {"bill_due_days": 0}
    assert (await client.get(f"/api/users/{alice}/notices", params={"limit": 0})).status_code == 422

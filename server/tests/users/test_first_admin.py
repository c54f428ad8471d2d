"""Who becomes the administrator, and who may sign up after that (SIGNUP)."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, update

from pattern.app.factory import PatternApp
from pattern.kit.config import Settings
from pattern.models import Invite, User
from pattern.models.base import utcnow
from pattern.users import setup_code
from tests.support.processes import server_env, server_process
from tests.support.users import STRONG_PASSWORD, log_in, sign_up, sign_up_and_log_in

pytestmark = pytest.mark.reliability

INVITE = [{"signup": "invite"}]


async def admins(app: PatternApp) -> list[str]:
    async with app.parts.sessionmaker() as session:
        return list(await session.scalars(select(User.username).where(User.is_admin)))


async def user_count(app: PatternApp) -> int:
    async with app.parts.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


def body(username: str, **extra: str) -> dict[str, str]:
    return {"username": username, "password": STRONG_PASSWORD, **extra}


async def test_the_first_account_needs_the_setup_code(
    client: httpx.AsyncClient, app: PatternApp, settings: Settings
) -> None:
    """Without the setup code, or with a wrong one, nobody becomes the administrator."""
    code = setup_code.ensure(settings.data_dir)
    assert stat.S_IMODE(setup_code.path(settings.data_dir).stat().st_mode) == 0o600
    for attempt in (body("mallory"), body("mallory", setup_code="ABCD-EFGH-JKMN")):
        refused = await client.post("/api/users", json=attempt)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "setup_code_required"
    assert await user_count(app) == 0
    typed = code.lower().replace("-", " ")  # as a person might type it
    created = await client.post("/api/users", json=body("alice", setup_code=typed))
    assert created.status_code == 201, created.text
    assert created.json()["is_admin"] is True
    # The code opens nothing any more, and its file is gone.
    assert not setup_code.path(settings.data_dir).exists()
    assert (await client.get("/api/config")).json()["setup_required"] is False
    later = await client.post("/api/users", json=body("mallory", setup_code=code))
    assert later.status_code == 201  # SIGNUP=open in these tests: an ordinary account
    assert later.json()["is_admin"] is False
    assert await admins(app) == ["alice"]


@pytest.mark.parametrize("settings_overrides", INVITE, indirect=True)
async def test_racing_first_sign_ups_make_exactly_one_admin(
    app: PatternApp, settings: Settings, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    """Eight first sign-ups at once, all with the setup code: exactly one administrator."""
    code = setup_code.ensure(settings.data_dir)
    clients = [new_client(f"198.51.100.{n}") for n in range(8)]
    responses = await asyncio.gather(
        *(
            http.post("/api/users", json=body(f"racer{n}", setup_code=code))
            for n, http in enumerate(clients)
        )
    )
    statuses = sorted(response.status_code for response in responses)
    assert len(await admins(app)) == 1, statuses
    created = [r for r in responses if r.status_code == 201]
    assert len(created) == 1
    assert created[0].json()["is_admin"] is True
    # The others lost the race (409), or came once it was over: no invite, or the code
    # spent just as they checked it (403).
    assert {r.json()["error"]["code"] for r in responses if r.status_code != 201} <= {
        "already_set_up",
        "invite_required",
        "setup_code_required",
    }, statuses
    assert await user_count(app) == 1


@pytest.mark.parametrize("settings_overrides", INVITE, indirect=True)
async def test_invite_mode_needs_an_invite_that_works_once(
    client: httpx.AsyncClient,
    app: PatternApp,
    new_client: Callable[..., httpx.AsyncClient],
) -> None:
    """SIGNUP=invite (the default): no sign-up without an admin's invite; each works once."""
    await sign_up_and_log_in(client, "admin")
    stranger = new_client("198.51.100.20")
    refused = await stranger.post("/api/users", json=body("stranger"))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "invite_required"
    made = await client.post("/api/invites", json={"expires_in_days": 3})
    assert made.status_code == 201, made.text
    invite = made.json()
    assert invite["url"] == f"http://testserver/login?invite={invite['code']}"
    assert invite["status"] == "pending"
    wrong = await stranger.post("/api/users", json=body("stranger", invite_code="nope"))
    assert wrong.json()["error"]["code"] == "invalid_invite"
    used = await stranger.post("/api/users", json=body("guest", invite_code=invite["code"]))
    assert used.status_code == 201, used.text
    assert used.json()["is_admin"] is False
    again = await stranger.post("/api/users", json=body("second", invite_code=invite["code"]))
    assert again.status_code == 403
    assert again.json()["error"]["code"] == "invalid_invite"
    listed = (await client.get("/api/invites")).json()
    assert [(i["id"], i["status"], i["used_by"]) for i in listed] == [
        (invite["id"], "used", "guest")
    ]
    assert "code" not in listed[0]  # shown once, when made
    assert await user_count(app) == 2


@pytest.mark.parametrize("settings_overrides", INVITE, indirect=True)
async def test_expired_and_withdrawn_invites_open_nothing(
    client: httpx.AsyncClient, app: PatternApp, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    await sign_up_and_log_in(client, "admin")
    old = (await client.post("/api/invites", json={})).json()
    withdrawn = (await client.post("/api/invites", json={})).json()
    async with app.parts.sessionmaker() as session:
        await session.execute(
            update(Invite)
            .where(Invite.id == old["id"])
            .values(expires_at=utcnow() - timedelta(seconds=1))
        )
        await session.commit()
    assert (await client.delete(f"/api/invites/{withdrawn['id']}")).status_code == 204
    assert (await client.delete(f"/api/invites/{withdrawn['id']}")).status_code == 404
    stranger = new_client("198.51.100.21")
    for invite in (old, withdrawn):
        refused = await stranger.post("/api/users", json=body("late", invite_code=invite["code"]))
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "invalid_invite"
    statuses = {i["id"]: i["status"] for i in (await client.get("/api/invites")).json()}
    assert statuses == {old["id"]: "expired"}
    assert await user_count(app) == 1


@pytest.mark.parametrize("settings_overrides", INVITE, indirect=True)
async def test_two_sign_ups_racing_with_one_invite_make_one_account(
    client: httpx.AsyncClient, app: PatternApp, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    await sign_up_and_log_in(client, "admin")
    code = (await client.post("/api/invites", json={})).json()["code"]
    racers = [new_client(f"198.51.100.{30 + n}") for n in range(6)]
    responses = await asyncio.gather(
        *(
            http.post("/api/users", json=body(f"racer{n}", invite_code=code))
            for n, http in enumerate(racers)
        )
    )
    assert sorted(r.status_code for r in responses).count(201) == 1
    assert await user_count(app) == 2


@pytest.mark.parametrize("settings_overrides", [{"signup": "closed"}], indirect=True)
async def test_closed_sign_up_admits_nobody_but_the_administrator(
    client: httpx.AsyncClient, app: PatternApp, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    await sign_up_and_log_in(client, "admin")  # the setup code still makes the administrator
    assert (await client.get("/api/config")).json()["sign_up"] == "closed"
    refused = await new_client().post("/api/users", json=body("stranger"))
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "sign_up_closed"
    no_invites = await client.post("/api/invites", json={})
    assert no_invites.status_code == 409
    assert await user_count(app) == 1


async def test_the_only_administrator_cannot_delete_their_account(
    client: httpx.AsyncClient, app: PatternApp
) -> None:
    """Else the installation would have no administrator and no way to get one back."""
    me = await sign_up_and_log_in(client, "admin")
    refused = await client.request(
        "DELETE", f"/api/users/{me['id']}", json={"password": STRONG_PASSWORD}
    )
    assert refused.status_code == 409
    assert refused.json()["error"]["code"] == "last_admin"
    assert await admins(app) == ["admin"]


@pytest.mark.parametrize(
    "settings_overrides",
    [{"signup_rate_per_client": "3/hour", "signup_rate": "5/hour"}],
    indirect=True,
)
async def test_sign_up_attempts_are_limited_per_client_and_in_all(
    client: httpx.AsyncClient, new_client: Callable[..., httpx.AsyncClient]
) -> None:
    """Past 3 attempts from one client, or 5 from all, sign-up answers 429 with Retry-After."""
    await sign_up(client, "alice")
    for n in range(2):
        await sign_up(client, f"user{n}")
    refused = await client.post("/api/users", json=body("fourth"))
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    others = [new_client(f"198.51.100.{40 + n}") for n in range(3)]
    assert [
        (await http.post("/api/users", json=body(f"other{n}"))).status_code
        for n, http in enumerate(others)
    ] == [201, 201, 429]
    # Log-ins are not sign-ups: they go on.
    await log_in(client, "alice")


def _run(args: list[str], env: dict[str, str], cwd: Path, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "pattern", *args],
        env=env,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def test_the_server_prints_the_setup_code_and_create_admin_makes_an_admin(
    database_url: str, emulator_url: str, tmp_path: Path
) -> None:
    """`python -m pattern` prints the setup code on its console while there is no
    administrator; `python -m pattern create-admin` makes one without it."""
    env = server_env(database_url, tmp_path / "data", emulator_url, LOG_LEVEL="INFO")
    log = tmp_path / "console.log"
    with log.open("w") as console, server_process(env, tmp_path, output=console):
        pass
    code = setup_code.path(tmp_path / "data").read_text().strip()
    assert code in log.read_text()
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700

    command = ["create-admin", "--username", "root", "--password-stdin"]
    printed = _run(command, env, tmp_path, stdin=f"{STRONG_PASSWORD}\n")
    assert "root is an administrator" in printed
    assert not setup_code.path(tmp_path / "data").exists()
    with log.open("w") as console, server_process(env, tmp_path, output=console):
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{env['PORT']}") as http:
            config = (await http.get("/api/config")).json()
            assert config["setup_required"] is False
            me = await log_in(http, "root")
            assert me.json()["is_admin"] is True
            late = await http.post("/api/users", json=body("mallory", setup_code=code))
            assert late.json()["is_admin"] is False  # SIGNUP=open in the tests' servers
    assert code not in log.read_text()

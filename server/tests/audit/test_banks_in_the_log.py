"""Banks linked and removed, manual accounts added and removed: in the owner's audit log,
with the institution's name and never the item's access token."""

from __future__ import annotations

from sqlalchemy import select

from pattern.models import AuditEvent
from tests.support.plaid_stack import Stack, add_bank, signed_up


def stored_log(stack: Stack) -> str:
    async def read() -> str:
        async with stack.app.parts.sessionmaker() as session:
            rows = (await session.scalars(select(AuditEvent))).all()
        return repr([(row.action, row.detail, row.ip) for row in rows])

    return stack.run(read())


async def test_banks_and_manual_accounts_are_logged(stack: Stack) -> None:
    async with stack.client() as admin, stack.client() as http:
        await signed_up(admin, "root")
        alice = await signed_up(http, "alice")
        linked, _ = await add_bank(http, stack)
        assert linked.status_code == 201, linked.text
        item = linked.json()
        stack.settle()
        access_token = stack.access_token(item["id"])
        wallet = (
            await http.post(
                f"/api/users/{alice['id']}/manual-accounts",
                json={"name": "Wallet", "type": "depository", "current_balance": "40.00"},
            )
        ).json()
        assert (await http.delete(f"/api/accounts/{wallet['id']}")).status_code == 204
        # An administrator removes alice's bank: in her log, by root.
        assert (await admin.delete(f"/api/items/{item['id']}")).status_code == 204

        events = (await http.get(f"/api/users/{alice['id']}/audit")).json()
        assert [e["action"] for e in events][:4] == [
            "item_removed",
            "manual_account_removed",
            "manual_account_added",
            "item_linked",
        ]
        removed, _, added, linked_event = events[:4]
        assert removed["actor_username"] == "root"
        assert removed["detail"] == linked_event["detail"]
        assert linked_event["detail"]["institution"] == item["institution_name"]
        assert added["detail"]["name"] == "Wallet"
        stored = stored_log(stack)
        assert access_token not in stored
        assert "access-" not in stored

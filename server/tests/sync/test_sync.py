"""The sync engine: exact results under restarts and faults, edits kept, one pass at a time."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from plaid.model.accounts_get_request import AccountsGetRequest
from sqlalchemy import event, func, select, update

from pattern.models import (
    Account,
    AccountBalanceHistory,
    Item,
    NetWorthSnapshot,
    PlaidApiEvent,
    Transaction,
    TransactionRule,
    TransactionSplit,
)
from pattern.models.base import utcnow
from tests.support.plaid_stack import (
    Stack,
    add_bank,
    bank_refresh_refused,
    emulator_transactions,
    running_stack,
    signed_up,
)
from tests.support.users import STRONG_PASSWORD

pytestmark = pytest.mark.reliability


async def stored(stack: Stack) -> dict[str, Transaction]:
    async with stack.app.parts.sessionmaker() as session:
        return {tx.plaid_transaction_id: tx for tx in await session.scalars(select(Transaction))}


async def count_calls(stack: Stack, method: str) -> int:
    async with stack.app.parts.sessionmaker() as session:
        return int(
            await session.scalar(
                select(func.count())
                .select_from(PlaidApiEvent)
                .where(PlaidApiEvent.plaid_method == method)
            )
            or 0
        )


async def arm_fault(stack: Stack, **fault: Any) -> None:
    async with stack.emulator() as emulator:
        response = await emulator.post("/emulator/faults", json=fault)
        assert response.status_code == 200, response.text


async def emulator_control(stack: Stack, action: str, access_token: str) -> None:
    async with stack.emulator() as emulator:
        response = await emulator.post(
            f"/emulator/items/{action}", json={"access_token": access_token}
        )
        assert response.status_code == 200, response.text


def assert_matches_emulator(stack: Stack, item_id: int) -> dict[str, Transaction]:
    expected = emulator_transactions(stack, stack.access_token(item_id))
    mine = stack.run(stored(stack))
    assert set(mine) == set(expected)
    for transaction_id, tx in expected.items():
        assert f"{mine[transaction_id].amount:.2f}" == f"{tx['amount']:.2f}"
        assert mine[transaction_id].pending == tx["pending"]
    return mine


async def test_pending_to_posted_keeps_the_persons_edit(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        pending = [tx for tx in stack.run(stored(stack)).values() if tx.pending]
        assert pending, "the emulator keeps the last days pending"
        edited = pending[0]

        async def edit() -> None:
            async with stack.app.parts.sessionmaker() as session, session.begin():
                await session.execute(
                    update(Transaction)
                    .where(Transaction.id == edited.id)
                    .values(
                        name="Lunch with Sam",
                        category="Food",
                        manually_updated=True,
                        note="Sam paid the tip",
                        tags="lunch work",
                    )
                )

        stack.run(edit())
        await emulator_control(stack, "post_pending", stack.access_token(item_id))
        stack.settle()
        mine = assert_matches_emulator(stack, item_id)
        assert edited.plaid_transaction_id not in mine
        posted = [
            tx for tx in mine.values() if tx.pending_transaction_id == edited.plaid_transaction_id
        ]
        assert len(posted) == 1
        assert posted[0].pending is False
        assert posted[0].name == "Lunch with Sam"
        assert posted[0].category == "Food"
        assert posted[0].manually_updated is True
        assert posted[0].original_name == edited.original_name
        assert (posted[0].note, posted[0].tags) == ("Sam paid the tip", "lunch work")


async def parts_of(stack: Stack, transaction_id: int) -> list[TransactionSplit]:
    async with stack.app.parts.sessionmaker() as session:
        found = await session.scalars(
            select(TransactionSplit)
            .where(TransactionSplit.transaction_id == transaction_id)
            .order_by(TransactionSplit.position)
        )
        return list(found)


async def test_parts_and_notes_go_on_to_the_posted_one_and_follow_its_amount(
    stack: Stack,
) -> None:
    """Splitting (or a note alone) is an edit the posted transaction takes over; when Plaid
    later changes its amount, the parts keep their shares and still sum to it."""
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        pending = [tx for tx in stack.run(stored(stack)).values() if tx.pending]
        split_one, noted = [tx for tx in pending if tx.amount >= 4][:2]
        first = (split_one.amount / 4).quantize(Decimal("0.01"))
        parts = [
            {"amount": str(first), "category": "TRAVEL"},
            {"amount": str(split_one.amount - first), "category": "FOOD_AND_DRINK", "note": "n"},
        ]
        answer = await http.put(f"/api/transactions/{split_one.id}/splits", json={"parts": parts})
        assert answer.status_code == 200, answer.text
        noted_answer = await http.patch(f"/api/transactions/{noted.id}", json={"note": "mine"})
        assert noted_answer.status_code == 200, noted_answer.text

        await emulator_control(stack, "post_pending", stack.access_token(item_id))
        stack.settle()
        mine = assert_matches_emulator(stack, item_id)
        posted = {
            tx.pending_transaction_id: tx for tx in mine.values() if tx.pending_transaction_id
        }
        whole = posted[split_one.plaid_transaction_id]
        before = [(p.amount, p.category, p.note) for p in stack.run(parts_of(stack, whole.id))]
        assert before == [
            (first, "TRAVEL", None),
            (split_one.amount - first, "FOOD_AND_DRINK", "n"),
        ]
        assert posted[noted.plaid_transaction_id].note == "mine"

        async with stack.emulator() as emulator:
            changed = await emulator.post(
                "/emulator/items/mutate",
                json={
                    "access_token": stack.access_token(item_id),
                    "modify": whole.plaid_transaction_id,
                },
            )
            assert changed.status_code == 200, changed.text
        stack.settle()
        now = assert_matches_emulator(stack, item_id)[whole.plaid_transaction_id].amount
        assert now != whole.amount
        after = [p.amount for p in stack.run(parts_of(stack, whole.id))]
        assert sum(after) == now
        assert abs(after[0] - (first * now / whole.amount)) <= Decimal("0.01")


async def test_a_posted_one_takes_only_the_fields_the_person_changed(stack: Stack) -> None:
    """A pending transaction renamed: once posted it keeps the name and takes the posted
    date; one whose date the person changed keeps that date."""
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        today = utcnow().date()
        # Older than today: posting moves them a day on.
        pending = sorted(
            (tx for tx in stack.run(stored(stack)).values() if tx.pending and tx.date < today),
            key=lambda tx: tx.plaid_transaction_id,
        )
        assert len(pending) >= 2, "the emulator keeps the last two days pending"
        renamed, redated = pending[0], pending[1]
        for tx, change in (
            (renamed, {"name": "Lunch with Sam"}),
            (redated, {"date": "2020-02-29"}),
        ):
            response = await http.patch(f"/api/transactions/{tx.id}", json=change)
            assert response.status_code == 200, response.text
        await emulator_control(stack, "post_pending", stack.access_token(item_id))
        stack.settle()
    bank = emulator_transactions(stack, stack.access_token(item_id))
    posted = {
        tx.pending_transaction_id: tx
        for tx in assert_matches_emulator(stack, item_id).values()
        if tx.pending_transaction_id
    }
    name_kept = posted[renamed.plaid_transaction_id]
    assert name_kept.name == "Lunch with Sam"
    assert f"{name_kept.date}" == bank[name_kept.plaid_transaction_id]["date"]
    assert name_kept.date > renamed.date
    date_kept = posted[redated.plaid_transaction_id]
    assert f"{date_kept.date}" == "2020-02-29"
    assert date_kept.name == bank[date_kept.plaid_transaction_id]["name"]


async def test_an_edit_carries_over_when_the_posted_one_comes_a_page_later(stack: Stack) -> None:
    """Plaid may put the pending one's removal and the posted one's arrival on two pages."""
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        pending = [tx for tx in stack.run(stored(stack)).values() if tx.pending]
        assert len(pending) >= 2

        async def edit() -> None:
            async with stack.app.parts.sessionmaker() as session, session.begin():
                await session.execute(
                    update(Transaction)
                    .where(Transaction.id == pending[0].id)
                    .values(name="Lunch with Sam", manually_updated=True)
                )
                await session.execute(
                    update(Transaction).where(Transaction.id == pending[1].id).values(hidden=True)
                )

        stack.run(edit())
        # One change a page: the emulator removes each pending one just before it adds
        # the posted one, so every removal and its posted twin are on two pages.
        stack.app.parts.sync._page_size = 1
        await emulator_control(stack, "post_pending", stack.access_token(item_id))
        stack.settle()
        mine = assert_matches_emulator(stack, item_id)
        posted = {
            tx.pending_transaction_id: tx for tx in mine.values() if tx.pending_transaction_id
        }
        lunch = posted[pending[0].plaid_transaction_id]
        assert (lunch.name, lunch.manually_updated, lunch.hidden) == ("Lunch with Sam", True, False)
        assert posted[pending[1].plaid_transaction_id].hidden is True
        assert all(
            not tx.hidden and not tx.manually_updated
            for id_, tx in posted.items()
            if id_ not in {pending[0].plaid_transaction_id, pending[1].plaid_transaction_id}
        )


async def test_a_later_sync_never_overwrites_a_manual_edit(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        posted = next(tx for tx in stack.run(stored(stack)).values() if not tx.pending)

        async def edit_and_forget_cursor() -> None:
            async with stack.app.parts.sessionmaker() as session, session.begin():
                await session.execute(
                    update(Transaction)
                    .where(Transaction.id == posted.id)
                    .values(name="Mine", category="Gifts", manually_updated=True)
                )
                # With no cursor the next sync sends the whole history again.
                await session.execute(update(Item).values(transactions_cursor=None))

        stack.run(edit_and_forget_cursor())
        async with bank_refresh_refused(stack):  # the bank's data stays as it is
            report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["added"] > 500
        again = stack.run(stored(stack))[posted.plaid_transaction_id]
        assert (again.name, again.category) == ("Mine", "Gifts")
        assert again.original_name == posted.original_name
        assert again.original_category == posted.original_category
        assert_matches_emulator(stack, item_id)


async def test_rules_apply_on_ingest_and_originals_are_kept(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")

        async def add_rule() -> None:
            async with stack.app.parts.sessionmaker() as session, session.begin():
                session.add(
                    TransactionRule(
                        user_id=user["id"], position=0, match_name="uber", set_category="Rides"
                    )
                )

        stack.run(add_rule())
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        mine = assert_matches_emulator(stack, item_id)
        rides = [tx for tx in mine.values() if "uber" in (tx.original_name or "").lower()]
        assert rides, "the emulator's history has Uber rides"
        assert all(tx.category == "Rides" for tx in rides)
        assert all(tx.original_category != "Rides" for tx in rides)
        others = [tx for tx in mine.values() if "uber" not in (tx.original_name or "").lower()]
        assert all(tx.category == tx.original_category for tx in others)


async def test_mutation_during_pagination_restarts_and_ends_exact(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        await arm_fault(
            stack,
            path="/transactions/sync",
            after=1,  # the second page of the first pass
            error_type="TRANSACTIONS_ERROR",
            error_code="TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION",
        )
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        assert_matches_emulator(stack, item_id)
    codes = stack.run(error_codes(stack, "transactions_sync"))
    assert codes == ["TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION"]


async def refuse_syncs_after_the_first(stack: Stack) -> None:
    """Every /transactions/sync call after the next one refused, until the faults are cleared."""
    await arm_fault(
        stack,
        path="/transactions/sync",
        after=1,
        count=1000,
        error_type="INVALID_REQUEST",
        error_code="INVALID_FIELD",
        http_status=400,
    )


async def cut_short_then_mutated(stack: Stack, http: httpx.AsyncClient) -> int:
    """An item whose first pass stopped after its first page (a crash, a refused call), so
    its stored cursor is in the middle of a pagination; then the bank posts the pending
    transactions. Plaid refuses to go on from that cursor ever after."""
    stack.app.parts.sync._page_size = 100
    await signed_up(http, "alice")
    await refuse_syncs_after_the_first(stack)
    item_id = int((await add_bank(http, stack))[0].json()["id"])
    stack.settle()
    assert len(stack.run(stored(stack))) == 100  # the first page only
    async with stack.emulator() as emulator:
        assert (await emulator.delete("/emulator/faults")).status_code == 200
    await emulator_control(stack, "post_pending", stack.access_token(item_id))
    return item_id


async def test_a_pagination_cut_short_then_mutated_begins_again_where_it_began(
    stack: Stack,
) -> None:
    """Plaid's rule, across passes: the pagination begins again from the cursor it began
    with (before, every later sync failed with MUTATION_DURING_PAGINATION)."""
    async with stack.client() as http:
        item_id = await cut_short_then_mutated(stack, http)
        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED", report
    expected = emulator_transactions(stack, stack.access_token(item_id))
    mine = stack.run(stored(stack))
    assert set(expected) <= set(mine)
    for transaction_id, tx in expected.items():
        assert f"{mine[transaction_id].amount:.2f}" == f"{tx['amount']:.2f}"
        assert mine[transaction_id].pending == tx["pending"]


async def test_a_pagination_cut_short_then_mutated_leaves_nothing_extra(stack: Stack) -> None:
    """Plaid's rule: what the attempt cut short fetched is discarded. Its first page holds
    pending transactions that have posted since; the pagination that begins again sends
    the posted ones, and the pending ones go."""
    async with stack.client() as http:
        item_id = await cut_short_then_mutated(stack, http)
        before = stack.run(stored(stack))
        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED", report
    mine = assert_matches_emulator(stack, item_id)
    gone = [tx for id_, tx in before.items() if id_ not in mine]
    assert gone
    assert all(tx.pending for tx in gone)


async def test_a_later_pagination_cut_short_keeps_the_history_before_it(stack: Stack) -> None:
    """A refresh's update cut short after one page, then another refresh (the new pending
    ones post): the pagination begins again from the cursor the whole history ended with,
    and only what the attempt cut short wrote may go."""
    async with stack.client() as http:
        await signed_up(http, "alice")
        response, _ = await add_bank(http, stack, username="user_transactions_dynamic")
        item_id = int(response.json()["id"])
        stack.settle()
        history = set(assert_matches_emulator(stack, item_id))
        stack.app.parts.sync._page_size = 1
        await refuse_syncs_after_the_first(stack)
        await emulator_control(stack, "refresh", stack.access_token(item_id))  # its webhook syncs
        stack.settle()
        item = stack.run(the_item(stack, item_id))
        assert item.transactions_restart_cursor is not None  # in the middle of a pagination
        async with stack.emulator() as emulator:
            assert (await emulator.delete("/emulator/faults")).status_code == 200
        await emulator_control(stack, "refresh", stack.access_token(item_id))
        stack.settle()
        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED", report
    mine = assert_matches_emulator(stack, item_id)
    assert len(history & set(mine)) >= len(history) - 10  # a refresh removes a few
    assert "TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION" in stack.run(
        error_codes(stack, "transactions_sync")
    )
    item = stack.run(the_item(stack, item_id))
    assert (item.transactions_restart_cursor, item.transactions_cut_since) == (None, None)


async def the_item(stack: Stack, item_id: int) -> Item:
    async with stack.app.parts.sessionmaker() as session:
        item = await session.get(Item, item_id)
        assert item is not None
        return item


async def test_rate_limits_and_5xx_are_retried(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        await arm_fault(
            stack,
            path="/transactions/sync",
            count=2,
            error_type="RATE_LIMIT_EXCEEDED",
            error_code="RATE_LIMIT_EXCEEDED",
            http_status=429,
        )
        await arm_fault(stack, path="/accounts/get", count=1, http_status=502)
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        assert_matches_emulator(stack, item_id)
        assert (await http.get(f"/api/items/{item_id}")).json()["status"] == "good"


async def error_codes(stack: Stack, method: str) -> list[str | None]:
    async with stack.app.parts.sessionmaker() as session:
        rows = await session.scalars(
            select(PlaidApiEvent.error_code).where(
                PlaidApiEvent.plaid_method == method, PlaidApiEvent.error_code.is_not(None)
            )
        )
        return list(rows)


async def test_a_5xx_on_a_later_page_is_retried_and_the_sync_ends_exact(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        await arm_fault(stack, path="/transactions/sync", after=1, count=2, http_status=503)
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        assert_matches_emulator(stack, item_id)
    assert stack.run(error_codes(stack, "transactions_sync")) == ["HTTP_503", "HTTP_503"]


async def test_login_required_mid_sync_keeps_whole_pages_and_the_next_sync_ends_exact(
    stack: Stack,
) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        await arm_fault(
            stack,
            path="/transactions/sync",
            after=1,
            # As at Plaid, the login stays broken (every later call fails) until it is fixed.
            count=1000,
            error_type="ITEM_ERROR",
            error_code="ITEM_LOGIN_REQUIRED",
        )
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        assert set(stack.run(error_codes(stack, "transactions_sync"))) == {"ITEM_LOGIN_REQUIRED"}
        item = (await http.get(f"/api/items/{item_id}")).json()
        assert (item["status"], item["error_code"]) == ("bad", "ITEM_LOGIN_REQUIRED")
        # The first page is stored whole, and no retry doubled it.
        assert len(stack.run(stored(stack))) == 500
        async with stack.emulator() as emulator:
            assert (await emulator.delete("/emulator/faults")).status_code == 200
        report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED"
        assert_matches_emulator(stack, item_id)


async def test_a_timed_out_call_is_retried(stack: Stack) -> None:
    # Wide enough that no undelayed call times out on a busy machine (0.5 s did, in CI).
    stack.app.parts.plaid._timeout = 2.0
    async with stack.client() as http:
        await signed_up(http, "alice")
        await arm_fault(stack, path="/transactions/sync", count=1, delay_seconds=4)
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        assert_matches_emulator(stack, item_id)

    async def timeouts() -> int:
        async with stack.app.parts.sessionmaker() as session:
            return int(
                await session.scalar(
                    select(func.count())
                    .select_from(PlaidApiEvent)
                    .where(PlaidApiEvent.error_code == "PLAID_UNREACHABLE")
                )
                or 0
            )

    assert stack.run(timeouts()) == 1


async def test_syncing_all_of_a_users_items_reports_each(stack: Stack) -> None:
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        first = (await add_bank(http, stack))[0].json()["id"]
        second = (await add_bank(http, stack, institution_id="ins_109509"))[0].json()["id"]
        stack.settle()
        reports = (await http.post(f"/api/users/{user['id']}/transactions/sync")).json()
        assert {r["item_id"] for r in reports} == {first, second}
        assert all(r["status"] == "SYNC_HAPPENED" for r in reports)


async def test_requests_during_a_sync_coalesce_into_one_more_pass(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        before = stack.run(count_calls(stack, "accounts_get"))
        # Long enough for 19 requests, each committed on its own, to arrive during the pass.
        await arm_fault(stack, path="/accounts/get", count=1, delay_seconds=2)

        async def burst() -> None:
            engine = stack.app.parts.sync
            await engine.request(item_id, "webhook")
            await asyncio.sleep(0.2)  # the pass is now waiting on the slow /accounts/get
            await asyncio.gather(*(engine.request(item_id, "webhook") for _ in range(19)))

        stack.run(burst())
        stack.settle()
        # One pass (the first) and one more for the 19 requests that arrived meanwhile.
        assert stack.run(count_calls(stack, "accounts_get")) - before == 2


@pytest.mark.parametrize("settings_overrides", [{"sync_concurrency": 1}], indirect=True)
async def test_requests_while_waiting_for_a_slot_are_served_by_the_pass_that_starts(
    stack: Stack,
) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        busy = (await add_bank(http, stack))[0].json()["id"]
        waiting = (await add_bank(http, stack, institution_id="ins_109509"))[0].json()["id"]
        stack.settle()
        engine = stack.app.parts.sync  # one slot: see the parametrize above
        await arm_fault(stack, path="/accounts/get", count=1, delay_seconds=2)
        before = stack.run(calls_by_item(stack, "accounts_get"))

        async def burst() -> None:
            await engine.request(busy, "webhook")
            await asyncio.sleep(0.2)  # the only slot is taken by the slow pass
            await asyncio.gather(*(engine.request(waiting, "webhook") for _ in range(10)))

        stack.run(burst())
        stack.settle()
        after = stack.run(calls_by_item(stack, "accounts_get"))
        # Ten requests before its pass began: that one pass serves them all.
        assert after.get(waiting, 0) - before.get(waiting, 0) == 1
        assert after.get(busy, 0) - before.get(busy, 0) == 1


async def test_a_pass_that_finds_nothing_new_writes_only_its_cursor(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        stack.run(stack.app.parts.sync.sync(item_id))  # stores what /accounts/get says
        synced_before = stack.run(last_synced(stack, item_id))
        written: list[str] = []

        def keep(_: Any, __: Any, statement: str, *args: Any) -> None:
            if statement.lstrip().split()[0].upper() in {"INSERT", "UPDATE", "DELETE", "COPY"}:
                written.append(" ".join(statement.split()[:3]))

        engine = stack.app.parts.engine.sync_engine
        event.listen(engine, "before_cursor_execute", keep)
        try:
            report = stack.run(stack.app.parts.sync.sync(item_id))
        finally:
            event.remove(engine, "before_cursor_execute", keep)
        assert report.ok
        assert not report.counts.changed
        # The cursor and when it was read, the log of the two Plaid calls, and the request
        # recorded, then marked served: nothing else.
        assert sorted(written) == [
            "INSERT INTO plaid_api_events",
            "INSERT INTO plaid_api_events",
            "INSERT INTO sync_requests",
            "UPDATE items SET",
            "UPDATE sync_requests SET",
        ]
        assert stack.run(last_synced(stack, item_id)) > synced_before

        # New data after that is still found, balances and all.
        await emulator_control(stack, "mutate", stack.access_token(item_id))
        stack.settle()
        assert_matches_emulator(stack, item_id)
        assert stack.run(balances(stack)) == emulator_balances(stack, item_id)


async def test_accounts_another_writer_changed_are_written_again(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        stack.run(stack.app.parts.sync.sync(item_id))

        async def overwrite() -> None:
            # As another process's pass would, had Plaid answered otherwise for a moment.
            async with stack.app.parts.sessionmaker() as session, session.begin():
                await session.execute(
                    update(Account).values(current_balance=Decimal("1.23"), updated_at=utcnow())
                )

        stack.run(overwrite())
        assert stack.run(stack.app.parts.sync.sync(item_id)).ok
        assert stack.run(balances(stack)) == emulator_balances(stack, item_id)


async def calls_by_item(stack: Stack, method: str) -> dict[int, int]:
    async with stack.app.parts.sessionmaker() as session:
        rows = await session.execute(
            select(PlaidApiEvent.item_id, func.count())
            .where(PlaidApiEvent.plaid_method == method)
            .group_by(PlaidApiEvent.item_id)
        )
        return {item_id: count for item_id, count in rows if item_id is not None}


async def last_synced(stack: Stack, item_id: int) -> datetime:
    async with stack.app.parts.sessionmaker() as session:
        synced = await session.scalar(select(Item.last_synced_at).where(Item.id == item_id))
        assert synced is not None
        return synced


async def balances(stack: Stack) -> dict[str, Decimal | None]:
    async with stack.app.parts.sessionmaker() as session:
        rows = await session.execute(select(Account.plaid_account_id, Account.current_balance))
        return dict(rows.all())


def emulator_balances(stack: Stack, item_id: int) -> dict[str, Decimal | None]:
    accounts = (
        stack.plaid()
        .accounts_get(AccountsGetRequest(access_token=stack.access_token(item_id)))
        .accounts
    )
    return {
        account.account_id: None
        if account.balances.current is None
        else Decimal(str(account.balances.current)).quantize(Decimal("0.01"))
        for account in accounts
    }


async def test_a_sync_records_balances_and_todays_net_worth(stack: Stack) -> None:
    async with stack.client() as http:
        await signed_up(http, "alice")
        await add_bank(http, stack)
        stack.settle()

    async def read() -> tuple[int, list[NetWorthSnapshot]]:
        async with stack.app.parts.sessionmaker() as session:
            history = await session.scalar(select(func.count()).select_from(AccountBalanceHistory))
            snapshots = list(await session.scalars(select(NetWorthSnapshot)))
            return int(history or 0), snapshots

    history, snapshots = stack.run(read())
    assert history >= 5  # one row per account when first seen, none for unchanged balances
    assert len(snapshots) == 1
    snapshot = snapshots[0]
    assert snapshot.net_worth == snapshot.assets - snapshot.liabilities
    assert snapshot.assets > 0


async def test_shutting_down_finishes_the_page_and_the_next_start_resumes(
    stack: Stack, database_url: str, tmp_path: Path, emulator_url: str
) -> None:
    engine = stack.app.parts.sync
    engine._page_size = 100  # user_good's ~750 transactions: eight pages
    async with stack.client() as http:
        await signed_up(http, "alice")
        await arm_fault(stack, path="/transactions/sync", count=20, delay_seconds=0.3)
        item_id = (await add_bank(http, stack))[0].json()["id"]
        await asyncio.sleep(1.0)  # a few pages in

    async def stop() -> int:
        await engine.close()
        async with stack.app.parts.sessionmaker() as session:
            return int(await session.scalar(select(func.count()).select_from(Transaction)) or 0)

    stored_at_stop = stack.run(stop())
    assert 0 < stored_at_stop < 700
    assert stored_at_stop % 100 == 0 or stored_at_stop < 100  # whole pages only
    asked_while_stopped = stack.run(engine.sync(item_id))
    assert asked_while_stopped.error_code == "SHUTTING_DOWN"
    async with stack.emulator() as emulator:
        await emulator.delete("/emulator/faults")
    key = stack.app.parts.settings.token_encryption_key.get_secret_value()
    with running_stack(
        database_url, tmp_path / "again", emulator_url, token_encryption_key=key
    ) as restarted:
        async with restarted.client() as http:
            await http.post(
                "/api/sessions", json={"username": "alice", "password": STRONG_PASSWORD}
            )
            report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["status"] == "SYNC_HAPPENED"
        assert report["added"] > 0
        assert_matches_emulator(restarted, item_id)


async def test_rules_on_amounts_merchants_and_accounts_apply_on_ingest(stack: Stack) -> None:
    """Rules made after the first sync, met by the rows a later sync brings (the whole
    history again, its cursor forgotten): the amount range, the account and the merchant."""
    async with stack.client() as http:
        user = await signed_up(http, "alice")
        item_id = (await add_bank(http, stack))[0].json()["id"]
        stack.settle()
        first = stack.run(stored(stack))
        by_account: dict[int, int] = {}
        for tx in first.values():
            by_account[tx.account_id] = by_account.get(tx.account_id, 0) + 1
        account_id = max(by_account, key=lambda a: by_account[a])

        def ranged_row(tx: Any) -> bool:
            return bool(tx.account_id == account_id and Decimal(10) <= tx.amount <= Decimal(50))

        # A merchant with a row the amount rule does not take (the history is random).
        merchant = next(
            tx.merchant_name for tx in first.values() if tx.merchant_name and not ranged_row(tx)
        )
        rules = f"/api/users/{user['id']}/rules"
        ranged = {
            "min_amount": "10.00",
            "max_amount": "50.00",
            "match_account_ids": [account_id],
            "set_category": "Ranged",
        }
        assert (await http.post(rules, json=ranged)).status_code == 201
        by_merchant = {"match_merchant": merchant.upper(), "set_subcategory": "Merchant's"}
        assert (await http.post(rules, json=by_merchant)).status_code == 201

        async def forget_cursor() -> None:
            async with stack.app.parts.sessionmaker() as session, session.begin():
                await session.execute(update(Item).values(transactions_cursor=None))

        stack.run(forget_cursor())
        async with bank_refresh_refused(stack):
            report = (await http.post(f"/api/items/{item_id}/sync")).json()
        assert report["added"] > 0
        stack.settle()
        ranged_rows = merchant_rows = 0
        for tx in stack.run(stored(stack)).values():
            in_range = ranged_row(tx)
            of_merchant = (tx.merchant_name or "").lower() == merchant.lower()
            ranged_rows += in_range
            merchant_rows += of_merchant and not in_range
            assert (tx.category == "Ranged") == in_range, (tx.name, tx.amount, tx.account_id)
            assert (tx.subcategory == "Merchant's") == (of_merchant and not in_range)
        assert ranged_rows > 0
        assert merchant_rows > 0

"""The emulator's shared core: state, lookups, item rendering and webhook helpers."""

from __future__ import annotations

import asyncio
import secrets
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from plaid_emulator import errors, ids, recurring
from plaid_emulator.config import EmulatorSettings
from plaid_emulator.faults import FaultInjector
from plaid_emulator.institutions import BY_ID
from plaid_emulator.ledger import Balance, Ledger, SlotTotals, base_totals
from plaid_emulator.state import ItemRecord, PublicToken, State, StateStore, utcnow
from plaid_emulator.synthetic import catalog, generator
from plaid_emulator.users import DEFAULT_DAYS_REQUESTED
from plaid_emulator.webhooks import WebhookSender

NOT_READY = "NOT_READY"
INITIAL = "INITIAL_UPDATE_COMPLETE"
HISTORICAL = "HISTORICAL_UPDATE_COMPLETE"
PUBLIC_TOKEN_TTL = timedelta(minutes=30)
_ITEM_ERRORS = {"ITEM_LOGIN_REQUIRED": errors.item_login_required}
AVAILABLE_PRODUCTS = ["balance", "identity", "investments", "liabilities"]
RECURRING = "recurring_transactions"
TRANSACTIONS = "transactions"


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _totals_key(item: ItemRecord) -> tuple[int, int, date, int]:
    return item.seed, item.base_count, item.created.date(), item.days_requested


def account_template(account: dict[str, Any]) -> catalog.AccountTemplate:
    """An account opened after the first link, as the catalog's templates describe theirs."""
    return catalog.AccountTemplate(
        account["slot"],
        account["name"],
        account["official_name"],
        account["mask"],
        account["type"],
        account["subtype"],
    )


def added_accounts(item: ItemRecord) -> tuple[catalog.AccountTemplate, ...]:
    return tuple(account_template(a) for a in item.accounts_added)


def item_accounts(item: ItemRecord) -> tuple[catalog.AccountTemplate, ...]:
    """The accounts that are part of the item: Plaid's sandbox ones, and those added since."""
    return (*catalog.ACCOUNTS, *added_accounts(item))


def check_account_ids(item: ItemRecord, account_ids: list[str]) -> None:
    known = {generator.account_id(item.seed, t.slot) for t in item_accounts(item)}
    unknown = [a for a in account_ids if a not in known]
    if unknown:
        raise errors.invalid_input(
            "INVALID_ACCOUNT_ID",
            "one or more of the account IDs is invalid: " + ", ".join(unknown),
        )


class Emulator:
    def __init__(self, settings: EmulatorSettings, state_file: Path | None) -> None:
        self.settings = settings
        self.store = StateStore(state_file)
        self.webhooks = WebhookSender(settings, lambda: self.store.state.signing_key)
        self.faults = FaultInjector()
        # Products this client's Plaid account lacks (POST /emulator/products).
        self.disabled_products: set[str] = set()
        self._ledgers: dict[str, tuple[int, Ledger]] = {}
        # Base-history totals by (seed, base_count, anchor): they never change for an item.
        self._totals: dict[tuple[int, int, date, int], SlotTotals] = {}
        self._totals_pending: dict[tuple[int, int, date, int], asyncio.Future[SlotTotals]] = {}
        # Per item, the /transactions/sync page a paginating client will ask for next,
        # rendered ahead: (what the request must match, the rendering).
        self.sync_ahead: dict[str, tuple[tuple[object, ...], asyncio.Future[dict[str, Any]]]] = {}

    @property
    def state(self) -> State:
        return self.store.state

    # Items and tokens

    def item_for_token(self, access_token: str) -> ItemRecord:
        if not access_token.startswith("access-"):
            raise errors.invalid_access_token()
        item_id = self.store.state.access_tokens.get(access_token)
        if item_id is None or item_id not in self.store.state.items:
            raise errors.item_not_found()
        item: ItemRecord = self.store.state.items[item_id]
        return item

    def healthy_item(self, access_token: str) -> ItemRecord:
        """The item behind a token, refusing data calls while it needs a user login."""
        item = self.item_for_token(access_token)
        if item.error_code:
            raise _ITEM_ERRORS[item.error_code]()
        return item

    def create_item(
        self,
        *,
        institution_id: str,
        username: str,
        base_count: int,
        products: list[str],
        webhook: str | None,
        days_requested: int | None = None,
        consented_products: list[str] | None = None,
    ) -> ItemRecord:
        item = ItemRecord(
            item_id=ids.random_object_id(),
            access_token=ids.token("access"),
            seed=secrets.randbelow(2**31),
            institution_id=institution_id,
            username=username,
            base_count=base_count,
            created_at=iso(utcnow()),
            products=products,
            webhook=webhook or None,
            days_requested=days_requested or DEFAULT_DAYS_REQUESTED,
            consented_products=list(consented_products or []),
        )
        self.store.state.items[item.item_id] = item
        self.store.state.access_tokens[item.access_token] = item.item_id
        self.store.save()
        self._base_totals(item)  # start now, so balances are ready when first asked for
        self._announce_updates(item)
        return item

    async def check_webhook(self, url: str | None) -> None:
        """Refuse a webhook URL this emulator may not send to (EmulatorSettings)."""
        allowed = self.settings.webhook_allowed
        if url and allowed is not None and not await allowed(url):
            raise errors.webhook_not_allowed()

    def issue_public_token(self, item: ItemRecord) -> str:
        token = ids.token("public")
        expires = utcnow() + PUBLIC_TOKEN_TTL
        self.store.state.public_tokens[token] = PublicToken(item.item_id, iso(expires))
        self.store.save()
        return token

    def remove_item(self, item: ItemRecord) -> None:
        state = self.store.state
        del state.items[item.item_id]
        state.access_tokens.pop(item.access_token, None)
        self._ledgers.pop(item.item_id, None)
        self.sync_ahead.pop(item.item_id, None)
        self._totals.pop(_totals_key(item), None)
        self.store.save()

    def reset(self) -> None:
        """Forget every item, token and armed fault (the signing key stays)."""
        self.faults.clear()
        self.disabled_products.clear()
        self.store.reset()
        self._ledgers.clear()
        self.sync_ahead.clear()
        self._totals.clear()

    def ledger(self, item: ItemRecord) -> Ledger:
        cached = self._ledgers.get(item.item_id)
        if cached and cached[0] == item.version:
            ledger = cached[1]
        else:
            ledger = Ledger(
                seed=item.seed,
                base_count=item.base_count,
                anchor=item.created.date(),
                events=item.events,
                days=item.days_requested,
            )
            self._ledgers[item.item_id] = (item.version, ledger)
        if ledger.base_cores is None:
            totals = self._totals.get(_totals_key(item))
            if totals is not None:
                ledger.base_cores = totals.cores
        return ledger

    def _base_totals(self, item: ItemRecord) -> asyncio.Future[SlotTotals]:
        """The item's base-history totals, computed once in a worker thread: a big history
        takes seconds, and the event loop may be the host app's."""
        key = _totals_key(item)
        loop = asyncio.get_running_loop()
        future = self._totals_pending.get(key)
        if future is None or future.get_loop() is not loop:
            stop = threading.Event()
            seed, count, anchor, days = key
            future = asyncio.ensure_future(
                asyncio.to_thread(base_totals, seed, count, anchor, stop, days)
            )
            self._totals_pending[key] = future

            def keep(done: asyncio.Future[SlotTotals]) -> None:
                if self._totals_pending.get(key) is done:
                    del self._totals_pending[key]
                if done.cancelled():  # the loop is shutting down: free the worker thread
                    stop.set()
                elif done.exception() is None:
                    self._totals[key] = done.result()

            future.add_done_callback(keep)
        return future

    async def balances(self, item: ItemRecord) -> dict[str, Balance]:
        ledger = self.ledger(item)
        totals = self._totals.get(_totals_key(item))
        if totals is None:
            # shield: a caller that gives up must not cancel the shared computation
            totals = await asyncio.shield(self._base_totals(item))
        return ledger.balances(totals, added_accounts(item))

    def append_events(self, item: ItemRecord, events: list[dict[str, Any]]) -> None:
        if events:
            item.events.extend(events)
            self.store.save()

    # Transactions readiness

    def update_status(self, item: ItemRecord) -> str:
        elapsed = (utcnow() - item.created).total_seconds()
        if elapsed < self.settings.initial_update_seconds:
            return NOT_READY
        if elapsed < self.settings.historical_update_seconds:
            return INITIAL
        return HISTORICAL

    def visible_top(self, item: ItemRecord) -> int:
        status = self.update_status(item)
        if status == NOT_READY:
            return 0
        ledger = self.ledger(item)
        return ledger.initial_top if status == INITIAL else ledger.top

    # Rendering

    def item_error(self, item: ItemRecord) -> dict[str, Any] | None:
        return _ITEM_ERRORS[item.error_code]().embedded() if item.error_code else None

    def item_json(self, item: ItemRecord) -> dict[str, Any]:
        institution = BY_ID.get(item.institution_id)
        return {
            "item_id": item.item_id,
            "institution_id": item.institution_id,
            "institution_name": institution.name if institution else None,
            "webhook": item.webhook,
            "error": self.item_error(item),
            "available_products": [p for p in AVAILABLE_PRODUCTS if p not in item.products],
            "billed_products": list(item.products),
            "products": list(item.products),
            "consented_products": [*item.products, *item.consented_products],
            "consent_expiration_time": None,
            "update_type": "background",
            "auth_method": None,
        }

    async def accounts_json(
        self,
        item: ItemRecord,
        account_ids: list[str] | None = None,
        *,
        include_investments: bool = True,
    ) -> list[dict[str, Any]]:
        if account_ids is not None:
            check_account_ids(item, account_ids)
        balances = await self.balances(item)
        accounts = []
        for template in item_accounts(item):
            if template.type == "investment" and not include_investments:
                continue
            account_id = generator.account_id(item.seed, template.slot)
            balance = balances[template.slot]
            accounts.append(
                {
                    "account_id": account_id,
                    "balances": {
                        "available": balance.available,
                        "current": balance.current,
                        "iso_currency_code": "USD",
                        "limit": balance.limit,
                        "unofficial_currency_code": None,
                    },
                    "mask": template.mask,
                    "name": template.name,
                    "official_name": template.official_name,
                    "subtype": template.subtype,
                    "type": template.type,
                    "holder_category": "personal",
                }
            )
        if account_ids is not None:
            accounts = [a for a in accounts if a["account_id"] in account_ids]
        return accounts

    # Webhooks

    def send_webhook(
        self,
        item: ItemRecord,
        webhook_type: str,
        code: str,
        fields: dict[str, Any],
        *,
        url: str | None = None,
    ) -> bool:
        target = url or item.webhook
        if not target:
            return False
        payload = {
            "webhook_type": webhook_type,
            "webhook_code": code,
            "item_id": item.item_id,
            **fields,
            "environment": self.settings.environment,
        }
        item.last_webhook = {"sent_at": iso(utcnow()), "code_sent": code}
        self.store.save()
        self.webhooks.send(target, payload)
        return True

    def sync_updates_available(self, item: ItemRecord) -> None:
        status = self.update_status(item)
        self.send_webhook(
            item,
            "TRANSACTIONS",
            "SYNC_UPDATES_AVAILABLE",
            {
                "initial_update_complete": status != NOT_READY,
                "historical_update_complete": status == HISTORICAL,
            },
        )

    def recurring_updated_at(self, item: ItemRecord) -> str:
        """When the item's recurring streams last changed: when its history came in, or a
        later control call that added to a stream."""
        if item.recurring_updated_at:
            return item.recurring_updated_at
        return iso(item.created + timedelta(seconds=self.settings.historical_update_seconds))

    def has_recurring(self, item: ItemRecord) -> bool:
        """Recurring Transactions is an add-on of the client to Transactions: an item
        initialized with Transactions has it while the client does."""
        return TRANSACTIONS in item.products and RECURRING not in self.disabled_products

    def recurring_update(self, item: ItemRecord) -> bool:
        """Send RECURRING_TRANSACTIONS_UPDATE naming the accounts that have streams."""
        found = recurring.found_streams(self.ledger(item), utcnow().date())
        account_ids = sorted({generator.account_id(item.seed, f.stream.slot) for f in found})
        return self.send_webhook(
            item, "TRANSACTIONS", "RECURRING_TRANSACTIONS_UPDATE", {"account_ids": account_ids}
        )

    def _announce_updates(self, item: ItemRecord) -> None:
        """Fire the webhooks Plaid sends as a new item's transactions come in."""
        item_id = item.item_id

        async def announce() -> None:
            ledger = self.ledger(item)
            for wait, code, count in (
                (self.settings.initial_update_seconds, "INITIAL_UPDATE", ledger.initial_top),
                (self.settings.historical_update_seconds, "HISTORICAL_UPDATE", ledger.top),
            ):
                remaining = wait - (utcnow() - item.created).total_seconds()
                await asyncio.sleep(max(0.0, remaining))
                if self.store.state.items.get(item_id) is not item:
                    return  # removed or state reset meanwhile
                self.sync_updates_available(item)
                self.send_webhook(
                    item, "TRANSACTIONS", code, {"new_transactions": count, "error": None}
                )
            # Plaid computes the streams once the whole history is in.
            if self.has_recurring(item):
                self.recurring_update(item)

        self.webhooks.spawn(announce())

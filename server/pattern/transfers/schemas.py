from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import Field

from pattern.kit.schemas import RequestBody, ResponseBody, RowId

PairStatus = Literal["auto", "confirmed", "manual"]


class TransferSide(ResponseBody):
    """One of a pair's two transactions, with its account and bank."""

    id: int
    name: str
    merchant_name: str | None
    amount: Decimal = Field(description="Plaid's sign: positive is money out of the account")
    iso_currency_code: str | None
    date: dt.date
    pending: bool
    category: str | None
    account_id: int
    account_name: str
    institution_name: str | None


class TransferRead(ResponseBody):
    """Money moved between two of the person's accounts: neither spending nor income."""

    id: int
    status: PairStatus = Field(
        description="auto: found by the matching; confirmed by the person; manual: matched by hand"
    )
    created_at: dt.datetime
    outflow: TransferSide = Field(description="the money leaving one account")
    inflow: TransferSide = Field(description="the money arriving in the other")


class TransferLink(ResponseBody):
    """A transaction's pair, as the transaction lists show it."""

    id: int
    status: PairStatus
    other_transaction_id: int
    other_account_id: int
    other_account_name: str


class TransferCreate(RequestBody):
    """Two of the person's transactions to match by hand: one out of an account, one into
    another."""

    transaction_ids: list[RowId] = Field(min_length=2, max_length=2)


class TransferCandidate(ResponseBody):
    """A transaction that could be the other side of a transfer."""

    id: int
    name: str
    amount: Decimal
    iso_currency_code: str | None
    date: dt.date
    account_id: int
    account_name: str
    institution_name: str | None


class TransfersMatched(ResponseBody):
    matched: int = Field(description="how many new pairs the matching found")

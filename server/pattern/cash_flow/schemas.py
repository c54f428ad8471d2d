from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from pattern.insights.schemas import InCurrency
from pattern.kit.schemas import ResponseBody
from pattern.transactions.query import Flow


class TransactionsFilter(ResponseBody):
    """The transactions behind a figure, as the query parameters of the transactions list
    (GET /api/users/{user_id}/transactions) and of the web app's transactions page."""

    start_date: date
    end_date: date
    flow: Flow
    category: list[str] = Field(default_factory=list, description="one of these ('' = none)")
    subcategory: list[str] = Field(default_factory=list, description="one of these ('' = none)")
    not_category: list[str] = Field(default_factory=list, description="none of these")
    not_subcategory: list[str] = Field(default_factory=list, description="none of these")
    currency: str | None = Field(description="only this currency (for a person with several)")


class MonthFlow(ResponseBody):
    month: str  # YYYY-MM
    income: Decimal
    spending: Decimal
    net: Decimal
    savings_rate: Decimal | None = Field(description="net / income; null without income")


class CashFlowRead(InCurrency):
    start_date: date
    end_date: date
    income: Decimal
    spending: Decimal
    net: Decimal
    savings_rate: Decimal | None
    months: list[MonthFlow]


NodeKind = Literal["source", "income", "from_savings", "group", "savings"]


class FlowNode(ResponseBody):
    """A box of the flow chart. `name`: the subcategory (a source) or category (a group)
    as stored, null for uncategorized ones and for the nodes that are no category."""

    kind: NodeKind
    name: str | None
    other: bool = Field(description="the rest, past the largest few")
    amount: Decimal
    count: int
    transactions: TransactionsFilter


class FlowLink(ResponseBody):
    source: int  # index into nodes
    target: int
    amount: Decimal


class MonthFlowRead(MonthFlow, InCurrency):
    start_date: date
    end_date: date
    nodes: list[FlowNode]
    links: list[FlowLink]
    income_transactions: TransactionsFilter
    spending_transactions: TransactionsFilter
    net_transactions: TransactionsFilter

"""Cash flow: each month's income, spending, net and savings rate, and where a month's
money came from and went.

Figures are the insights' (pattern.insights.service): income is money in, refunds
included, spending is money out, transfers between the person's own accounts are neither,
hidden transactions never count. The savings rate is net / income (none without income).

A month's flow runs from income sources (detailed categories, the subcategory column) to
an income node, and from there to spending groups (primary categories, the category
column); the largest few of each are shown and the rest summed as "other". What income
left over goes to savings; spending beyond income comes from savings, so both sides of the
chart are equal. Every node says which transactions it sums, as filters of the
transactions list, so a click shows exactly those rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from pattern.cash_flow.schemas import (
    CashFlowRead,
    FlowLink,
    FlowNode,
    MonthFlow,
    MonthFlowRead,
    NodeKind,
    TransactionsFilter,
)
from pattern.insights import service as insights
from pattern.insights.periods import MonthWindow, month_label
from pattern.totals.entries import Entry, from_cents
from pattern.totals.service import months_between
from pattern.transactions.query import Flow
from pattern.transactions.search import Month

ZERO = Decimal("0.00")
RATE = Decimal("0.0001")
TOP_SOURCES = 5  # income sources shown, "other" included
TOP_GROUPS = 8  # spending groups shown, "other" included


def savings_rate(income: Decimal, net: Decimal) -> Decimal | None:
    return (net / income).quantize(RATE) if income > 0 else None


async def cash_flow(
    session: AsyncSession, user_id: int, window: MonthWindow, *, currency: str | None = None
) -> CashFlowRead:
    monthly = await insights.monthly_totals(session, user_id, window, currency=currency)
    return CashFlowRead(
        start_date=monthly.start_date,
        end_date=monthly.end_date,
        currency=monthly.currency,
        currencies=monthly.currencies,
        income=monthly.income,
        spending=monthly.spending,
        net=monthly.net,
        savings_rate=savings_rate(monthly.income, monthly.net),
        months=[
            MonthFlow(
                month=row.month,
                income=row.income,
                spending=row.spending,
                net=row.net,
                savings_rate=savings_rate(row.income, row.net),
            )
            for row in monthly.months
        ],
    )


@dataclass(frozen=True)
class Bucket:
    """The transactions of one source or group: `name` as stored (None: uncategorized)."""

    name: str | None
    amount: Decimal
    count: int


def _money(value: object) -> Decimal:
    return ZERO if value is None else Decimal(str(value)).quantize(ZERO)


# (incoming, category key, subcategory key, category, subcategory, money, count): a key is
# the name in lower case, '' for none (names compare in any case, and no name groups with
# the empty one, as the transactions list's category filters match them); money is
# positive both ways.
FlowRow = tuple[bool, str, str, str | None, str | None, Decimal, int]


def _flow_rows(entries: Iterable[Entry], currency: str | None) -> Iterator[FlowRow]:
    """The money in and out of each category and subcategory, summed in cents first (a row
    of no amount is neither)."""
    sums: dict[tuple[str | None, str | None], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for e in entries:
        if currency is None or e.currency == currency:
            found = sums[e.category, e.subcategory]
            found[0] += e.income
            found[1] += e.income_count
            found[2] += e.spent
            found[3] += e.spent_count
    for (category, subcategory), (income, ins, spent, outs) in sums.items():
        keys = ((category or "").lower(), (subcategory or "").lower())
        if ins:
            yield (True, *keys, category, subcategory, from_cents(income), ins)
        if outs:
            yield (False, *keys, category, subcategory, from_cents(spent), outs)


def _buckets(rows: Iterable[FlowRow], *, incoming: bool) -> list[Bucket]:
    """Sources (by subcategory) or groups (by category), largest first."""
    found: dict[str, tuple[str | None, Decimal, int]] = {}
    for row in rows:
        if bool(row[0]) != incoming:
            continue
        key, name = (row[2], row[4]) if incoming else (row[1], row[3])
        seen_name, amount, count = found.get(key, (None, ZERO, 0))
        names = [n for n in (seen_name, name) if n]
        found[key] = (min(names) if names else None, amount + _money(row[5]), count + row[6])
    buckets = [Bucket(name or None, amount, count) for name, amount, count in found.values()]
    buckets.sort(key=lambda b: (-b.amount, b.name is None, (b.name or "").lower()))
    return buckets


def _top(buckets: list[Bucket], limit: int) -> tuple[list[Bucket], Bucket | None]:
    """The largest `limit` buckets, or the largest `limit - 1` and the rest as one."""
    if len(buckets) <= limit:
        return buckets, None
    shown, rest = buckets[: limit - 1], buckets[limit - 1 :]
    other = Bucket(None, sum((b.amount for b in rest), ZERO), sum(b.count for b in rest))
    return shown, other


class _Chart:
    """Nodes and links being laid out, with the month's transactions filters."""

    def __init__(self, month: Month, currency: str | None) -> None:
        self.start = month.first_day
        self.end = month.next_first_day - timedelta(days=1)
        self.currency = currency
        self.nodes: list[FlowNode] = []
        self.links: list[FlowLink] = []

    def filter(self, flow: Flow, **names: Sequence[str]) -> TransactionsFilter:
        lists = {field: list(values) for field, values in names.items()}
        return TransactionsFilter(
            start_date=self.start, end_date=self.end, flow=flow, currency=self.currency, **lists
        )

    def node(
        self,
        kind: NodeKind,
        bucket: Bucket,
        transactions: TransactionsFilter,
        *,
        other: bool = False,
    ) -> int:
        self.nodes.append(
            FlowNode(
                kind=kind,
                name=bucket.name,
                other=other,
                amount=bucket.amount,
                count=bucket.count,
                transactions=transactions,
            )
        )
        return len(self.nodes) - 1

    def link(self, source: int, target: int, amount: Decimal) -> None:
        if amount > 0:
            self.links.append(FlowLink(source=source, target=target, amount=amount))


def _names(buckets: list[Bucket]) -> list[str]:
    """The buckets' names as filters take them: '' for uncategorized."""
    return [bucket.name or "" for bucket in buckets]


def _add_sources(chart: _Chart, sources: list[Bucket], hub: list[int]) -> None:
    shown, other = _top(sources, TOP_SOURCES)
    for bucket in shown:
        index = chart.node("source", bucket, chart.filter("income", subcategory=_names([bucket])))
        hub.append(index)
    if other is not None:
        rest = chart.filter("income", not_subcategory=_names(shown))
        hub.append(chart.node("source", other, rest, other=True))


def _add_groups(chart: _Chart, groups: list[Bucket], hub: int) -> None:
    shown, other = _top(groups, TOP_GROUPS)
    for bucket in shown:
        index = chart.node("group", bucket, chart.filter("spending", category=_names([bucket])))
        chart.link(hub, index, bucket.amount)
    if other is not None:
        rest = chart.filter("spending", not_category=_names(shown))
        chart.link(hub, chart.node("group", other, rest, other=True), other.amount)


def _lay_out(chart: _Chart, sources: list[Bucket], groups: list[Bucket]) -> None:
    """Sources -> income (-> savings) -> groups; from savings -> income when short."""
    income = sum((b.amount for b in sources), ZERO)
    spending = sum((b.amount for b in groups), ZERO)
    if not sources and not groups:
        return
    feeding: list[int] = []
    _add_sources(chart, sources, feeding)
    if spending > income:
        short = Bucket(None, spending - income, 0)
        feeding.append(chart.node("from_savings", short, chart.filter("all")))
    everything = Bucket(None, income, sum(b.count for b in sources))
    hub = chart.node("income", everything, chart.filter("income"))
    for source in feeding:
        chart.link(source, hub, chart.nodes[source].amount)
    _add_groups(chart, groups, hub)
    if income > spending:
        kept = Bucket(None, income - spending, 0)
        chart.link(hub, chart.node("savings", kept, chart.filter("all")), kept.amount)


async def month_flow(
    session: AsyncSession, user_id: int, month: Month, *, currency: str | None = None
) -> MonthFlowRead:
    money = await insights.currencies(session, user_id, currency)
    chart = _Chart(month, money.filter)
    (found,) = await months_between(session, user_id, chart.start, chart.end)
    rows = list(_flow_rows(found.entries, money.filter))
    sources, groups = _buckets(rows, incoming=True), _buckets(rows, incoming=False)
    _lay_out(chart, sources, groups)
    income = sum((b.amount for b in sources), ZERO)
    spending = sum((b.amount for b in groups), ZERO)
    return MonthFlowRead(
        month=month_label(month),
        start_date=chart.start,
        end_date=chart.end,
        currency=money.chosen,
        currencies=money.available,
        income=income,
        spending=spending,
        net=income - spending,
        savings_rate=savings_rate(income, income - spending),
        nodes=chart.nodes,
        links=chart.links,
        income_transactions=chart.filter("income"),
        spending_transactions=chart.filter("spending"),
        net_transactions=chart.filter("all"),
    )

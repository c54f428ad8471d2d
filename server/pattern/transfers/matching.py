"""Which transactions are transfers between a person's own accounts: the pure rules.

Two transactions make a pair when one takes money out of an account (Plaid's sign: a
positive amount) and the other puts the same amount, in the same currency, into another
account of the person, at most MAX_DAYS apart. Equal amounts alone would also pair a
salary with a purchase of the same sum, so a pair also needs a reason to be a transfer:
one side in a transfer or loan-payment category, or, when neither side has a category,
money going from a cash account into a credit, loan or savings-like account. Each
transaction is in at most one pair: the likeliest pairs are taken first (both sides in
such categories, then the closest dates).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

MAX_DAYS = 5

# Plaid's personal finance categories (primary) of money moving between accounts.
TRANSFER_CATEGORIES = ("TRANSFER_IN", "TRANSFER_OUT", "LOAN_PAYMENTS")
# Detailed ones that are income or spending despite their primary (a payroll deposit).
NOT_TRANSFERS = frozenset({"TRANSFER_IN_DEPOSIT", "TRANSFER_OUT_WITHDRAWAL"})
# Account types money is saved or repaid into: from a cash account, a transfer.
RECEIVING_TYPES = frozenset({"credit", "loan", "investment", "brokerage"})
SAVINGS_SUBTYPES = frozenset({"savings", "money market", "cd", "hsa"})


class Candidate(NamedTuple):
    """A transaction as the matching sees it (a tuple: a whole history is read into them)."""

    plaid_id: str
    account_id: int
    amount: Decimal
    currency: str | None
    date: date
    category: str | None = None
    subcategory: str | None = None
    account_type: str | None = None
    account_subtype: str | None = None

    @property
    def transfer_category(self) -> bool:
        if self.subcategory in NOT_TRANSFERS:
            return False
        return (self.category or "") in TRANSFER_CATEGORIES or (
            (self.category or "").lower() == "transfer"
            and (self.subcategory or "").lower() != "payroll"
        )

    @property
    def cash(self) -> bool:
        return self.account_type == "depository" and self.account_subtype not in SAVINGS_SUBTYPES

    @property
    def receiving(self) -> bool:
        return self.account_type in RECEIVING_TYPES or (
            self.account_type == "depository" and self.account_subtype in SAVINGS_SUBTYPES
        )


@dataclass(frozen=True)
class Match:
    outflow: Candidate
    inflow: Candidate


def plausible(outflow: Candidate, inflow: Candidate) -> bool:
    """Whether the two could be one transfer (amounts aside): see the module's docstring."""
    if outflow.account_id == inflow.account_id or outflow.currency != inflow.currency:
        return False
    if abs((outflow.date - inflow.date).days) > MAX_DAYS:
        return False
    if outflow.amount <= 0 or inflow.amount >= 0:
        return False
    if outflow.transfer_category or inflow.transfer_category:
        return True
    # By the accounts alone only when no category says it is spending or income.
    uncategorized = outflow.category is None and inflow.category is None
    return uncategorized and outflow.cash and inflow.receiving


def _rank(outflow: Candidate, inflow: Candidate) -> tuple[int, int, str, str]:
    """Lower is likelier: both sides in transfer categories, then one, then the closest."""
    categories = int(outflow.transfer_category) + int(inflow.transfer_category)
    days = abs((outflow.date - inflow.date).days)
    return (2 - categories, days, outflow.plaid_id, inflow.plaid_id)


# What a transaction's category says, for pairing: a transfer, nothing, or something else
# (spending or income), and which kinds of inflow each kind of outflow may pair with.
TRANSFER, UNCATEGORIZED, OTHER = 0, 1, 2
PAIRS_WITH = {
    TRANSFER: (TRANSFER, UNCATEGORIZED, OTHER),
    UNCATEGORIZED: (TRANSFER, UNCATEGORIZED),
    OTHER: (TRANSFER,),
}


def _kind(candidate: Candidate) -> int:
    if candidate.transfer_category:
        return TRANSFER
    return UNCATEGORIZED if candidate.category is None else OTHER


Edge = tuple[tuple[int, int, str, str], Candidate, Candidate]


def _edges(
    outflows: list[Candidate], inflows: list[Candidate], refused: Collection[Any]
) -> list[Edge]:
    """The plausible pairs among one amount's outflows and inflows."""
    by_kind: dict[int, tuple[list[int], list[Candidate]]] = {}
    for inflow in sorted(inflows, key=lambda inflow: inflow.date):
        days, kept = by_kind.setdefault(_kind(inflow), ([], []))
        days.append(inflow.date.toordinal())
        kept.append(inflow)
    edges: list[Edge] = []
    for outflow in outflows:
        day = outflow.date.toordinal()
        for kind in PAIRS_WITH[_kind(outflow)]:
            if kind not in by_kind:
                continue
            days, kept = by_kind[kind]
            # Only the inflows within MAX_DAYS: a common amount may recur for years.
            low, high = bisect_left(days, day - MAX_DAYS), bisect_right(days, day + MAX_DAYS)
            for inflow in kept[low:high]:
                pair = (outflow.plaid_id, inflow.plaid_id)
                if plausible(outflow, inflow) and pair not in refused:
                    edges.append((_rank(outflow, inflow), outflow, inflow))
    return edges


def find_pairs(
    candidates: Iterable[Candidate], refused: Collection[tuple[str, str]] = ()
) -> list[Match]:
    """The pairs among `candidates` (none of them in a pair yet), leaving out the
    (outflow, inflow) pairs the person refused."""
    # Grouped by amount: the inflows first, a few, then only the outflows of their amounts
    # (most amounts are a purchase of a sum no money ever came in as).
    everything = list(candidates)
    inflows: dict[tuple[str | None, Decimal], list[Candidate]] = defaultdict(list)
    for candidate in everything:
        if candidate.amount < 0:
            inflows[(candidate.currency, -candidate.amount)].append(candidate)
    outflows: dict[tuple[str | None, Decimal], list[Candidate]] = defaultdict(list)
    for candidate in everything:
        if candidate.amount > 0 and (candidate.currency, candidate.amount) in inflows:
            outflows[(candidate.currency, candidate.amount)].append(candidate)
    edges: list[Edge] = []
    for key, group in outflows.items():
        edges.extend(_edges(group, inflows[key], refused))
    edges.sort(key=lambda edge: edge[0])
    taken: set[str] = set()
    matches: list[Match] = []
    for _, outflow, inflow in edges:
        if outflow.plaid_id in taken or inflow.plaid_id in taken:
            continue
        taken.update((outflow.plaid_id, inflow.plaid_id))
        matches.append(Match(outflow, inflow))
    return matches

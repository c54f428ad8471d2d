"""The parts of a split transaction, as numbers: what keeps them summing to the whole."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def rescaled(amounts: Sequence[Decimal], total: Decimal) -> list[Decimal]:
    """The parts' amounts made to sum to `total` once the whole changed (a tip added when a
    pending payment posts, a bank's correction), each keeping its share of the whole. The
    cents lost to rounding go to the largest part. Parts that summed to nothing cannot be
    shared out: the difference goes to the first. A part stays a cent at least, in its
    direction: a part of nothing would be no part."""
    amounts = list(amounts)
    before = sum(amounts, Decimal(0))
    if not amounts or before == total:
        return amounts
    if before == 0:
        return [amounts[0] + total, *amounts[1:]]
    parts = [_share(amount, amount * total / before) for amount in amounts]
    largest = max(range(len(parts)), key=lambda at: abs(parts[at]))
    parts[largest] += total - sum(parts, Decimal(0))
    return parts


def _share(amount: Decimal, exact: Decimal) -> Decimal:
    rounded = exact.quantize(CENT, ROUND_HALF_UP)
    return rounded if rounded else CENT.copy_sign(amount)

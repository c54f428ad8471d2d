"""Money from Plaid stays exact: amounts are parsed as floats and written as Decimals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pattern.plaid.client import _parse
from pattern.sync.writer import _decimal

# Amounts a float alone would print wrongly (4.35 is 4.3499999999999996447...), the
# smallest and largest a bank shows, and negatives (money in).
AMOUNTS = ["4.35", "0.1", "0.3", "1.15", "-0.01", "0.07", "-1234.56", "9999999999999.99", "12"]


@pytest.mark.parametrize("text", AMOUNTS)
def test_an_amount_in_a_plaid_body_is_written_exactly(text: str) -> None:
    body = _parse(f'{{"added": [{{"amount": {text}}}], "balances": {{"current": {text}}}}}')
    assert body is not None
    assert _decimal(body["added"][0]["amount"]) == Decimal(text)
    assert _decimal(body["balances"]["current"]) == Decimal(text)

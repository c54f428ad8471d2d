"""Money from Plaid stays exact: a sync page's amounts are read as Decimals from the JSON
text; other bodies' (balances) are parsed as floats and written as Decimals."""

from __future__ import annotations

from decimal import Decimal

import msgspec
import pytest

from pattern.plaid.client import _parse
from pattern.plaid.sync_page import decode_sync_page
from pattern.sync.rows import decimal_of

# Amounts a float alone would print wrongly (4.35 is 4.3499999999999996447...), the
# smallest and largest a bank shows, and negatives (money in).
AMOUNTS = ["4.35", "0.1", "0.3", "1.15", "-0.01", "0.07", "-1234.56", "9999999999999.99", "12"]


@pytest.mark.parametrize("text", AMOUNTS)
def test_an_amount_in_a_plaid_body_is_written_exactly(text: str) -> None:
    body = _parse(f'{{"balances": {{"current": {text}}}}}')
    assert body is not None
    assert decimal_of(body["balances"]["current"]) == Decimal(text)
    tx = f'{{"transaction_id": "t", "account_id": "a", "date": "2024-01-05", "amount": {text}}}'
    page = decode_sync_page(f'{{"added": [{tx}], "has_more": false}}'.encode())
    assert page.added[0].amount == Decimal(text)
    assert decimal_of(page.added[0].amount) == Decimal(text)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>Bad gateway</html>",
        b'{"added": [{"account_id": "a", "date": "2024-01-05"}]}',  # no transaction_id
        b'{"added": [{"transaction_id": "t", "account_id": "a", "date": "January"}]}',
        b'{"added": [{"transaction_id": "t", "account_id": "a", "date": "2024-01-05", '
        b'"amount": "lots"}]}',
    ],
)
def test_a_body_that_is_not_a_sync_page_is_refused(body: bytes) -> None:
    with pytest.raises((msgspec.DecodeError, msgspec.ValidationError)):  # both ValueErrors
        decode_sync_page(body)

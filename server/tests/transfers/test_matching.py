"""The matching's rules on hand-made transactions: what pairs, and what must not."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import count
from typing import Any

from pattern.transfers.matching import Candidate, find_pairs

DAY = date(2026, 3, 10)
_ids = count(1)


def account(number: int, kind: str, subtype: str) -> dict[str, Any]:
    return {"account_id": number, "account_type": kind, "account_subtype": subtype}


CHECKING = account(1, "depository", "checking")
SAVINGS = account(2, "depository", "savings")
CARD = account(3, "credit", "credit card")
OTHER_CHECKING = account(4, "depository", "checking")


def tx(amount: str, days: int = 0, category: str | None = None, **account: Any) -> Candidate:
    where: dict[str, Any] = account or dict(CHECKING)
    return Candidate(
        plaid_id=f"t{next(_ids)}",
        amount=Decimal(amount),
        currency=where.pop("currency", "USD"),
        date=DAY + timedelta(days=days),
        category=category,
        **where,
    )


def pairs(*candidates: Candidate, refused: set[tuple[str, str]] | None = None) -> set[Any]:
    return {
        (m.outflow.plaid_id, m.inflow.plaid_id) for m in find_pairs(candidates, refused or set())
    }


def test_a_transfer_to_savings_pairs_with_its_arrival() -> None:
    out = tx("250.00", 0, "TRANSFER_OUT", **CHECKING)
    arrived = tx("-250.00", 2, "TRANSFER_IN", **SAVINGS)
    assert pairs(out, arrived) == {(out.plaid_id, arrived.plaid_id)}


def test_a_card_payment_pairs_by_the_accounts_alone() -> None:
    paid = tx("480.12", 0, None, **CHECKING)
    received = tx("-480.12", 1, None, **CARD)
    assert pairs(paid, received) == {(paid.plaid_id, received.plaid_id)}


def test_salary_and_a_purchase_of_the_same_sum_are_not_a_transfer() -> None:
    salary = tx("-1200.00", 0, "INCOME", **CHECKING)
    rent = tx("1200.00", 1, "RENT_AND_UTILITIES", **OTHER_CHECKING)
    refund = tx("-35.00", 0, "GENERAL_MERCHANDISE", **CARD)
    purchase = tx("35.00", 0, "GENERAL_MERCHANDISE", **CHECKING)
    assert pairs(salary, rent, refund, purchase) == set()


def test_what_cannot_be_one_transfer() -> None:
    same_account = (tx("50.00", 0, "TRANSFER_OUT"), tx("-50.00", 0, "TRANSFER_IN"))
    too_far = (tx("50.00", 0, "TRANSFER_OUT"), tx("-50.00", 6, "TRANSFER_IN", **SAVINGS))
    other_currency = (
        tx("50.00", 0, "TRANSFER_OUT"),
        tx("-50.00", 0, "TRANSFER_IN", **(SAVINGS | {"currency": "EUR"})),
    )
    other_amount = (tx("50.00", 0, "TRANSFER_OUT"), tx("-50.01", 0, "TRANSFER_IN", **SAVINGS))
    for case in (same_account, too_far, other_currency, other_amount):
        assert pairs(*case) == set()


def test_each_transaction_joins_one_pair_the_closest_first() -> None:
    out = tx("100.00", 0, "TRANSFER_OUT")
    far = tx("-100.00", 4, "TRANSFER_IN", **SAVINGS)
    near = tx("-100.00", 1, "TRANSFER_IN", **SAVINGS)
    second_out = tx("100.00", 5, "TRANSFER_OUT")
    assert pairs(out, far, near, second_out) == {
        (out.plaid_id, near.plaid_id),
        (second_out.plaid_id, far.plaid_id),
    }


def test_transfer_categories_win_over_a_closer_date() -> None:
    out = tx("75.00", 0, "TRANSFER_OUT")
    purchase_refund = tx("-75.00", 0, None, **CARD)
    arrived = tx("-75.00", 3, "TRANSFER_IN", **SAVINGS)
    assert pairs(out, purchase_refund, arrived) == {(out.plaid_id, arrived.plaid_id)}


def test_a_refused_pair_is_never_proposed_again() -> None:
    out = tx("20.00", 0, "TRANSFER_OUT")
    arrived = tx("-20.00", 0, "TRANSFER_IN", **SAVINGS)
    assert pairs(out, arrived, refused={(out.plaid_id, arrived.plaid_id)}) == set()

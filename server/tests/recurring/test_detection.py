"""Streams found in stored transactions: the cadences and amounts of real bills."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from pattern.recurring.detection import Row, add_months, detect_streams

TODAY = date(2026, 12, 3)


def rows(name: str, dates: list[date], amounts: list[str] | str, account: int = 1) -> list[Row]:
    if isinstance(amounts, str):
        amounts = [amounts] * len(dates)
    return [
        Row(
            f"{name}-{account}-{i}",
            account,
            day,
            Decimal(amount),
            name.upper(),
            name,
            None,
            "ENTERTAINMENT",
            None,
        )
        for i, (day, amount) in enumerate(zip(dates, amounts, strict=True))
    ]


def monthly(day: int, count: int, last: date = date(2026, 11, 1)) -> list[date]:
    return [add_months(last, -k, day=day) for k in reversed(range(count))]


def test_a_monthly_subscription_with_a_price_rise_is_one_stream() -> None:
    amounts = ["15.49"] * 6 + ["17.99"] * 3
    [stream] = detect_streams(rows("Netflix", monthly(21, 9), amounts), TODAY)
    assert stream.frequency == "MONTHLY"
    assert (stream.direction, stream.is_active, stream.status) == ("outflow", True, "MATURE")
    assert stream.last_amount == Decimal("17.99")
    assert stream.average_amount == Decimal("16.32")
    assert stream.last_date == date(2026, 11, 21)
    assert stream.predicted_next_date == date(2026, 12, 21)
    assert len(stream.transaction_ids) == 9


def test_biweekly_pay_is_an_inflow_every_two_weeks() -> None:
    dates = [date(2026, 6, 5) + timedelta(days=14 * k) for k in range(13)]
    [stream] = detect_streams(rows("Acme payroll", dates, "-2100.00"), TODAY)
    assert (stream.frequency, stream.direction) == ("BIWEEKLY", "inflow")
    assert stream.predicted_next_date == dates[-1] + timedelta(days=14)


def test_pay_on_the_first_and_fifteenth_is_semi_monthly() -> None:
    dates = []
    for month in range(6, 12):
        dates += [date(2026, month, 1), date(2026, month, 15)]
    dates[4] = date(2026, 8, 3)  # a weekend moved one
    [stream] = detect_streams(rows("Acme payroll", dates, "-1800.00"), TODAY)
    assert stream.frequency == "SEMI_MONTHLY"
    assert stream.predicted_next_date == date(2026, 12, 1)


def test_a_utility_bill_that_varies_is_still_monthly() -> None:
    amounts = ["82.10", "95.40", "120.33", "101.00", "78.95", "88.20"]
    [stream] = detect_streams(rows("City Power", monthly(9, 6), amounts), TODAY)
    assert stream.frequency == "MONTHLY"


def test_a_cancelled_subscription_ended() -> None:
    [stream] = detect_streams(rows("Gym", monthly(3, 6, last=date(2026, 7, 3)), "40.00"), TODAY)
    assert (stream.is_active, stream.status) == (False, "TOMBSTONED")


def test_shopping_now_and_then_is_not_recurring() -> None:
    rng = random.Random(7)
    day, dates = date(2026, 1, 2), []
    while day < TODAY:
        dates.append(day)
        day += timedelta(days=rng.randint(1, 12))
    amounts = [f"{rng.uniform(5, 150):.2f}" for _ in dates]
    assert detect_streams(rows("Corner Grocer", dates, amounts), TODAY) == []


def test_a_subscription_among_purchases_at_the_same_merchant_is_found_alone() -> None:
    prime = rows("Amazon", monthly(12, 8), "14.99")
    rng = random.Random(3)
    shopping = [
        Row(
            f"buy-{k}",
            1,
            date(2026, 4, 1) + timedelta(days=rng.randint(0, 240)),
            Decimal(f"{rng.uniform(20, 300):.2f}"),
            "AMAZON",
            "Amazon",
            None,
            None,
            None,
        )
        for k in range(25)
    ]
    [stream] = detect_streams(prime + shopping, TODAY)
    assert sorted(stream.transaction_ids) == sorted(r.transaction_id for r in prime)


def test_the_same_subscription_on_two_accounts_is_two_streams() -> None:
    both = rows("Spotify", monthly(5, 5), "11.99", account=1) + rows(
        "Spotify", monthly(18, 5), "11.99", account=2
    )
    streams = detect_streams(both, TODAY)
    assert sorted(s.account_id for s in streams) == [1, 2]
    assert len({s.stream_id for s in streams}) == 2


def test_two_payments_are_not_yet_a_monthly_stream_but_are_a_yearly_one() -> None:
    assert detect_streams(rows("Magazine", monthly(4, 2), "9.00"), TODAY) == []
    yearly = [date(2025, 3, 14), date(2026, 3, 14)]
    [stream] = detect_streams(rows("Domain name", yearly, "12.00"), TODAY)
    assert (stream.frequency, stream.predicted_next_date) == ("ANNUALLY", date(2027, 3, 14))


def test_the_stream_id_stays_from_one_read_to_the_next() -> None:
    first = detect_streams(rows("Netflix", monthly(21, 6), "15.49"), TODAY)
    again = detect_streams(rows("Netflix", monthly(21, 7, last=date(2026, 12, 1)), "15.49"), TODAY)
    assert first[0].stream_id == again[0].stream_id


def test_months_keep_the_day_or_end_on_the_last_one() -> None:
    assert add_months(date(2026, 1, 31), 1, day=31) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 30), 2, day=15) == date(2027, 1, 15)
    assert add_months(date(2026, 3, 10), -3, day=10) == date(2025, 12, 10)


def test_a_seasonal_bill_and_interest_keep_their_cadence_whatever_the_amounts() -> None:
    energy = ["150.00", "140.00", "95.00", "60.00", "35.00", "30.00", "45.00", "110.00"]
    [bill] = detect_streams(rows("PG&E", monthly(14, 8), energy), TODAY)
    assert bill.frequency == "MONTHLY"
    interest = ["-0.21", "-2.95", "-1.10", "-0.40", "-2.20", "-0.90"]
    [paid] = detect_streams(rows("Interest", monthly(31, 6), interest), TODAY)
    assert (paid.frequency, paid.direction) == ("MONTHLY", "inflow")
    # Fewer payments, or one off the cadence: the amounts must agree.
    assert detect_streams(rows("PG&E", monthly(14, 5), energy[:5]), TODAY) == []
    off = monthly(14, 8)
    off[3] += timedelta(days=12)
    assert detect_streams(rows("PG&E", off, energy), TODAY) == []

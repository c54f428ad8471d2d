from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import Field

from pattern.kit.schemas import RequestBody, ResponseBody

NoticeKind = Literal["new_subscription", "price_rise", "bill_due"]
MAX_READ_IDS = 500


class NoticeRead(ResponseBody):
    id: int
    kind: NoticeKind
    stream_id: str  # the recurring stream it is about
    title: str
    detail: str
    amount: Decimal | None  # the new subscription's, the new price, the bill's
    due_date: date | None  # a bill due: the day it is due
    created_at: datetime
    read_at: datetime | None


class NoticeList(ResponseBody):
    notices: list[NoticeRead]  # newest first
    unread: int  # all the person's unread notices, not only those listed


class NoticesMarkRead(RequestBody):
    """Mark the given notices read, or all of them."""

    ids: list[int] | None = Field(
        default=None,
        max_length=MAX_READ_IDS,
        description="the notices to mark read; leave out (or null) with all: true",
    )
    all: bool = Field(default=False, description="mark every notice read")


class NoticesMarked(ResponseBody):
    marked: int  # how many were unread and are now read
    unread: int


class NoticeSettingsRead(ResponseBody):
    bill_due_days: int  # how many days ahead a bill due is told; 0: never


class NoticeSettingsWrite(RequestBody):
    bill_due_days: int = Field(ge=0, le=14, description="days ahead to tell a bill due; 0: never")

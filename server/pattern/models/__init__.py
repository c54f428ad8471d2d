"""All ORM models, imported here so Alembic sees the whole schema through one import."""

from pattern.models.accounts import Account, AccountBalanceHistory
from pattern.models.api_tokens import ApiToken
from pattern.models.assets import Asset
from pattern.models.audit import AuditEvent
from pattern.models.base import Base
from pattern.models.budgets import BudgetLine, BudgetSettings
from pattern.models.categories import Category
from pattern.models.events import LinkEvent, PlaidApiEvent
from pattern.models.items import Item
from pattern.models.net_worth import NetWorthSnapshot
from pattern.models.notices import Notice, NoticeItem, NoticeSettings, NoticeStream
from pattern.models.recurring import RecurringOverride, RecurringStream
from pattern.models.rules import TransactionRule
from pattern.models.shares import Share, ShareAccount
from pattern.models.sign_up import Installation, Invite
from pattern.models.splits import TransactionSplit
from pattern.models.sso import SsoIdentity
from pattern.models.sync_requests import SyncRequest
from pattern.models.totals import DayChange, MonthTotals
from pattern.models.transactions import Transaction
from pattern.models.transfers import TransferPair, TransferRefusal
from pattern.models.two_factor import (
    Passkey,
    RecoveryCode,
    SecuritySettings,
    TotpSecret,
    UsedPasskeyChallenge,
)
from pattern.models.users import User, UserSession

__all__ = [
    "Account",
    "AccountBalanceHistory",
    "ApiToken",
    "Asset",
    "AuditEvent",
    "Base",
    "BudgetLine",
    "BudgetSettings",
    "Category",
    "DayChange",
    "Installation",
    "Invite",
    "Item",
    "LinkEvent",
    "MonthTotals",
    "NetWorthSnapshot",
    "Notice",
    "NoticeItem",
    "NoticeSettings",
    "NoticeStream",
    "Passkey",
    "PlaidApiEvent",
    "RecurringOverride",
    "RecoveryCode",
    "RecurringStream",
    "SecuritySettings",
    "Share",
    "ShareAccount",
    "SsoIdentity",
    "SyncRequest",
    "Transaction",
    "TransactionRule",
    "TotpSecret",
    "TransactionSplit",
    "TransferPair",
    "TransferRefusal",
    "UsedPasskeyChallenge",
    "User",
    "UserSession",
]

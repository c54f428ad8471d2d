"""The audit log's vocabulary: every action it records, one line each."""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    # Sessions
    LOGIN_SUCCEEDED = "login_succeeded"
    LOGIN_FAILED = "login_failed"  # a wrong password, or a disabled account's right one
    LOGIN_SSO_FAILED = "login_sso_failed"  # single sign-on to a disabled or claimed account
    SSO_LINKED = "sso_linked"  # an OpenID provider's subject now logs in to the account
    LOGGED_OUT = "logged_out"
    SESSIONS_ENDED = "sessions_ended"  # log out everywhere, or a replayed refresh token
    PASSWORD_CHANGED = "password_changed"
    # Second factors and API tokens
    TWO_FACTOR_APP_ADDED = "two_factor_app_added"
    TWO_FACTOR_APP_REMOVED = "two_factor_app_removed"
    RECOVERY_CODES_RENEWED = "recovery_codes_renewed"
    PASSKEY_ADDED = "passkey_added"
    PASSKEY_REMOVED = "passkey_removed"
    TWO_FACTOR_RULE_CHANGED = "two_factor_rule_changed"  # an administrator's, for everyone
    API_TOKEN_CREATED = "api_token_created"
    API_TOKEN_REVOKED = "api_token_revoked"
    # Accounts
    SIGNED_UP = "signed_up"
    ACCOUNT_CREATED = "account_created"  # at the server's console (create-admin)
    USER_DISABLED = "user_disabled"
    USER_ENABLED = "user_enabled"
    USER_DELETED = "user_deleted"
    INVITE_CREATED = "invite_created"
    INVITE_WITHDRAWN = "invite_withdrawn"
    # Banks and accounts
    ITEM_LINKED = "item_linked"
    ITEM_REMOVED = "item_removed"
    MANUAL_ACCOUNT_ADDED = "manual_account_added"
    MANUAL_ACCOUNT_REMOVED = "manual_account_removed"
    # Households
    SHARE_GIVEN = "share_given"  # accounts shared with a person, or an invite link made
    SHARE_CHANGED = "share_changed"
    SHARE_ENDED = "share_ended"  # by its owner
    SHARE_JOINED = "share_joined"  # an invite link taken
    SHARE_LEFT = "share_left"  # by its member

"""Request bodies of the Plaid endpoints, as Plaid validates them.

Top-level fields are closed (Plaid answers UNKNOWN_FIELDS); nested options stay open so
a newer SDK's extra options do not break the emulator.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr

NonEmpty = Annotated[StrictStr, Field(min_length=1)]
# Plaid's taxonomies of personal finance categories (PersonalFinanceCategoryVersion).
PfcVersion = Literal["v1", "v2"]


class PlaidRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: StrictStr | None = None
    secret: StrictStr | None = None


class Options(BaseModel):
    model_config = ConfigDict(extra="allow")


class AccessTokenRequest(PlaidRequest):
    access_token: NonEmpty


class User(Options):
    client_user_id: NonEmpty


DaysRequested = Annotated[StrictInt, Field(ge=1, le=730)]


class TransactionsOptions(Options):
    """Plaid's `transactions` options: days_requested 1..730 (more is INVALID_FIELD)."""

    days_requested: DaysRequested | None = None


class LinkUpdate(Options):
    account_selection_enabled: StrictBool | None = None
    user: StrictBool | None = None
    item_ids: list[StrictStr] | None = None
    reauthorization_enabled: StrictBool | None = None


class LinkTokenCreate(PlaidRequest):
    model_config = ConfigDict(extra="allow")  # dozens of product-specific fields
    client_name: NonEmpty
    language: NonEmpty
    country_codes: Annotated[list[StrictStr], Field(min_length=1)]
    user: User | None = None
    user_id: StrictStr | None = None
    products: list[StrictStr] | None = None
    required_if_supported_products: list[StrictStr] | None = None
    optional_products: list[StrictStr] | None = None
    additional_consented_products: list[StrictStr] | None = None
    webhook: StrictStr | None = None
    access_token: StrictStr | None = None
    redirect_uri: StrictStr | None = None
    transactions: TransactionsOptions | None = None
    update: LinkUpdate | None = None


class PublicTokenExchange(PlaidRequest):
    public_token: NonEmpty


class ItemRemove(AccessTokenRequest):
    reason_code: StrictStr | None = None
    reason_note: Annotated[StrictStr, Field(max_length=512)] | None = None


class ItemWebhookUpdate(AccessTokenRequest):
    webhook: StrictStr | None = None


class AccountsOptions(Options):
    account_ids: list[StrictStr] | None = None


class AccountsGet(AccessTokenRequest):
    options: AccountsOptions | None = None


class SyncOptions(Options):
    include_original_description: StrictBool | None = None
    include_personal_finance_category: StrictBool | None = None
    personal_finance_category_version: PfcVersion | None = None
    days_requested: DaysRequested | None = None
    account_id: StrictStr | None = None


class TransactionsSync(AccessTokenRequest):
    cursor: StrictStr | None = None
    count: Annotated[StrictInt, Field(ge=1, le=500)] = 100
    options: SyncOptions | None = None


class TransactionsGetOptions(Options):
    account_ids: list[StrictStr] | None = None
    count: Annotated[StrictInt, Field(ge=1, le=500)] = 100
    offset: Annotated[StrictInt, Field(ge=0)] = 0
    include_original_description: StrictBool | None = None
    personal_finance_category_version: PfcVersion | None = None


class RecurringGetOptions(Options):
    include_personal_finance_category: StrictBool | None = None  # deprecated: always included
    personal_finance_category_version: PfcVersion | None = None


class TransactionsRecurringGet(AccessTokenRequest):
    options: RecurringGetOptions | None = None
    account_ids: list[StrictStr] | None = None


class TransactionsGet(AccessTokenRequest):
    start_date: date
    end_date: date
    options: TransactionsGetOptions | None = None


class InstitutionsOptions(Options):
    products: list[StrictStr] | None = None
    routing_numbers: list[StrictStr] | None = None
    oauth: StrictBool | None = None
    include_optional_metadata: StrictBool | None = None


class InstitutionsGet(PlaidRequest):
    count: Annotated[StrictInt, Field(ge=1, le=500)]
    offset: Annotated[StrictInt, Field(ge=0)]
    country_codes: Annotated[list[StrictStr], Field(min_length=1)]
    options: InstitutionsOptions | None = None


class InstitutionsGetById(PlaidRequest):
    institution_id: NonEmpty
    country_codes: Annotated[list[StrictStr], Field(min_length=1)]
    options: InstitutionsOptions | None = None


class InstitutionsSearch(PlaidRequest):
    query: NonEmpty
    country_codes: Annotated[list[StrictStr], Field(min_length=1)]
    products: list[StrictStr] | None = None
    options: InstitutionsOptions | None = None


class SandboxTokenOptions(Options):
    webhook: StrictStr | None = None
    override_username: StrictStr | None = None
    override_password: StrictStr | None = None
    transactions: TransactionsOptions | None = None


class SandboxPublicTokenCreate(PlaidRequest):
    institution_id: NonEmpty
    initial_products: Annotated[list[StrictStr], Field(min_length=1)]
    options: SandboxTokenOptions | None = None
    user_token: StrictStr | None = None
    user_id: StrictStr | None = None


class FireWebhookOptions(Options):
    new_transactions: Annotated[StrictInt, Field(ge=0)] | None = None


class SandboxFireWebhook(AccessTokenRequest):
    webhook_code: NonEmpty
    webhook_type: StrictStr | None = None
    options: FireWebhookOptions | None = None


class WebhookVerificationKeyGet(PlaidRequest):
    key_id: NonEmpty

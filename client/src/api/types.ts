/**
 * The API's shapes by the names the client uses: aliases of the types generated from the
 * server's OpenAPI schema (`schema.ts`, from `openapi.json`; `make api-types` regenerates
 * both). Keys are snake_case both ways. Money is a decimal string.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type Money = string;

// What the server answers.
export type AppConfig = Schemas['ClientConfig'];
export type User = Schemas['UserRead'];
/** Something done to or by an account: a log-in, a refused one, an administrator's action... */
export type AuditEvent = Schemas['AuditEventRead'];
export type AuditAction = Schemas['AuditAction'];
/** A person's own settings: theme, time zone (IANA) and display currency. */
export type Preferences = Schemas['PreferencesRead'];
export type PreferencesUpdate = Schemas['PreferencesUpdate'];
export type Theme = Preferences['theme'];
export type Invite = Schemas['InviteRead'];
/** A new invite: its code and link are shown this once. */
export type InviteCreated = Schemas['InviteCreated'];
/** A personal API token: its secret is never sent again after it is made. */
export type ApiToken = Schemas['ApiTokenRead'];
export type ApiTokenCreate = Schemas['ApiTokenCreate'];
/** A new API token with its secret, shown this once. */
export type ApiTokenCreated = Schemas['ApiTokenCreated'];
export type SyncRequests = Schemas['SyncRequestsRead'];
export type DeadSyncRequest = Schemas['DeadSyncRequest'];
export type Item = Schemas['ItemRead'];
export type SyncReport = Schemas['SyncReport'];
export type Account = Schemas['AccountRead'];
export type Institution = Schemas['InstitutionRead'];
export type LinkToken = Schemas['LinkTokenRead'];
export type Transaction = Schemas['TransactionRead'];
/** One part of a split transaction: counted in its place. */
export type SplitPart = Schemas['SplitRead'];
export type CategoryTree = Schemas['CategoryRead'];
/** A group of categories as the person set them up: Plaid's, their own, and any in use. */
export type CategoryGroup = Schemas['CategoryGroup'];
export type CategoryItem = Schemas['CategoryItem'];
export type CategoryCreate = Schemas['CategoryCreate'];
export type CategoryUpdate = Schemas['CategoryUpdate'];
export type GroupCreate = Schemas['GroupCreate'];
export type GroupUpdate = Schemas['GroupUpdate'];
/** Money moved between two of the person's accounts: neither spending nor income. */
export type Transfer = Schemas['TransferRead'];
export type TransferLink = Schemas['TransferLink'];
export type TransferCandidate = Schemas['TransferCandidate'];
export type TransfersMatched = Schemas['TransfersMatched'];
export type Rule = Schemas['RuleRead'];
/** A rule as listed: with how many of the person's transactions it matches now. */
export type RuleListed = Schemas['RuleListed'];
/** A new rule, with how many transactions applying changed (null when not applied). */
export type RuleCreated = Schemas['RuleCreated'];
/** What creating a rule and applying would change, changing nothing. */
export type RulePreview = Schemas['RulePreview'];
export type RulesApplied = Schemas['RulesApplied'];
export type Asset = Schemas['AssetRead'];
export type NetWorth = Schemas['NetWorthRead'];
export type NetWorthSnapshot = Schemas['SnapshotRead'];
/** A day's net worth in one currency and its parts (each positive; credit and loans count against). */
export type DayWorth = Schemas['DayWorthRead'];
export type AccountBalance = Schemas['BalanceRead'];
/** An account's balance at the end of a day: worked back from today's, or seen by a sync. */
export type DayBalance = Schemas['DayBalanceRead'];
/** Every amount of an insight is in `currency`; `currencies` are the person's, most accounts first. */
export type SpendingSummary = Schemas['SpendingRead'];
export type MonthlySummary = Schemas['MonthlyRead'];
export type Trends = Schemas['TrendsRead'];
export type CashFlow = Schemas['CashFlowRead'];
export type MonthCashFlow = Schemas['MonthFlowRead'];
export type FlowNode = Schemas['FlowNode'];
/** The transactions behind a cash-flow figure, as the transactions list's filters. */
export type TransactionsFilter = Schemas['TransactionsFilter'];
export type Merchants = Schemas['MerchantsRead'];
/** A budget month: every amount is in `currency`; `month` is YYYY-MM, the month it starts in. */
export type Budget = Schemas['BudgetRead'];
export type BudgetGroup = Schemas['BudgetGroupRead'];
export type BudgetCategory = Schemas['BudgetCategoryRead'];
export type BudgetFigures = Schemas['Figures'];
export type BudgetSettings = Schemas['BudgetSettingsRead'];
export type Rollover = NonNullable<BudgetCategory['rollover']>;
/** Recurring streams (amounts signed as Plaid's: an inflow's are negative) and what is due. */
export type Recurring = Schemas['RecurringRead'];
export type RecurringStream = Schemas['StreamRead'];
export type UpcomingPayment = Schemas['Upcoming'];
/** What Pattern tells a person once: a new subscription, a price rise, a bill due soon. */
export type Notice = Schemas['NoticeRead'];
export type NoticeList = Schemas['NoticeList'];
export type NoticesMarked = Schemas['NoticesMarked'];
export type NoticeSettings = Schemas['NoticeSettingsRead'];
/** Each cash account's expected balance for today and the next 30 days. */
export type Forecast = Schemas['ForecastRead'];
export type AccountForecast = Schemas['AccountForecast'];
export type ErrorBody = Schemas['ErrorBody'];

// What the client sends.
export type RecurringOverride = Schemas['OverrideWrite'];
export type ForecastSettings = Schemas['ForecastSettingsWrite'];
export type NoticesMarkRead = Schemas['NoticesMarkRead'];
export type NoticeSettingsWrite = Schemas['NoticeSettingsWrite'];
export type Credentials = Schemas['LoginRequest'];
export type SignUp = Schemas['UserCreate'];
export type PasswordChange = Schemas['PasswordChange'];
export type ItemCreate = Schemas['ItemCreate'];
export type LinkEvent = Schemas['LinkEventCreate'];
export type TransactionUpdate = Schemas['TransactionUpdate'];
/** The parts of a split transaction, replacing any before (amounts in Plaid's sign). */
export type SplitUpdate = Schemas['SplitUpdate'];
/** What a bulk edit sets on each transaction it reaches. */
export type BulkChanges = Schemas['BulkChanges'];
export type BulkEdited = Schemas['BulkEdited'];
export type RuleWrite = Schemas['RuleWrite'];
export type AssetWrite = Schemas['AssetWrite'];
export type AssetKind = Asset['kind'];
export type AccountUpdate = Schemas['AccountUpdate'];
/** An account kept by hand, and a transaction typed into one (amount in Plaid's sign). */
export type ManualAccountCreate = Schemas['ManualAccountCreate'];
export type ManualTransactionCreate = Schemas['ManualTransactionCreate'];
export type BudgetLineWrite = Schemas['BudgetLineWrite'];
export type BudgetSettingsWrite = Schemas['BudgetSettingsWrite'];

// Two-factor log-in.
/** The person's second factors, and whether the server requires one. */
export type TwoFactor = Schemas['TwoFactorRead'];
/** An authenticator app being set up: its secret is shown this once. */
export type TotpSetup = Schemas['TotpSetup'];
/** Ten single-use recovery codes, shown this once. */
export type RecoveryCodes = Schemas['RecoveryCodes'];
/** The password was right; a second factor completes the log-in. */
export type SecondFactorNeeded = Schemas['SecondFactorNeeded'];
export type SecondFactorMethod = SecondFactorNeeded['methods'][number];
export type Passkey = Schemas['PasskeyRead'];
export type PasskeyAdded = Schemas['PasskeyAdded'];
export type TwoFactorPolicy = Schemas['PolicyRead'];
/** WebAuthn options from the server, for @simplewebauthn/browser. */
export type PasskeyOptions = Schemas['PasskeyOptions'];

// Households: money one person shares with another.
export type ShareRole = Share['role'];
/** A share a person gives: to a member, or an invite link not yet taken (member null). */
export type Share = Schemas['ShareRead'];
/** A new share: an invite link's token is shown this once. */
export type ShareCreated = Schemas['ShareCreated'];
/** A share a person receives: whose money, which accounts, and what they may do. */
export type ReceivedShare = Schemas['ReceivedShareRead'];
export type ShareCreate = Schemas['ShareCreate'];
export type ShareUpdate = Schemas['ShareWrite'];

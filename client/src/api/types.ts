/** Shapes the server answers (docs/api.md). Money is a decimal string. */

export type Money = string;

export interface User {
  id: number;
  username: string;
  is_admin: boolean;
  created_at: string;
}

export interface AppConfig {
  plaid_env: 'emulator' | 'sandbox' | 'production';
  emulator_url: string | null;
  /** No administrator yet: the first account needs the server's setup code. */
  setup_required: boolean;
  sign_up: 'invite' | 'open' | 'closed';
}

export interface Invite {
  id: number;
  created_at: string;
  expires_at: string;
  status: 'pending' | 'used' | 'expired';
  used_at: string | null;
  used_by: string | null;
}

/** A new invite: its code and link are shown this once. */
export interface InviteCreated extends Invite {
  code: string;
  url: string;
}

export interface Item {
  id: number;
  user_id: number;
  plaid_item_id: string;
  plaid_institution_id: string;
  institution_name: string | null;
  status: 'good' | 'bad';
  error_code: string | null;
  last_synced_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SyncReport {
  item_id: number;
  status: string;
  added: number;
  modified: number;
  removed: number;
  error_code: string | null;
}

export interface Account {
  id: number;
  item_id: number;
  plaid_account_id: string;
  name: string;
  mask: string | null;
  official_name: string | null;
  current_balance: Money | null;
  available_balance: Money | null;
  credit_limit: Money | null;
  iso_currency_code: string | null;
  unofficial_currency_code: string | null;
  type: string;
  subtype: string | null;
}

export interface Institution {
  institution_id: string;
  name: string;
  url: string | null;
  primary_color: string | null;
  logo: string | null;
}

export interface Transaction {
  id: number;
  account_id: number;
  item_id: number;
  account_name: string;
  name: string;
  merchant_name: string | null;
  amount: Money;
  iso_currency_code: string | null;
  unofficial_currency_code: string | null;
  date: string;
  pending: boolean;
  category: string | null;
  subcategory: string | null;
  personal_finance_category: string | null;
  original_name: string | null;
  original_category: string | null;
  original_subcategory: string | null;
  manually_updated: boolean;
  hidden: boolean;
}

export interface CategoryTree {
  category: string;
  subcategories: string[];
}

export interface Rule {
  id: number;
  position: number;
  match_name: string | null;
  match_category: string | null;
  match_subcategory: string | null;
  set_name: string | null;
  set_category: string | null;
  set_subcategory: string | null;
}

export interface Asset {
  id: number;
  description: string;
  value: Money;
  iso_currency_code: string;
}

export interface NetWorth {
  currency: string;
  assets: Money;
  liabilities: Money;
  net_worth: Money;
}

export interface NetWorthSnapshot {
  snapshot_date: string;
  iso_currency_code: string;
  assets: Money;
  liabilities: Money;
  net_worth: Money;
}

/** Every amount of an insight is in `currency`; `currencies` are the person's, most accounts first. */
export interface InCurrency {
  currency: string;
  currencies: string[];
}

export interface SpendingSummary extends InCurrency {
  start_date: string;
  end_date: string;
  total: Money;
  count: number;
  categories: {
    category: string;
    total: Money;
    count: number;
    subcategories: { subcategory: string; total: Money; count: number }[];
  }[];
}

export interface MonthlySummary extends InCurrency {
  income: Money;
  spending: Money;
  net: Money;
  months: { month: string; income: Money; spending: Money; net: Money }[];
}

export interface Trends extends InCurrency {
  months: string[];
  categories: { category: string; total: Money; series: { month: string; spending: Money }[] }[];
}

export interface Merchants extends InCurrency {
  merchants: { merchant: string; count: number; total: Money }[];
}

import type { Account, Rule, RuleWrite } from '../api/types';
import { accountName } from '../accounts/accountText';
import { categoryLabel } from '../lib/categories';
import { formatMoney } from '../lib/format';
import { fromParams, sizeOf, toParams, type AmountFilter } from '../transactions/amountFilter';

/**
 * A rule's amount range is stored in Plaid's sign (money out positive), as the
 * transaction list's amount filter takes it; people see and type it as money out or in,
 * at least and at most so much (pattern.rules.matching, docs/adr/0029).
 */
export function amountOfRule(rule: Pick<Rule, 'min_amount' | 'max_amount'>): AmountFilter {
  return fromParams({ min_amount: rule.min_amount ?? undefined, max_amount: rule.max_amount ?? undefined });
}

export type AmountBounds = Pick<RuleWrite, 'min_amount' | 'max_amount'>;

/** The bounds a rule form's amount fields give, or the words saying what is wrong with them. */
export function boundsOf(filter: AmountFilter): { bounds: AmountBounds } | { problem: string } {
  if (filter.direction === 'any') return { bounds: { min_amount: null, max_amount: null } };
  for (const text of [filter.atLeast, filter.atMost]) {
    const size = sizeOf(text);
    if (text.trim() && size === undefined) {
      return { problem: `“${text.trim()}” is not an amount: digits, with at most two decimals.` };
    }
    if (size !== undefined && Number(size) >= 1e12) {
      return { problem: `“${text.trim()}” is more than any transaction: at most 999,999,999,999.99.` };
    }
  }
  const params = toParams(filter);
  return { bounds: { min_amount: params.min_amount ?? null, max_amount: params.max_amount ?? null } };
}

function money(value: string): string {
  return formatMoney(value.replace(/^-/, ''));
}

/** "money out of at least $10.00 and at most $50.00", or null when the rule has no range. */
export function amountText(rule: Pick<Rule, 'min_amount' | 'max_amount'>): string | null {
  const { min_amount: min, max_amount: max } = rule;
  if (min == null && max == null) return null;
  const filter = amountOfRule(rule);
  if (filter.direction === 'any') {
    // A range across zero, made through the API: said in Plaid's sign.
    return `amount from ${min ?? '…'} to ${max ?? '…'} (money out positive)`;
  }
  const sizes = [
    filter.atLeast && `at least ${money(filter.atLeast)}`,
    filter.atMost && `at most ${money(filter.atMost)}`,
  ]
    .filter(Boolean)
    .join(' and ');
  const direction = filter.direction === 'out' ? 'money out' : 'money in';
  return sizes ? `${direction} of ${sizes}` : `any ${direction}`;
}

function accountsText(ids: number[] | null, accounts: Account[] | undefined): string | null {
  if (!ids?.length) return null;
  const names = ids.map((id) => {
    const account = accounts?.find((a) => a.id === id);
    return account ? `“${accountName(account)}”` : 'a removed account';
  });
  return `account is ${names.join(' or ')}`;
}

/** "name contains “uber” and money out of at least $10.00", in the rule's own words. */
export function describeMatch(rule: Rule, accounts?: Account[]): string {
  const parts = [
    rule.match_name && `name contains “${rule.match_name}”`,
    rule.match_merchant && `merchant is “${rule.match_merchant}”`,
    rule.match_category && `category is “${categoryLabel(rule.match_category)}”`,
    rule.match_subcategory && `subcategory is “${categoryLabel(rule.match_subcategory, rule.match_category)}”`,
    amountText(rule),
    accountsText(rule.match_account_ids, accounts),
  ].filter(Boolean);
  return parts.join(' and ');
}

export function describeSet(rule: Rule): string {
  const parts = [
    rule.set_name && `rename to “${rule.set_name}”`,
    rule.set_category && `category “${categoryLabel(rule.set_category)}”`,
    rule.set_subcategory && `subcategory “${categoryLabel(rule.set_subcategory, rule.set_category)}”`,
  ].filter(Boolean);
  return parts.join(', ');
}

/** "matches 23 transactions" */
export function matchCountText(count: number): string {
  return `matches ${count} transaction${count === 1 ? '' : 's'}`;
}

// The API's names of a rule's fields, as the form labels them.
const FIELD_WORDS: Record<string, string> = {
  match_name: 'Name contains',
  match_merchant: 'Merchant is',
  match_category: 'Category is',
  match_subcategory: 'Subcategory is',
  min_amount: 'The amount',
  max_amount: 'The amount',
  match_account_ids: 'The accounts',
  set_name: 'Rename to',
  set_category: 'Set category',
  set_subcategory: 'Set subcategory',
};

/** A refusal of the server in the form's words: "Merchant is: …", never "match_merchant: …". */
export function ruleProblemText(message: string): string {
  return message.replace(/\b(match_[a-z_]+|min_amount|max_amount|set_[a-z]+)(\.\d+)?:/g, (_, field: string) =>
    FIELD_WORDS[field] ? `${FIELD_WORDS[field]}:` : `${field}:`,
  );
}

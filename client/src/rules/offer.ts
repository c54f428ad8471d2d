import type { Transaction, TransactionUpdate, RuleWrite } from '../api/types';

/** "Always do this for <merchant>": the rule an edit suggests, and whom it is for. */
export interface RuleOfferDraft {
  /** The merchant (or the bank's description) the rule is for, as shown to the person. */
  merchant: string;
  rule: RuleWrite;
}

/**
 * The rule an edit of `tx` suggests: for its merchant (Plaid's merchant name, equal) or,
 * without one, for its bank description (contains), setting the name, category and
 * subcategory the edit gave. Null when the edit changed none of them (or only cleared
 * them: a rule cannot set "nothing").
 */
export function offerFor(tx: Transaction, edit: TransactionUpdate): RuleOfferDraft | null {
  const set = {
    set_name: edit.name || null,
    set_category: edit.category || null,
    set_subcategory: edit.subcategory || null,
  };
  if (!set.set_name && !set.set_category && !set.set_subcategory) return null;
  const merchant = tx.merchant_name?.trim();
  if (merchant) return { merchant, rule: { match_merchant: merchant, ...set } };
  const description = (tx.original_name ?? tx.name).trim();
  if (!description) return null;
  return { merchant: description, rule: { match_name: description, ...set } };
}

/** "This will also change 23 other transactions." */
export function previewSentence(changed: number): string {
  if (changed === 0) return 'No other transaction would change now; the rule applies to new ones.';
  return `This will also change ${changed} other transaction${changed === 1 ? '' : 's'}.`;
}

/** What the rule does, in words: "set the category to “Coffee”". */
export function offerAction(rule: RuleWrite, label: (value: string, parent?: string | null) => string): string {
  const parts = [
    rule.set_name && `rename them “${rule.set_name}”`,
    rule.set_category && `set the category to “${label(rule.set_category)}”`,
    rule.set_subcategory && `set the subcategory to “${label(rule.set_subcategory, rule.set_category)}”`,
  ].filter(Boolean);
  return parts.join(' and ');
}

import { useId, useState, type FormEvent } from 'react';
import type { Account, CategoryTree, Rule, RuleWrite } from '../api/types';
import { accountName } from '../accounts/accountText';
import { ErrorText } from '../components/ErrorText';
import { categoryLabel } from '../lib/categories';
import type { AmountFilter, Direction } from '../transactions/amountFilter';
import { errorMessage, isUnreachable } from '../api/client';
import { amountOfRule, boundsOf, ruleProblemText } from './ruleText';

interface Props {
  rule?: Rule;
  busy: boolean;
  error: unknown;
  onSave: (body: RuleWrite) => void;
  onCancel?: () => void;
  /** The categories in use (Plaid's personal finance ones, and the person's), offered. */
  categories?: CategoryTree[];
  /** The person's accounts, to tick those the rule is for. */
  accounts?: Account[];
}

const FIELDS = [
  ['match_name', 'Name contains', 'rule-match-name'],
  ['match_merchant', 'Merchant is', 'rule-match-merchant'],
  ['match_category', 'Category is', 'rule-match-category'],
  ['match_subcategory', 'Subcategory is', 'rule-match-subcategory'],
  ['set_name', 'Rename to', 'rule-set-name'],
  ['set_category', 'Set category', 'rule-set-category'],
  ['set_subcategory', 'Set subcategory', 'rule-set-subcategory'],
] as const;

type Values = Record<(typeof FIELDS)[number][0], string>;

export function RuleForm({ rule, busy, error, onSave, onCancel, categories = [], accounts = [] }: Props) {
  const listId = useId();
  const lists: Record<string, string> = {
    match_category: `${listId}-c`,
    set_category: `${listId}-c`,
    match_subcategory: `${listId}-s`,
    set_subcategory: `${listId}-s`,
  };
  const [values, setValues] = useState<Values>(() => {
    const v = {} as Values;
    for (const [key] of FIELDS) v[key] = rule?.[key] ?? '';
    return v;
  });
  const [amount, setAmount] = useState<AmountFilter>(() =>
    rule ? amountOfRule(rule) : { direction: 'any', atLeast: '', atMost: '' },
  );
  // A range the form cannot show (across zero, made through the API) is kept unless changed.
  const [amountTouched, setAmountTouched] = useState(false);
  const [accountIds, setAccountIds] = useState<number[]>(rule?.match_account_ids ?? []);
  const [problem, setProblem] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const bounds = boundsOf(amount);
    if ('problem' in bounds) return setProblem(bounds.problem);
    setProblem(null);
    const body = {} as RuleWrite;
    for (const [key] of FIELDS) body[key] = values[key].trim() || null;
    const kept = rule && !amountTouched;
    body.min_amount = kept ? rule.min_amount : bounds.bounds.min_amount;
    body.max_amount = kept ? rule.max_amount : bounds.bounds.max_amount;
    body.match_account_ids = accountIds.length ? accountIds : null;
    onSave(body);
  };

  const changeAmount = (next: AmountFilter) => {
    setAmountTouched(true);
    setAmount(next);
  };

  const input = (index: number) => {
    const [key, label, testId] = FIELDS[index];
    return (
      <label key={key}>
        {label}
        <input
          value={values[key]}
          onChange={(e) => setValues({ ...values, [key]: e.target.value })}
          list={lists[key]}
          data-testid={testId}
        />
      </label>
    );
  };

  const size = (key: 'atLeast' | 'atMost', label: string) => (
    <label>
      {label}
      <input
        inputMode="decimal"
        placeholder="$"
        value={amount[key]}
        disabled={amount.direction === 'any'}
        onChange={(e) => changeAmount({ ...amount, [key]: e.target.value })}
        data-testid={`rule-amount-${key === 'atLeast' ? 'min' : 'max'}`}
      />
    </label>
  );

  return (
    <form className="rule-form stack" onSubmit={onSubmit}>
      <fieldset>
        <legend>When a transaction’s (bank) values match</legend>
        <div className="grid-2 tight">{[0, 1, 2, 3].map(input)}</div>
        <div className="grid-3">
          <label>
            Amount
            <select
              value={amount.direction}
              onChange={(e) => changeAmount({ ...amount, direction: e.target.value as Direction })}
              data-testid="rule-amount-direction"
            >
              <option value="any">Any amount</option>
              <option value="out">Money out</option>
              <option value="in">Money in</option>
            </select>
          </label>
          {size('atLeast', 'At least')}
          {size('atMost', 'At most')}
        </div>
        {accounts.length > 0 && (
          <fieldset className="rule-accounts">
            <legend>On the accounts (none ticked: any)</legend>
            {accounts.map((account) => (
              <label key={account.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={accountIds.includes(account.id)}
                  onChange={(e) =>
                    setAccountIds(
                      e.target.checked ? [...accountIds, account.id] : accountIds.filter((id) => id !== account.id),
                    )
                  }
                  data-testid="rule-account"
                />
                {accountName(account)}
                {account.mask && ` ··${account.mask}`}
              </label>
            ))}
          </fieldset>
        )}
      </fieldset>
      <fieldset>
        <legend>then</legend>
        <div className="grid-3">{[4, 5, 6].map(input)}</div>
      </fieldset>
      <datalist id={`${listId}-c`}>
        {categories.map((c) => (
          <option key={c.category} value={c.category} label={categoryLabel(c.category)} />
        ))}
      </datalist>
      <datalist id={`${listId}-s`}>
        {categories.flatMap((c) =>
          c.subcategories.map((s) => <option key={s} value={s} label={categoryLabel(s, c.category)} />),
        )}
      </datalist>
      {problem && (
        <p className="error" role="alert" data-testid="rule-form-problem">
          {problem}
        </p>
      )}
      <ErrorText error={error && !isUnreachable(error) ? ruleProblemText(errorMessage(error)) : error} />
      <div className="row end">
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={busy} data-testid="rule-save">
          {rule ? 'Save rule' : 'Add rule'}
        </button>
      </div>
    </form>
  );
}

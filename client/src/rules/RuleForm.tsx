import { useId, useState, type FormEvent } from 'react';
import type { CategoryTree, Rule, RuleWrite } from '../api/types';
import { ErrorText } from '../components/ErrorText';
import { categoryLabel } from '../lib/categories';

interface Props {
  rule?: Rule;
  busy: boolean;
  error: unknown;
  onSave: (body: RuleWrite) => void;
  onCancel?: () => void;
  /** The categories in use (Plaid's personal finance ones, and the person's), offered. */
  categories?: CategoryTree[];
}

const FIELDS = [
  ['match_name', 'Name contains', 'rule-match-name'],
  ['match_category', 'Category is', 'rule-match-category'],
  ['match_subcategory', 'Subcategory is', 'rule-match-subcategory'],
  ['set_name', 'Rename to', 'rule-set-name'],
  ['set_category', 'Set category', 'rule-set-category'],
  ['set_subcategory', 'Set subcategory', 'rule-set-subcategory'],
] as const;

type Values = Record<(typeof FIELDS)[number][0], string>;

export function RuleForm({ rule, busy, error, onSave, onCancel, categories = [] }: Props) {
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {} as RuleWrite;
    for (const [key] of FIELDS) body[key] = values[key].trim() || null;
    onSave(body);
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

  return (
    <form className="rule-form stack" onSubmit={onSubmit}>
      <fieldset>
        <legend>When a transaction’s (bank) values match</legend>
        <div className="grid-3">{[0, 1, 2].map(input)}</div>
      </fieldset>
      <fieldset>
        <legend>then</legend>
        <div className="grid-3">{[3, 4, 5].map(input)}</div>
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
      <ErrorText error={error} />
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

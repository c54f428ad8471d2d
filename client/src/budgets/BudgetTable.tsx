import { useState, type FormEvent } from 'react';
import type { Budget, BudgetCategory, BudgetGroup, BudgetLineWrite, Rollover } from '../api/types';
import { useCategoryGroups } from '../categories/queries';
import { categoryName } from '../insights/labels';
import { formatMoney } from '../lib/format';
import { PaceBar } from './PaceBar';
import { useSaveLines } from './queries';

const ROLLOVER: [Rollover, string][] = [
  ['none', 'No rollover'],
  ['carry_surplus', 'Carry what is left'],
  ['carry_all', 'Carry left and overspent'],
];

// Plaid's category groups, offered when adding a line until the person's are known.
const GROUPS = [
  'BANK_FEES',
  'ENTERTAINMENT',
  'FOOD_AND_DRINK',
  'GENERAL_MERCHANDISE',
  'GENERAL_SERVICES',
  'GOVERNMENT_AND_NON_PROFIT',
  'HOME_IMPROVEMENT',
  'LOAN_PAYMENTS',
  'MEDICAL',
  'PERSONAL_CARE',
  'RENT_AND_UTILITIES',
  'TRANSPORTATION',
  'TRAVEL',
];

interface Line {
  category: string;
  subcategory: string | null;
  hasLine: boolean;
  amount: string;
  rollover: Rollover;
}

function lineOf(group: BudgetGroup, row?: BudgetCategory): Line | null {
  if (!group.category) return null; // uncategorized spending cannot be budgeted
  const figures = row ?? group;
  if (row && row.subcategory === null) return null;
  return {
    category: group.category,
    subcategory: row?.subcategory ?? null,
    hasLine: figures.has_line,
    amount: figures.has_line ? figures.budgeted : '',
    rollover: figures.rollover ?? 'none',
  };
}

/** The budgeted amount, saved when it changes and the field is left (empty: no line). */
function AmountInput({
  line,
  label,
  placeholder,
  save,
}: {
  line: Line;
  label: string;
  placeholder: string;
  save: (l: BudgetLineWrite) => void;
}) {
  const [text, setText] = useState(line.amount);
  const [shown, setShown] = useState(line.amount);
  if (shown !== line.amount) {
    setShown(line.amount);
    setText(line.amount);
  }
  const commit = () => {
    const value = text.trim();
    if (value === line.amount || (value === '' && !line.hasLine)) return;
    save({
      category: line.category,
      subcategory: line.subcategory,
      amount: value === '' ? null : value,
      rollover: line.rollover,
    });
  };
  return (
    <input
      className="amount"
      inputMode="decimal"
      aria-label={`Budget for ${label}`}
      placeholder={placeholder}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
  );
}

function Row({
  budget,
  group,
  row,
  save,
}: {
  budget: Budget;
  group: BudgetGroup;
  row?: BudgetCategory;
  /** None: a budget shared with this person to view only. */
  save?: (line: BudgetLineWrite) => void;
}) {
  const figures = row ?? group;
  const line = lineOf(group, row);
  const label = row ? categoryName(row.subcategory, group.category) : categoryName(group.category);
  const money = (value: string) => formatMoney(value, budget.currency);
  // A category of a group with no line of its own: only what was spent in it.
  const budgeted = !row || row.has_line || Number(row.carried_in) !== 0;
  return (
    <tr
      className={row ? 'budget-row' : 'budget-group'}
      data-testid={`budget-row-${row?.subcategory ?? group.category ?? 'none'}`}
    >
      <td className={row ? 'sub' : ''}>{label}</td>
      <td className="num">
        {line && save ? (
          <AmountInput line={line} label={label} placeholder={row ? '' : money(group.budgeted)} save={save} />
        ) : (
          money(figures.budgeted)
        )}
      </td>
      <td>
        {line?.hasLine && !save && ROLLOVER.find(([value]) => value === line.rollover)?.[1]}
        {line?.hasLine && save && (
          <select
            aria-label={`Rollover of ${label}`}
            value={line.rollover}
            onChange={(e) =>
              save({
                category: line.category,
                subcategory: line.subcategory,
                amount: line.amount,
                rollover: e.target.value as Rollover,
              })
            }
          >
            {ROLLOVER.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        )}
      </td>
      <td className="num">{Number(figures.carried_in) !== 0 ? money(figures.carried_in) : ''}</td>
      <td className="num" data-testid="spent">
        {money(figures.spent)}
      </td>
      <td className={`num ${budgeted && Number(figures.left) < 0 ? 'text-bad' : ''}`} data-testid="left">
        {budgeted ? money(figures.left) : ''}
      </td>
      <td className="pace-cell">
        {budgeted && <PaceBar figures={figures} daysGone={budget.days_gone} days={budget.days} />}
      </td>
    </tr>
  );
}

function AddLine({ userId, save }: { userId: number; save: (line: BudgetLineWrite) => void }) {
  // The person's groups (their own too) once known; Plaid's meanwhile.
  const known = useCategoryGroups(userId)
    .data?.filter((g) => !g.hidden)
    .map((g) => g.code);
  const groups = known?.length ? known : GROUPS;
  const [category, setCategory] = useState('');
  const [amount, setAmount] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!category.trim() || !amount.trim()) return;
    save({ category: category.trim(), subcategory: null, amount: amount.trim(), rollover: 'none' });
    setCategory('');
    setAmount('');
  };
  return (
    <form className="row wrap" onSubmit={submit} style={{ marginTop: 12 }}>
      <input
        list="budget-groups"
        placeholder="Category group, e.g. FOOD_AND_DRINK"
        aria-label="Category group"
        value={category}
        onChange={(e) => setCategory(e.target.value)}
        data-testid="budget-add-category"
      />
      <datalist id="budget-groups">
        {groups.map((g) => (
          <option key={g} value={g}>
            {categoryName(g)}
          </option>
        ))}
      </datalist>
      <input
        inputMode="decimal"
        placeholder="Amount a month"
        aria-label="Amount"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        data-testid="budget-add-amount"
      />
      <button type="submit" data-testid="budget-add">
        Add to budget
      </button>
    </form>
  );
}

interface Props {
  userId: number;
  budget: Budget;
  /** A budget shared with this person to view only: its lines as text. */
  readOnly?: boolean;
}

export function BudgetTable({ userId, budget, readOnly = false }: Props) {
  const saveLines = useSaveLines(userId, budget.month);
  const save = readOnly ? undefined : (line: BudgetLineWrite) => saveLines.mutate([line]);
  return (
    <>
      {saveLines.error && <p className="error">{saveLines.error.message}</p>}
      {budget.groups.length === 0 && <p className="muted">Nothing budgeted or spent this month yet.</p>}
      <div className="table-wrap">
        <table className="table budget-table">
          <thead>
            <tr>
              <th>Category</th>
              <th className="num">Budgeted</th>
              <th>Rollover</th>
              <th className="num">Carried in</th>
              <th className="num">Spent</th>
              <th className="num">Left</th>
              <th>Pace</th>
            </tr>
          </thead>
          <tbody>
            {budget.groups.flatMap((group) => [
              <Row key={group.category ?? 'none'} budget={budget} group={group} save={save} />,
              ...group.categories.map((row) => (
                <Row key={`${group.category}/${row.subcategory}`} budget={budget} group={group} row={row} save={save} />
              )),
            ])}
          </tbody>
        </table>
      </div>
      {save && <AddLine userId={userId} save={save} />}
    </>
  );
}

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';
import { TransactionTable } from './TransactionTable';

const ROWS = [
  aTransaction({ id: 1, date: '2024-03-02' }),
  aTransaction({ id: 2, date: '2024-03-02' }),
  aTransaction({ id: 3, date: '2024-03-01' }),
];

function datesShown() {
  return screen
    .getAllByTestId('tx-date')
    .map((cell) => (cell.querySelector('.visually-hidden') ? null : cell.textContent));
}

describe('the list by day', () => {
  it('shows a day’s date once, on its first row, and marks where a day starts', () => {
    renderApp(<TransactionTable rows={ROWS} filters={{}} onSort={() => {}} onEdit={() => {}} onTag={() => {}} />);
    expect(datesShown()).toEqual(['Mar 2, 2024', null, 'Mar 1, 2024']);
    // Still said on every row, for a screen reader.
    expect(screen.getAllByTestId('tx-date').map((cell) => cell.textContent)).toEqual([
      'Mar 2, 2024',
      'Mar 2, 2024',
      'Mar 1, 2024',
    ]);
    expect(screen.getAllByTestId('tx-row').map((row) => row.classList.contains('day-start'))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('shows every date when sorted by something else', () => {
    renderApp(
      <TransactionTable
        rows={ROWS}
        filters={{ sort: 'amount' }}
        onSort={() => {}}
        onEdit={() => {}}
        onTag={() => {}}
      />,
    );
    expect(datesShown()).toEqual(['Mar 2, 2024', 'Mar 2, 2024', 'Mar 1, 2024']);
  });
});

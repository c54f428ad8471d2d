import { describe, expect, it } from 'vitest';
import { describeProblem, isKnownProblem } from './plaidProblems';

// The errors a person can meet (issue: every one says what it means and what to do).
const MET_BY_PEOPLE = [
  'ITEM_LOGIN_REQUIRED',
  'PENDING_EXPIRATION',
  'PENDING_DISCONNECT',
  'USER_PERMISSION_REVOKED',
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'RATE_LIMIT_EXCEEDED',
  'PRODUCT_NOT_READY',
  'SYNC_FAILED',
];

describe('Plaid problems in words', () => {
  it.each(MET_BY_PEOPLE)('%s names the bank, says what to do and never shows the code', (code) => {
    expect(isKnownProblem(code)).toBe(true);
    const problem = describeProblem(code, 'Tartan Bank');
    expect(problem.what).toContain('Tartan Bank');
    expect(problem.todo.length).toBeGreaterThan(20);
    expect(`${problem.what} ${problem.todo} ${problem.badge}`).not.toContain(code);
  });

  it('offers a new login for what only a login fixes, and a new sync for what passes', () => {
    for (const code of ['ITEM_LOGIN_REQUIRED', 'PENDING_EXPIRATION', 'PENDING_DISCONNECT', 'USER_PERMISSION_REVOKED']) {
      expect(describeProblem(code, 'X').fix?.kind).toBe('login');
    }
    for (const code of ['INSTITUTION_DOWN', 'INSTITUTION_NOT_RESPONDING', 'RATE_LIMIT_EXCEEDED', 'SYNC_FAILED']) {
      expect(describeProblem(code, 'X').fix?.kind).toBe('sync');
    }
    expect(describeProblem('PRODUCT_NOT_READY', 'X').fix).toBeNull();
  });

  it("an unknown code comes with Plaid's own words", () => {
    const problem = describeProblem('SOMETHING_NEW', 'Tartan Bank', 'the bank said no');
    expect(problem.what).toBe('Syncing Tartan Bank failed.');
    expect(problem.todo).toContain('the bank said no');
  });
});

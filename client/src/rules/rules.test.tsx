import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RuleListed } from '../api/types';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { aTransaction } from '../test/transactions';
import { EditTransactionDialog } from '../transactions/EditTransactionDialog';
import { offerFor, previewSentence } from './offer';
import { RuleForm } from './RuleForm';
import { amountText, boundsOf, describeMatch, ruleProblemText } from './ruleText';

function aRule(fields: Partial<RuleListed> = {}): RuleListed {
  return {
    id: 1,
    user_id: 1,
    position: 0,
    match_name: null,
    match_merchant: null,
    match_category: null,
    match_subcategory: null,
    min_amount: null,
    max_amount: null,
    match_account_ids: null,
    set_name: null,
    set_category: 'Coffee',
    set_subcategory: null,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    match_count: 0,
    ...fields,
  };
}

describe('the rule an edit offers', () => {
  it('is for the merchant, setting what the edit set', () => {
    const tx = aTransaction({ merchant_name: 'Starbucks', name: 'STARBUCKS 123' });
    expect(offerFor(tx, { category: 'Coffee' })).toEqual({
      merchant: 'Starbucks',
      rule: { match_merchant: 'Starbucks', set_name: null, set_category: 'Coffee', set_subcategory: null },
    });
  });

  it('is for the bank’s description when there is no merchant', () => {
    const tx = aTransaction({ merchant_name: null, name: 'Mine', original_name: 'ACH 4411 GYM' });
    expect(offerFor(tx, { name: 'Gym' })?.rule).toMatchObject({ match_name: 'ACH 4411 GYM', set_name: 'Gym' });
  });

  it('is not offered for a date, a note, or a cleared category', () => {
    const tx = aTransaction();
    expect(offerFor(tx, { date: '2024-01-02', note: 'x' })).toBeNull();
    expect(offerFor(tx, { category: null })).toBeNull();
  });

  it('says how many others change', () => {
    expect(previewSentence(23)).toBe('This will also change 23 other transactions.');
    expect(previewSentence(1)).toBe('This will also change 1 other transaction.');
    expect(previewSentence(0)).toMatch(/No other transaction/);
  });
});

describe('a rule’s amount range, as people see it', () => {
  it('money out and in become Plaid’s sign', () => {
    expect(boundsOf({ direction: 'out', atLeast: '10', atMost: '$50.00' })).toEqual({
      bounds: { min_amount: '10', max_amount: '50.00' },
    });
    expect(boundsOf({ direction: 'in', atLeast: '100', atMost: '' })).toEqual({
      bounds: { min_amount: null, max_amount: '-100' },
    });
    expect(boundsOf({ direction: 'any', atLeast: '5', atMost: '' })).toEqual({
      bounds: { min_amount: null, max_amount: null },
    });
  });

  it('refuses what is not an amount, in words', () => {
    expect(boundsOf({ direction: 'out', atLeast: '12.345', atMost: '' })).toEqual({
      problem: '“12.345” is not an amount: digits, with at most two decimals.',
    });
  });

  it('refuses more than any transaction before the server does', () => {
    expect(boundsOf({ direction: 'in', atLeast: '99999999999999', atMost: '' })).toEqual({
      problem: '“99999999999999” is more than any transaction: at most 999,999,999,999.99.',
    });
  });

  it('names the form’s fields in the server’s refusals, not the API’s', () => {
    expect(ruleProblemText('max_amount: Decimal input should have no more than 14 digits in total')).toBe(
      'The amount: Decimal input should have no more than 14 digits in total',
    );
    expect(ruleProblemText('match_account_ids.0: Input should be greater than or equal to 1')).toBe(
      'The accounts: Input should be greater than or equal to 1',
    );
    expect(ruleProblemText('The least amount is more than the most amount.')).toBe(
      'The least amount is more than the most amount.',
    );
  });

  it('reads back in words', () => {
    expect(amountText({ min_amount: '10.00', max_amount: '50.00' })).toBe(
      'money out of at least $10.00 and at most $50.00',
    );
    expect(amountText({ min_amount: null, max_amount: '-100.00' })).toBe('money in of at least $100.00');
    expect(amountText({ min_amount: '-5.00', max_amount: '5.00' })).toBe(
      'amount from -5.00 to 5.00 (money out positive)',
    );
    expect(amountText({ min_amount: null, max_amount: null })).toBeNull();
  });

  it('describes merchants and accounts', () => {
    const rule = aRule({ match_merchant: 'Starbucks', match_account_ids: [5, 9] });
    const accounts = [{ id: 5, name: 'Checking', display_name: null }] as never;
    expect(describeMatch(rule, accounts)).toBe(
      'merchant is “Starbucks” and account is “Checking” or a removed account',
    );
  });
});

describe('the rule form', () => {
  it('sends the range and the ticked accounts, and refuses a bad amount before sending', async () => {
    const saved: unknown[] = [];
    const user = userEvent.setup();
    const accounts = [{ id: 5, name: 'Checking', display_name: null, mask: '0000' }] as never;
    renderApp(<RuleForm busy={false} error={null} accounts={accounts} onSave={(b) => saved.push(b)} />);
    await user.type(screen.getByTestId('rule-match-merchant'), 'Starbucks');
    await user.selectOptions(screen.getByTestId('rule-amount-direction'), 'out');
    await user.type(screen.getByTestId('rule-amount-min'), '1.234');
    await user.type(screen.getByTestId('rule-set-category'), 'Coffee');
    await user.click(screen.getByTestId('rule-save'));
    expect(screen.getByTestId('rule-form-problem')).toHaveTextContent('“1.234” is not an amount');
    expect(saved).toEqual([]);
    await user.clear(screen.getByTestId('rule-amount-min'));
    await user.type(screen.getByTestId('rule-amount-min'), '10');
    await user.click(screen.getByTestId('rule-account'));
    await user.click(screen.getByTestId('rule-save'));
    expect(saved).toEqual([
      expect.objectContaining({
        match_merchant: 'Starbucks',
        min_amount: '10',
        max_amount: null,
        match_account_ids: [5],
        set_category: 'Coffee',
      }),
    ]);
  });
});

describe('always do this for the merchant', () => {
  it('after a new category: the preview’s count, then the rule created and applied', async () => {
    const tx = aTransaction({ id: 3, merchant_name: 'Starbucks', category: 'FOOD_AND_DRINK' });
    const api = stubFetch({
      'PATCH /api/transactions/3': json({ ...tx, category: 'Coffee', manually_updated: true }),
      'GET /api/users/1/categories': json([]),
      'POST /api/users/1/rules/preview': json({
        changed: 23,
        samples: [
          {
            id: 9,
            date: '2024-01-04',
            name: 'STARBUCKS 9',
            amount: '4.50',
            iso_currency_code: 'USD',
            category: 'FOOD_AND_DRINK',
            new_name: 'STARBUCKS 9',
            new_category: 'Coffee',
          },
        ],
      }),
      'POST /api/users/1/rules': json({ ...aRule({ match_merchant: 'Starbucks' }), changed: 23 }, 201),
    });
    const user = userEvent.setup();
    let closed = false;
    renderApp(<EditTransactionDialog userId={1} transaction={tx} onClose={() => (closed = true)} />, { user: ALICE });
    const category = screen.getByTestId('tx-edit-category');
    await user.clear(category);
    await user.type(category, 'Coffee');
    await user.click(screen.getByTestId('tx-edit-save'));
    expect(await screen.findByTestId('rule-offer-count')).toHaveTextContent(
      'This will also change 23 other transactions.',
    );
    expect(screen.getByTestId('rule-offer-merchant')).toHaveTextContent('Starbucks');
    expect(api.callsTo('POST /api/users/1/rules/preview')[0].body).toMatchObject({
      match_merchant: 'Starbucks',
      set_category: 'Coffee',
    });
    expect(api.callsTo('POST /api/users/1/rules')).toHaveLength(0); // nothing made yet
    await user.click(screen.getByTestId('rule-offer-create'));
    await waitFor(() => expect(closed).toBe(true));
    const created = api.callsTo('POST /api/users/1/rules');
    expect(created).toHaveLength(1);
    expect(created[0].url.searchParams.get('apply')).toBe('true');
  });

  it('can make the rule for new transactions only', async () => {
    const tx = aTransaction({ id: 3, merchant_name: 'Starbucks' });
    const api = stubFetch({
      'PATCH /api/transactions/3': json(tx),
      'GET /api/users/1/categories': json([]),
      'POST /api/users/1/rules/preview': json({ changed: 2, samples: [] }),
      'POST /api/users/1/rules': json({ ...aRule(), changed: null }, 201),
    });
    const user = userEvent.setup();
    renderApp(<EditTransactionDialog userId={1} transaction={tx} onClose={() => {}} />, { user: ALICE });
    await user.clear(screen.getByTestId('tx-edit-name'));
    await user.type(screen.getByTestId('tx-edit-name'), 'Coffee shop');
    await user.click(screen.getByTestId('tx-edit-save'));
    await user.click(await screen.findByTestId('rule-offer-new-only'));
    await waitFor(() => expect(api.callsTo('POST /api/users/1/rules')).toHaveLength(1));
    expect(api.callsTo('POST /api/users/1/rules')[0].url.searchParams.get('apply')).toBeNull();
  });
});

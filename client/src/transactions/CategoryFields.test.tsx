import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { CategoryGroup } from '../api/types';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { CategoryFields } from './CategoryFields';

const GROUPS: CategoryGroup[] = [
  {
    code: 'FOOD_AND_DRINK',
    label: 'Food and drink',
    color: null,
    hidden: false,
    source: 'plaid',
    categories: [
      {
        code: 'FOOD_AND_DRINK_GROCERIES',
        label: 'Supermarket',
        group: 'FOOD_AND_DRINK',
        color: null,
        hidden: false,
        source: 'plaid',
      },
    ],
  },
  { code: 'Garden', label: 'Garden', color: null, hidden: false, source: 'own', categories: [] },
];

function Form() {
  const [category, setCategory] = useState('');
  const [subcategory, setSubcategory] = useState('');
  return (
    <CategoryFields
      userId={1}
      prefix="t"
      category={category}
      subcategory={subcategory}
      onCategory={setCategory}
      onSubcategory={setSubcategory}
    />
  );
}

function offered(id: string): string[][] {
  const list = document.getElementById(id);
  return [...(list?.querySelectorAll('option') ?? [])].map((o) => [o.value, o.label]);
}

describe('a transaction form’s category fields', () => {
  it('offer the person’s own categories, by the names they gave them', async () => {
    stubFetch({
      'GET /api/users/1/category-groups': json(GROUPS),
      'GET /api/users/1/categories': json([{ category: 'Shops', subcategories: [] }]),
    });
    renderApp(<Form />, { user: ALICE });
    await waitFor(() => expect(offered('t-categories').map(([value]) => value)).toContain('Garden'));
    expect(offered('t-categories')).toContainEqual(['FOOD_AND_DRINK', 'Food and drink']);
    expect(offered('t-categories')).toContainEqual(['Shops', 'Shops']);
    await userEvent.type(screen.getByTestId('t-category'), 'FOOD_AND_DRINK');
    expect(offered('t-subcategories')).toEqual([['FOOD_AND_DRINK_GROCERIES', 'Supermarket']]);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CategoryGroup } from '../api/types';
import { categoryColor, categoryLabel, setCategoryNames } from '../lib/categories';
import { CategoriesPage } from '../pages/CategoriesPage';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { pickerCategories } from './queries';

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
        color: '#30a46c',
        hidden: false,
        source: 'plaid',
      },
      {
        code: 'FOOD_AND_DRINK_RESTAURANT',
        label: 'Restaurant',
        group: 'FOOD_AND_DRINK',
        color: null,
        hidden: false,
        source: 'plaid',
      },
      {
        code: 'FOOD_AND_DRINK_VENDING_MACHINES',
        label: 'Vending machines',
        group: 'FOOD_AND_DRINK',
        color: null,
        hidden: true,
        source: 'plaid',
      },
    ],
  },
  { code: 'Home', label: 'Home', color: '#0090ff', hidden: false, source: 'own', categories: [] },
];

afterEach(() => setCategoryNames(undefined));

describe('the names people give categories', () => {
  it('are shown in place of the codes, with their colours; others read as before', () => {
    setCategoryNames(GROUPS);
    expect(categoryLabel('FOOD_AND_DRINK_GROCERIES', 'FOOD_AND_DRINK')).toBe('Supermarket');
    expect(categoryColor('FOOD_AND_DRINK_GROCERIES')).toBe('#30a46c');
    expect(categoryColor('Home')).toBe('#0090ff');
    expect(categoryLabel('TRAVEL_FLIGHTS', 'TRAVEL')).toBe('Flights');
    expect(categoryColor('TRAVEL')).toBeUndefined();
  });

  it('pickers offer the categories not hidden and any other in use', () => {
    const offered = pickerCategories(GROUPS, [{ category: 'Shops', subcategories: ['Shoes'] }]);
    expect(offered).toEqual([
      { category: 'FOOD_AND_DRINK', subcategories: ['FOOD_AND_DRINK_GROCERIES', 'FOOD_AND_DRINK_RESTAURANT'] },
      { category: 'Home', subcategories: [] },
      { category: 'Shops', subcategories: ['Shoes'] },
    ]);
  });
});

describe('the Categories page', () => {
  function server() {
    return stubFetch({
      'GET /api/users/1/category-groups': json(GROUPS),
      'PATCH /api/users/1/categories/FOOD_AND_DRINK_RESTAURANT': (call) =>
        json({ ...GROUPS[0].categories[1], ...(call.body as object) }),
      'POST /api/users/1/categories/FOOD_AND_DRINK_RESTAURANT/merge': json({ moved: 3 }),
      'POST /api/users/1/categories': () =>
        json({ code: 'Plants', label: 'Plants', group: 'Home', color: null, hidden: false, source: 'own' }, 201),
    });
  }

  it('lists the groups and their categories with the names and marks people gave them', async () => {
    server();
    renderApp(<CategoriesPage />, { user: ALICE, route: '/categories' });
    const food = await screen.findByTestId('group-FOOD_AND_DRINK');
    expect(within(food).getByRole('heading', { name: 'Food and drink' })).toBeInTheDocument();
    expect(within(food).getByTestId('category-FOOD_AND_DRINK_GROCERIES')).toHaveTextContent('Supermarket');
    expect(within(food).getByTestId('category-FOOD_AND_DRINK_VENDING_MACHINES')).toHaveTextContent('hidden');
    expect(screen.getByTestId('group-Home')).toHaveTextContent('No categories in it yet.');
  });

  it('renames a category and merges one into another', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<CategoriesPage />, { user: ALICE, route: '/categories' });
    await user.click(await screen.findByRole('button', { name: 'Edit Restaurant' }));
    const name = screen.getByTestId('category-edit-name');
    await user.clear(name);
    await user.type(name, 'Eating out');
    await user.selectOptions(screen.getByTestId('category-edit-color'), 'Orange');
    await user.click(screen.getByTestId('category-edit-save'));
    await waitFor(() => expect(api.callsTo('PATCH /api/users/1/categories/FOOD_AND_DRINK_RESTAURANT')).toHaveLength(1));
    expect(api.callsTo('PATCH /api/users/1/categories/FOOD_AND_DRINK_RESTAURANT')[0].body).toEqual({
      label: 'Eating out',
      color: '#f76b15',
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Restaurant' }));
    await user.selectOptions(screen.getByTestId('category-merge-into'), 'FOOD_AND_DRINK_GROCERIES');
    await user.click(screen.getByTestId('category-merge'));
    await waitFor(() =>
      expect(api.callsTo('POST /api/users/1/categories/FOOD_AND_DRINK_RESTAURANT/merge')[0]?.body).toEqual({
        into: 'FOOD_AND_DRINK_GROCERIES',
      }),
    );
    expect(await screen.findByText('Merged into “Supermarket”: 3 transactions moved.')).toBeInTheDocument();
  });

  it('makes a category in the group chosen', async () => {
    const api = server();
    const user = userEvent.setup();
    renderApp(<CategoriesPage />, { user: ALICE, route: '/categories' });
    await user.type(await screen.findByTestId('category-new-name'), 'Plants');
    await user.selectOptions(screen.getByTestId('category-new-group'), 'Home');
    await user.click(screen.getByTestId('category-new-add'));
    await waitFor(() => expect(api.callsTo('POST /api/users/1/categories')).toHaveLength(1));
    expect(api.callsTo('POST /api/users/1/categories')[0].body).toEqual({ name: 'Plants', group: 'Home', color: null });
  });
});

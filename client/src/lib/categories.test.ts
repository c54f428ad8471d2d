import { describe, expect, it } from 'vitest';
import { categoryLabel } from './categories';

describe('categoryLabel', () => {
  it('reads Plaid’s personal finance categories', () => {
    expect(categoryLabel('FOOD_AND_DRINK')).toBe('Food and drink');
    expect(categoryLabel('FOOD_AND_DRINK_GROCERIES', 'FOOD_AND_DRINK')).toBe('Groceries');
    expect(categoryLabel('TRAVEL_FLIGHTS')).toBe('Travel flights');
  });

  it('leaves a person’s own category as written', () => {
    expect(categoryLabel('My stuff')).toBe('My stuff');
    expect(categoryLabel('Food and Drink', 'FOOD_AND_DRINK')).toBe('Food and Drink');
    expect(categoryLabel(null)).toBe('');
  });
});

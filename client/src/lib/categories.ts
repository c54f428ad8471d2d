/**
 * Categories as people read them.
 *
 * The category is stored as Plaid sends it ("FOOD_AND_DRINK", detailed
 * "FOOD_AND_DRINK_GROCERIES") or as a person named their own: filters, budgets and rules
 * use these codes. What is shown is the name the person gave it on the Categories page,
 * else Plaid's code in words; any other text shows as written.
 */
import { useSyncExternalStore } from 'react';
import type { CategoryGroup } from '../api/types';

const CODE = /^[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

interface Shown {
  label: string;
  color: string | null;
}

// The person's names and colours, by code, as the server last gave them
// (setCategoryNames; the app shell re-renders the page when they change).
let named = new Map<string, Shown>();
let version = 0;
const listeners = new Set<() => void>();

function words(code: string): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Takes the person's categories (GET /users/{id}/category-groups) as the names to show. */
export function setCategoryNames(groups: CategoryGroup[] | undefined): void {
  const next = new Map<string, Shown>();
  for (const group of groups ?? []) {
    for (const item of group.categories) next.set(item.code, { label: item.label, color: item.color });
    // A group's code is never a category's (Plaid's are prefixed): one map holds both.
    next.set(group.code, { label: group.label, color: group.color });
  }
  named = next;
  version += 1;
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders the caller (a page: lazyPages.ts) when the person's names or colours change. */
export function useCategoryNames(): number {
  return useSyncExternalStore(subscribe, () => version);
}

/** "FOOD_AND_DRINK" → "Food and drink"; a detailed one without its primary's prefix:
 * ("FOOD_AND_DRINK_GROCERIES", "FOOD_AND_DRINK") → "Groceries"; the person's own name for
 * it when they gave one. */
export function categoryLabel(category: string | null | undefined, primary?: string | null): string {
  if (!category) return '';
  const own = named.get(category);
  if (own) return own.label;
  if (!CODE.test(category)) return category;
  const prefix = primary && CODE.test(primary) ? `${primary}_` : '';
  return words(prefix && category.startsWith(prefix) ? category.slice(prefix.length) : category);
}

/** The colour the person chose for a category or group ("#RRGGBB"), if any. */
export function categoryColor(category: string | null | undefined): string | undefined {
  return (category && named.get(category)?.color) || undefined;
}

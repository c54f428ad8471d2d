import { apiRequest, toQuery } from '../api/client';
import type { Transaction } from '../api/types';

/**
 * A page of the transactions list: the filters, page and size a page address asks for, and
 * fetching that page. Free of React, so that the early start (src/early.ts) can ask for the
 * opening page's rows before the app's own script has arrived.
 */

export const PAGE_SIZE = 50;
/** The page sizes a person can choose. */
export const PAGE_SIZES = [25, 50, 100, 200] as const;

export interface TransactionFilters {
  q?: string;
  start_date?: string;
  end_date?: string;
  month?: string;
  account?: string[];
  category?: string[];
  subcategory?: string[];
  /** Cash flow's click-through: income, spending or all, transfers left out. */
  flow?: string;
  not_category?: string[];
  not_subcategory?: string[];
  currency?: string;
  pending?: string;
  hidden?: string;
  sort?: string;
  order?: string;
  /** Plaid's sign: money out positive (transactions/amountFilter.ts). */
  min_amount?: string;
  max_amount?: string;
}

export const SINGLE = [
  'q',
  'start_date',
  'end_date',
  'month',
  'flow',
  'currency',
  'pending',
  'hidden',
  'sort',
  'order',
  'min_amount',
  'max_amount',
] as const;
export const MULTI = ['account', 'category', 'subcategory', 'not_category', 'not_subcategory'] as const;

/** The filters in a page address's query. */
export function filtersFrom(params: URLSearchParams): TransactionFilters {
  const f: TransactionFilters = {};
  for (const key of SINGLE) {
    const v = params.get(key);
    if (v) f[key] = v;
  }
  for (const key of MULTI) {
    const v = params.getAll(key);
    if (v.length) f[key] = v;
  }
  return f;
}

/** The page number (from 0) in a page address's query. */
export function pageFrom(params: URLSearchParams): number {
  return Math.max(0, Number(params.get('page') ?? '0') || 0);
}

/** Rows per page in a page address's query: one of PAGE_SIZES. */
export function sizeFrom(params: URLSearchParams): number {
  const asked = Number(params.get('size'));
  return PAGE_SIZES.find((s) => s === asked) ?? PAGE_SIZE;
}

export function filtersQuery(filters: TransactionFilters, extra: Record<string, number> = {}): string {
  return toQuery({ ...filters, ...extra });
}

/** What the list shows: one page of a person's transactions. */
export interface ListPage {
  userId: number;
  filters: TransactionFilters;
  page: number;
  size: number;
}

/** The list page a page address's query asks for. */
export function listPageFrom(userId: number, params: URLSearchParams): ListPage {
  return { userId, filters: filtersFrom(params), page: pageFrom(params), size: sizeFrom(params) };
}

/** The API address of a list page: also what tells two asks for the same page apart. */
export function listPagePath({ userId, filters, page, size }: ListPage): string {
  return `/users/${userId}/transactions${filtersQuery(filters, { limit: size, offset: page * size })}`;
}

export interface TransactionPage {
  rows: Transaction[];
  total: number;
}

export async function fetchTransactionPage(list: ListPage): Promise<TransactionPage> {
  const { data, headers } = await apiRequest<Transaction[]>(listPagePath(list));
  return { rows: data, total: Number(headers.get('X-Total-Count') ?? data.length) };
}

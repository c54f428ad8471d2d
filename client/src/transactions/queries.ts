import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, api, toQuery } from '../api/client';
import type { CategoryTree, Transaction } from '../api/types';

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

export const transactionKeys = {
  all: ['transactions'] as const,
  list: (userId: number, filters: TransactionFilters, page: number) =>
    [...transactionKeys.all, 'list', userId, filters, page] as const,
  categories: (userId: number) => [...transactionKeys.all, 'categories', userId] as const,
};

export function filtersQuery(filters: TransactionFilters, extra: Record<string, number> = {}): string {
  return toQuery({ ...filters, ...extra });
}

export interface TransactionPage {
  rows: Transaction[];
  total: number;
}

/** A page of the list (also asked for as the app starts on it: src/start.ts). */
export function transactionsQuery(userId: number, filters: TransactionFilters, page: number, size = PAGE_SIZE) {
  return queryOptions({
    queryKey: [...transactionKeys.list(userId, filters, page), size],
    queryFn: async (): Promise<TransactionPage> => {
      const query = filtersQuery(filters, { limit: size, offset: page * size });
      const { data, headers } = await apiRequest<Transaction[]>(`/users/${userId}/transactions${query}`);
      return { rows: data, total: Number(headers.get('X-Total-Count') ?? data.length) };
    },
  });
}

export function useTransactions(userId: number, filters: TransactionFilters, page: number, size = PAGE_SIZE) {
  return useQuery({ ...transactionsQuery(userId, filters, page, size), placeholderData: keepPreviousData });
}

export function useCategories(userId: number) {
  return useQuery({
    queryKey: transactionKeys.categories(userId),
    queryFn: () => api<CategoryTree[]>(`/users/${userId}/categories`),
  });
}

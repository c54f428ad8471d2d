import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { CategoryTree } from '../api/types';
import { PAGE_SIZE, fetchTransactionPage, type TransactionFilters } from './listPage';

export const transactionKeys = {
  all: ['transactions'] as const,
  list: (userId: number, filters: TransactionFilters, page: number) =>
    [...transactionKeys.all, 'list', userId, filters, page] as const,
  categories: (userId: number) => [...transactionKeys.all, 'categories', userId] as const,
};

/** A page of the list (also asked for as the app starts on it: src/start.ts). */
export function transactionsQuery(userId: number, filters: TransactionFilters, page: number, size = PAGE_SIZE) {
  return queryOptions({
    queryKey: [...transactionKeys.list(userId, filters, page), size],
    queryFn: () => fetchTransactionPage({ userId, filters, page, size }),
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

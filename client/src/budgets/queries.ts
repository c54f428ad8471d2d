import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQuery } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { Budget, BudgetLineWrite, BudgetSettings, BudgetSettingsWrite } from '../api/types';

/** `month`: YYYY-MM, or 'current' (the budget month today is in, by the person's start day). */
export const budgetKeys = {
  all: ['budgets'] as const,
  month: (userId: number, month: string) => [...budgetKeys.all, 'month', userId, month] as const,
  settings: (userId: number) => [...budgetKeys.all, 'settings', userId] as const,
};

const base = (userId: number) => `/users/${userId}/budgets`;

export function useBudget(userId: number, month: string) {
  return useQuery({
    queryKey: budgetKeys.month(userId, month),
    queryFn: () => api<Budget>(`${base(userId)}/${month}`),
  });
}

export function useBudgetSettings(userId: number) {
  return useQuery({
    queryKey: budgetKeys.settings(userId),
    queryFn: () => api<BudgetSettings>(`${base(userId)}/settings`),
  });
}

/** Each change answers the month's new figures; the other months may carry from it. */
function useBudgetChange<T>(userId: number, month: string, send: (body: T) => Promise<Budget>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (budget) => queryClient.setQueryData(budgetKeys.month(userId, month), budget),
    onSettled: () => refetchAfterChange(queryClient, budgetKeys.all),
  });
}

export function useSaveLines(userId: number, month: string) {
  return useBudgetChange(userId, month, (lines: BudgetLineWrite[]) =>
    api<Budget>(`${base(userId)}/${month}/lines`, { method: 'PUT', body: { lines } }),
  );
}

export function useCopyPrevious(userId: number, month: string) {
  return useBudgetChange(userId, month, (overwrite: boolean) =>
    api<Budget>(`${base(userId)}/${month}/copy-previous${toQuery({ overwrite })}`, { method: 'POST' }),
  );
}

export function useFillFromAverage(userId: number, month: string) {
  return useBudgetChange(userId, month, ({ months, overwrite }: { months: number; overwrite: boolean }) =>
    api<Budget>(`${base(userId)}/${month}/fill${toQuery({ from: 'average', months, overwrite })}`, {
      method: 'POST',
    }),
  );
}

export function useSaveBudgetSettings(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BudgetSettingsWrite) => api<BudgetSettings>(`${base(userId)}/settings`, { method: 'PUT', body }),
    onSettled: () => refetchAfterChange(queryClient, budgetKeys.all),
  });
}

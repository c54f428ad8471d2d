import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type {
  CategoryCreate,
  CategoryGroup,
  CategoryItem,
  CategoryUpdate,
  GroupCreate,
  GroupUpdate,
} from '../api/types';
import { categoryKeys } from './queries';

const path = (userId: number, rest: string) => `/users/${userId}/${rest}`;
const part = (code: string) => encodeURIComponent(code);

/** After a change: the categories again, and every figure when transactions moved (a
 * merge, a move to another group, a deletion): budgets, insights, lists. */
function useRefetch(everything: boolean) {
  const queryClient = useQueryClient();
  return () => (everything ? refetchAfterChange(queryClient, []) : refetchAfterChange(queryClient, categoryKeys.all));
}

export function useCreateGroup(userId: number) {
  const onSuccess = useRefetch(false);
  return useMutation({
    mutationFn: (body: GroupCreate) => api<CategoryGroup>(path(userId, 'category-groups'), { method: 'POST', body }),
    onSuccess,
  });
}

export function useUpdateGroup(userId: number) {
  const onSuccess = useRefetch(false);
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: GroupUpdate }) =>
      api<CategoryGroup>(path(userId, `category-groups/${part(code)}`), { method: 'PATCH', body }),
    onSuccess,
  });
}

export function useDeleteGroup(userId: number) {
  const onSuccess = useRefetch(false);
  return useMutation({
    mutationFn: (code: string) => api<void>(path(userId, `category-groups/${part(code)}`), { method: 'DELETE' }),
    onSuccess,
  });
}

export function useCreateCategory(userId: number) {
  const onSuccess = useRefetch(false);
  return useMutation({
    mutationFn: (body: CategoryCreate) => api<CategoryItem>(path(userId, 'categories'), { method: 'POST', body }),
    onSuccess,
  });
}

export function useUpdateCategory(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: CategoryUpdate }) =>
      api<CategoryItem>(path(userId, `categories/${part(code)}`), { method: 'PATCH', body }),
    // A move to another group moves its transactions: every figure then.
    onSuccess: (_, { body }) => refetchAfterChange(queryClient, body.group ? [] : categoryKeys.all),
  });
}

export function useMergeCategory(userId: number) {
  const onSuccess = useRefetch(true);
  return useMutation({
    mutationFn: ({ code, into }: { code: string; into: string }) =>
      api<{ moved: number }>(path(userId, `categories/${part(code)}/merge`), { method: 'POST', body: { into } }),
    onSuccess,
  });
}

export function useDeleteCategory(userId: number) {
  const onSuccess = useRefetch(true);
  return useMutation({
    mutationFn: (code: string) => api<void>(path(userId, `categories/${part(code)}`), { method: 'DELETE' }),
    onSuccess,
  });
}

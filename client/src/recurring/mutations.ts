import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { RecurringOverride } from '../api/types';
import { recurringKeys } from './queries';

/** Say a stream is not recurring, or the amount expected each time (null: the last one). */
export function useOverrideStream(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ streamId, body }: { streamId: string; body: RecurringOverride }) =>
      api<void>(`/users/${userId}/recurring/${streamId}`, { method: 'PUT', body }),
    onSuccess: () => refetchAfterChange(queryClient, recurringKeys.all),
  });
}

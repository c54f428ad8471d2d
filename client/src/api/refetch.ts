import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * Refetches the queries under `keys` after something changed them. A first load still in
 * flight is cancelled and started again: React Query would otherwise keep its answer, which the
 * server may have read before the change (an invite made while the invites list still loads).
 */
export async function refetchAfterChange(queryClient: QueryClient, ...keys: QueryKey[]): Promise<void> {
  await Promise.all(keys.map((queryKey) => queryClient.cancelQueries({ queryKey })));
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Transfer, TransferCandidate } from '../api/types';

export const transferKeys = {
  all: ['transfers'] as const,
  list: (userId: number) => [...transferKeys.all, 'list', userId] as const,
  candidates: (transactionId: number) => [...transferKeys.all, 'candidates', transactionId] as const,
};

export function useTransfers(userId: number) {
  return useQuery({
    queryKey: transferKeys.list(userId),
    queryFn: () => api<Transfer[]>(`/users/${userId}/transfers`),
  });
}

/** What a transaction could be matched with by hand; asked for only once the person looks. */
export function useTransferCandidates(transactionId: number, enabled: boolean) {
  return useQuery({
    queryKey: transferKeys.candidates(transactionId),
    queryFn: () => api<TransferCandidate[]>(`/transactions/${transactionId}/transfer-candidates`),
    enabled,
  });
}

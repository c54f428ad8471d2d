import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { AppConfig } from '../api/types';

export const configKeys = { all: ['config'] as const };

export function useConfig() {
  return useQuery({ queryKey: configKeys.all, queryFn: () => api<AppConfig>('/config'), staleTime: Infinity });
}

export function isSandboxLike(config: AppConfig | undefined): boolean {
  return config?.plaid_env === 'sandbox' || config?.plaid_env === 'emulator';
}

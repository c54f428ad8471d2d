import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest, toQuery } from '../api/client';
import type { AuditAction, AuditEvent } from '../api/types';

export const AUDIT_PAGE_SIZE = 20;

export interface AuditFilters {
  userId?: number;
  action?: AuditAction;
}

export interface AuditPage {
  rows: AuditEvent[];
  total: number;
}

export const auditKeys = {
  all: ['audit'] as const,
  user: (userId: number, page: number) => [...auditKeys.all, 'user', userId, page] as const,
  everything: (filters: AuditFilters, page: number) => [...auditKeys.all, 'everything', filters, page] as const,
};

async function readPage(path: string, params: Record<string, string | number | undefined>): Promise<AuditPage> {
  const { data, headers } = await apiRequest<AuditEvent[]>(`${path}${toQuery(params)}`);
  return { rows: data, total: Number(headers.get('X-Total-Count') ?? data.length) };
}

/** One person's own log, newest first, a page at a time. */
export function useUserAudit(userId: number, page: number) {
  return useQuery({
    queryKey: auditKeys.user(userId, page),
    queryFn: () => readPage(`/users/${userId}/audit`, { limit: AUDIT_PAGE_SIZE, offset: page * AUDIT_PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
}

/** The whole log (administrators), filtered by a person and an action. */
export function useAuditLog(filters: AuditFilters, page: number) {
  return useQuery({
    queryKey: auditKeys.everything(filters, page),
    queryFn: () =>
      readPage('/audit', {
        user_id: filters.userId,
        action: filters.action,
        limit: AUDIT_PAGE_SIZE,
        offset: page * AUDIT_PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
}

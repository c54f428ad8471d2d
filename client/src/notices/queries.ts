import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Notice, NoticeList, NoticeSettings } from '../api/types';

/** How many notices the bell's panel lists: the newest. */
export const LISTED = 30;

export const noticeKeys = {
  all: ['notices'] as const,
  of: (userId: number) => [...noticeKeys.all, userId] as const,
  settings: (userId: number) => [...noticeKeys.all, 'settings', userId] as const,
};

export function useNoticeSettings(userId: number) {
  return useQuery({
    queryKey: noticeKeys.settings(userId),
    queryFn: () => api<NoticeSettings>(`/users/${userId}/notices/settings`),
  });
}

/** The person's newest notices and their unread count. Reading them also has the server make
 * the ones today calls for (a bill due soon). */
export function useNotices(userId: number) {
  return useQuery({
    queryKey: noticeKeys.of(userId),
    queryFn: () => api<NoticeList>(`/users/${userId}/notices?limit=${LISTED}`),
  });
}

/** A notice heard on the socket: shown at once, newest first, without asking the server. */
export function addNotice(queryClient: QueryClient, userId: number, notice: Notice): void {
  const key = noticeKeys.of(userId);
  if (!queryClient.getQueryData<NoticeList>(key)) {
    void queryClient.invalidateQueries({ queryKey: key });
    return;
  }
  queryClient.setQueryData<NoticeList>(key, (old) => {
    if (!old || old.notices.some((n) => n.id === notice.id)) return old;
    return {
      notices: [notice, ...old.notices].slice(0, LISTED),
      unread: old.unread + (notice.read_at ? 0 : 1),
    };
  });
}

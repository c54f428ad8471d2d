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

/** A notice heard on the socket: shown at once, newest first, without asking the server.
 * False when it is no news here: the list has it already (heard twice), or the list is being
 * read, which made it (a person's reading makes the notices today calls for). */
export function addNotice(queryClient: QueryClient, userId: number, notice: Notice): boolean {
  const key = noticeKeys.of(userId);
  const old = queryClient.getQueryData<NoticeList>(key);
  if (!old) {
    void queryClient.invalidateQueries({ queryKey: key });
    return true;
  }
  if (old.notices.some((n) => n.id === notice.id)) return false;
  const reading = queryClient.isFetching({ queryKey: key }) > 0;
  queryClient.setQueryData<NoticeList>(key, {
    notices: [notice, ...old.notices].slice(0, LISTED),
    unread: old.unread + (notice.read_at ? 0 : 1),
  });
  return !reading;
}

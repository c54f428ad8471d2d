import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import type { NoticeList, NoticesMarked, NoticesMarkRead, NoticeSettings, NoticeSettingsWrite } from '../api/types';
import { noticeKeys } from './queries';

/** Mark some notices read (`ids`), or all of them; the list shows it at once. */
export function useMarkNoticesRead(userId: number) {
  const queryClient = useQueryClient();
  const key = noticeKeys.of(userId);
  return useMutation({
    mutationFn: (body: NoticesMarkRead) =>
      api<NoticesMarked>(`/users/${userId}/notices/read`, { method: 'POST', body }),
    onSuccess: (marked, body) => {
      const now = new Date().toISOString();
      queryClient.setQueryData<NoticeList>(key, (old) =>
        old
          ? {
              unread: marked.unread,
              notices: old.notices.map((n) =>
                !n.read_at && (body.all || body.ids?.includes(n.id)) ? { ...n, read_at: now } : n,
              ),
            }
          : old,
      );
    },
  });
}

/** How many days ahead a bill due is told; the list is read again, as it may tell one now. */
export function useSaveNoticeSettings(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NoticeSettingsWrite) =>
      api<NoticeSettings>(`/users/${userId}/notices/settings`, { method: 'PUT', body }),
    onSettled: () => refetchAfterChange(queryClient, noticeKeys.all),
  });
}

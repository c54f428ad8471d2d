import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Socket } from 'socket.io-client';
import { checkSessionStands, refreshSession } from '../api/client';
import { refetchAfterChange } from '../api/refetch';
import { householdKeys } from '../households/queries';
import type { Item, Notice } from '../api/types';
import { useToast } from '../components/toasts';
import { invalidateFinancialData } from '../items/mutations';
import { itemsQuery } from '../items/queries';
import { addNotice } from '../notices/queries';
import { recurringKeys } from '../recurring/queries';
import { EVENT_TEXT, type EventData } from './events';

const MAX_AUTH_RETRIES = 3;

/** One socket for the logged-in user: toasts and fresh data on each event; closed on logout.
 * `paused` while the server refuses it: the person has yet to set up the second factor it
 * requires (opened once they have). */
export function useRealtime(userId: number, paused = false) {
  const queryClient = useQueryClient();
  const toast = useToast();

  useEffect(() => {
    if (paused) return;
    const listen = (socket: Socket) => {
      let authRetries = 0;

      // On every page, not only Home's list: the items are read when no page has them yet.
      const bankName = async (data: EventData): Promise<string> => {
        const owner = data.owner_id ?? userId;
        const items = await queryClient.ensureQueryData(itemsQuery(owner)).catch(() => [] as Item[]);
        const item = items.find((i) => i.id === data.item_id);
        return item?.institution_name ?? 'Your bank';
      };

      for (const [event, describe] of Object.entries(EVENT_TEXT)) {
        socket.on(event, (data: EventData | undefined) => {
          // The name first: invalidating the items would cancel the read of them it may wait on.
          void bankName(data ?? {}).then((bank) => {
            // Someone else's bank (its accounts shared with this person): its data refreshed
            // on the open page, and its news and troubles left to its owner.
            const message = data?.owner_id === undefined ? describe(bank, data ?? {}) : null;
            if (message) toast(message.text, message.kind);
            return invalidateFinancialData(queryClient);
          });
        });
      }

      // A notice made in the background after a sync: in the bell's list at once, and said
      // (unless the list has it already).
      socket.on('NOTICE', (notice: Notice) => {
        if (addNotice(queryClient, userId, notice)) toast(notice.title, 'info');
      });

      // The stored recurring streams were refreshed after an edit: the streams, what is due
      // and the forecast built on them (all under recurringKeys) are read again, no toast.
      socket.on('RECURRING_UPDATED', () => {
        void queryClient.invalidateQueries({ queryKey: recurringKeys.all });
      });

      // A share this person gives or receives was made, changed or ended: the lists, and what
      // a shared page shows, are read again (a share that ended sends its page back to one's
      // own money: households/SharedLayout).
      socket.on('SHARES_CHANGED', () => {
        void refetchAfterChange(queryClient, householdKeys.all).then(() => invalidateFinancialData(queryClient));
      });

      socket.on('connect', () => {
        authRetries = 0;
      });

      // Closed by the server: the session may have ended elsewhere (see checkSessionStands).
      socket.on('disconnect', (reason: string) => {
        if (reason === 'io server disconnect') void checkSessionStands();
      });

      // The server refuses a socket whose access cookie expired: refresh it and try again.
      socket.on('connect_error', () => {
        if (socket.active || authRetries >= MAX_AUTH_RETRIES) return;
        authRetries += 1;
        void refreshSession().then((ok) => {
          if (ok) socket.connect();
        });
      });
    };

    let opened: Socket | undefined;
    let closed = false;
    // socket.io's client is a script of its own, loaded once the page is drawn.
    void import('socket.io-client').then(({ io }) => {
      if (closed) return;
      opened = io({ path: '/socket.io', withCredentials: true });
      listen(opened);
    });

    return () => {
      closed = true;
      opened?.removeAllListeners();
      opened?.disconnect();
    };
  }, [userId, paused, queryClient, toast]);
}

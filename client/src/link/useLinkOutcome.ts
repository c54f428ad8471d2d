import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorMessage } from '../api/client';
import { useToast } from '../components/toasts';
import { invalidateFinancialData, useExchangePublicToken } from '../items/mutations';
import { describeProblem } from '../lib/plaidProblems';
import { addedAccounts, loginFixed, postLinkEvent } from './api';

export interface SuccessInput {
  publicToken: string;
  institutionId: string | null;
  institutionName: string | null;
  linkSessionId: string | null;
  update: boolean;
  /** The item Link ran for in update mode. */
  itemId?: number | null;
  /** The item whose new accounts the person chose in Link (update mode, account selection). */
  addAccountsTo?: number | null;
}

/** Link's onExit, as the server keeps it (POST /api/link-event). */
export interface ExitInput {
  link_session_id: string | null;
  request_id: string | null;
  error_type: string | null;
  error_code: string | null;
  status: string | null;
}

/**
 * What Link's onSuccess and onExit do, shared by Plaid's Link and the emulator's dialog.
 * `onSuccess` resolves to an error message to show, or null when done.
 */
export function useLinkOutcome() {
  const queryClient = useQueryClient();
  const exchange = useExchangePublicToken();
  const toast = useToast();
  const { mutateAsync } = exchange;

  const onSuccess = useCallback(
    async (input: SuccessInput): Promise<string | null> => {
      postLinkEvent({ type: 'success', link_session_id: input.linkSessionId });
      if (input.update && input.addAccountsTo) {
        try {
          await addedAccounts(input.addAccountsTo);
        } catch (error) {
          return errorMessage(error);
        } finally {
          await invalidateFinancialData(queryClient);
        }
        toast(`${input.institutionName ?? 'Your bank'}: accounts added. Their transactions are in.`, 'success');
        return null;
      }
      if (input.update) {
        // The server's LOGIN_REPAIRED event says it (once), when its sync shows the login works.
        try {
          if (input.itemId) {
            const synced = await loginFixed(input.itemId);
            if (synced.error_code) {
              const problem = describeProblem(synced.error_code, input.institutionName ?? 'Your bank', synced.message);
              return `${problem.what} ${problem.todo}`;
            }
          }
        } catch (error) {
          return errorMessage(error);
        } finally {
          await invalidateFinancialData(queryClient);
        }
        return null;
      }
      try {
        const item = await mutateAsync({
          public_token: input.publicToken,
          institution_id: input.institutionId,
          institution_name: input.institutionName,
        });
        toast(`${item.institution_name ?? 'Your bank'} is linked. Fetching transactions…`, 'success');
        return null;
      } catch (error) {
        return errorMessage(error);
      }
    },
    [mutateAsync, queryClient, toast],
  );

  const onExit = useCallback((input: ExitInput) => {
    postLinkEvent({ type: 'exit', ...input });
  }, []);

  return { onSuccess, onExit };
}

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorMessage } from '../api/client';
import { useToast } from '../components/toasts';
import { invalidateFinancialData, useExchangePublicToken } from '../items/mutations';
import { postLinkEvent } from './api';

export interface SuccessInput {
  publicToken: string;
  institutionId: string | null;
  institutionName: string | null;
  linkSessionId: string | null;
  update: boolean;
}

export interface ExitInput {
  linkSessionId: string | null;
  requestId: string | null;
  errorType: string | null;
  errorCode: string | null;
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
      postLinkEvent({ type: 'success', linkSessionId: input.linkSessionId });
      if (input.update) {
        await invalidateFinancialData(queryClient);
        toast(`${input.institutionName ?? 'Your bank'}: login fixed.`, 'success');
        return null;
      }
      try {
        const item = await mutateAsync({
          publicToken: input.publicToken,
          institutionId: input.institutionId,
          institutionName: input.institutionName,
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

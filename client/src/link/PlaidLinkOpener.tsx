import { useEffect } from 'react';
import {
  usePlaidLink,
  type PlaidLinkError,
  type PlaidLinkOnExitMetadata,
  type PlaidLinkOnSuccessMetadata,
} from 'react-plaid-link';
import { useToast } from '../components/toasts';
import { clearStoredLink } from './api';
import { useLinkOutcome } from './useLinkOutcome';

interface Props {
  linkToken: string;
  /** The item Link runs for in update mode; null for a new bank. */
  itemId: number | null;
  /** The item whose accounts the person is choosing (update mode with account selection). */
  addAccountsTo?: number | null;
  receivedRedirectUri?: string;
  onDone: () => void;
}

/** Opens Plaid's own Link as soon as it is ready (sandbox and production). */
export function PlaidLinkOpener({ linkToken, itemId, addAccountsTo, receivedRedirectUri, onDone }: Props) {
  const { onSuccess, onExit } = useLinkOutcome();
  const toast = useToast();

  const { open, ready } = usePlaidLink({
    token: linkToken,
    receivedRedirectUri,
    onSuccess: (publicToken: string | null, metadata: PlaidLinkOnSuccessMetadata) => {
      clearStoredLink();
      if (!publicToken) return onDone();
      void onSuccess({
        publicToken,
        institutionId: metadata.institution?.institution_id ?? null,
        institutionName: metadata.institution?.name ?? null,
        linkSessionId: metadata.link_session_id,
        update: itemId !== null,
        itemId,
        addAccountsTo,
      }).then((message) => {
        if (message) toast(message, 'error');
        onDone();
      });
    },
    onExit: (error: PlaidLinkError | null, metadata: PlaidLinkOnExitMetadata) => {
      clearStoredLink();
      onExit({
        link_session_id: metadata.link_session_id,
        request_id: metadata.request_id,
        error_type: error?.error_type ?? null,
        error_code: error?.error_code ?? null,
        status: metadata.status,
      });
      if (error) toast(error.display_message || error.error_message, 'error');
      onDone();
    },
  });

  useEffect(() => {
    if (ready) open();
  }, [ready, open]);

  return null;
}

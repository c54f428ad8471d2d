import { useEffect, useEffectEvent, useState } from 'react';
import { errorMessage } from '../api/client';
import { useToast } from '../components/toasts';
import { useConfig } from '../config/queries';
import { createLinkToken, storeLinkForOAuth } from './api';
import { EmulatorLinkDialog } from './EmulatorLinkDialog';
import { PlaidLinkOpener } from './PlaidLinkOpener';

interface Props {
  /** An item to repair (update mode), or null for a new one. */
  itemId: number | null;
  /** With itemId: choose accounts to add (Plaid's update mode with account selection). */
  addAccounts?: boolean;
  /** Institutions already linked, which the emulator's picker marks (Plaid's Link cannot). */
  linkedInstitutions?: readonly string[];
  onDone: () => void;
}

/** Gets a link token, then runs the emulator's dialog or Plaid's Link. */
export function LinkLauncher({ itemId, addAccounts = false, linkedInstitutions, onDone }: Props) {
  const config = useConfig();
  const toast = useToast();
  const [linkToken, setLinkToken] = useState<string | null>(null);
  // The latest onDone, without asking for a new link token when it changes.
  const done = useEffectEvent(onDone);

  useEffect(() => {
    let cancelled = false;
    createLinkToken(itemId, addAccounts)
      .then(({ link_token }) => {
        if (cancelled) return;
        storeLinkForOAuth({ linkToken: link_token, itemId, addAccounts });
        setLinkToken(link_token);
      })
      .catch((e: unknown) => {
        if (cancelled) return;
        toast(errorMessage(e), 'error');
        done();
      });
    return () => {
      cancelled = true;
    };
  }, [itemId, addAccounts, toast]);

  if (!linkToken || !config.data) return null;
  if (config.data.plaid_env === 'emulator' && config.data.emulator_url) {
    return (
      <EmulatorLinkDialog
        emulatorUrl={config.data.emulator_url}
        linkToken={linkToken}
        itemId={itemId}
        addAccountsTo={addAccounts ? itemId : null}
        linkedInstitutions={linkedInstitutions}
        onClose={onDone}
      />
    );
  }
  return (
    <PlaidLinkOpener
      linkToken={linkToken}
      itemId={itemId}
      addAccountsTo={addAccounts ? itemId : null}
      onDone={onDone}
    />
  );
}

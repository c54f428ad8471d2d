import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { Card } from '../components/Card';
import { readStoredLink } from '../link/api';
import { PlaidLinkOpener } from '../link/PlaidLinkOpener';

/** Back from a bank's OAuth page: reopen Link with the token stored before leaving. */
export function OAuthLinkPage() {
  const navigate = useNavigate();
  const stored = readStoredLink();
  const done = useCallback(() => void navigate('/', { replace: true }), [navigate]);

  if (!stored) {
    return (
      <Card title="Linking your bank">
        <p>This link session has expired. Start again from “Add a bank”.</p>
      </Card>
    );
  }
  return (
    <Card title="Linking your bank">
      <p className="muted">Finishing the link with your bank…</p>
      <PlaidLinkOpener
        linkToken={stored.linkToken}
        itemId={stored.itemId}
        addAccountsTo={stored.addAccounts ? stored.itemId : null}
        receivedRedirectUri={window.location.href}
        onDone={done}
      />
    </Card>
  );
}

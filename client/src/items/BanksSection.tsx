import { useCallback, useState } from 'react';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { isSandboxLike, useConfig } from '../config/queries';
import { LinkLauncher } from '../link/LinkLauncher';
import { ItemCard } from './ItemCard';
import { useItems } from './queries';

// A new bank (itemId null), a bank's login to fix, or a bank's new accounts to add.
type LinkTarget = { itemId: number | null; addAccounts?: boolean } | null;

export function BanksSection({ userId }: { userId: number }) {
  const items = useItems(userId);
  const config = useConfig();
  const [link, setLink] = useState<LinkTarget>(null);
  const closeLink = useCallback(() => setLink(null), []);

  return (
    <Card
      title="Your banks"
      actions={
        // aria-disabled, not disabled, while the dialog is open: a disabled button loses the focus,
        // which then cannot go back to it when the dialog closes.
        <button
          type="button"
          data-testid="add-bank"
          aria-disabled={link !== null}
          onClick={() => link === null && setLink({ itemId: null })}
        >
          Add a bank
        </button>
      }
    >
      {items.isPending && <Loading />}
      <ErrorText error={items.error} />
      {items.data?.length === 0 && (
        <p className="muted">No banks linked yet. Add one to import its accounts and transactions.</p>
      )}
      <div className="item-grid">
        {items.data?.map((item) => (
          <ItemCard
            key={item.id}
            item={item}
            canResetLogin={isSandboxLike(config.data)}
            onFixLogin={(itemId) => setLink({ itemId })}
            onAddAccounts={(itemId) => setLink({ itemId, addAccounts: true })}
          />
        ))}
      </div>
      {link && (
        <LinkLauncher
          key={`${link.itemId ?? 'new'}:${link.addAccounts ? 'accounts' : 'login'}`}
          itemId={link.itemId}
          addAccounts={link.addAccounts}
          linkedInstitutions={items.data?.map((item) => item.plaid_institution_id)}
          onDone={closeLink}
        />
      )}
    </Card>
  );
}

import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatMoney } from '../lib/format';
import { useCreateAsset, useDeleteAsset } from './mutations';
import { useAssets } from './queries';

/** Manual assets (positive) and debts (negative) that count toward net worth. */
export function AssetsCard({ userId }: { userId: number }) {
  const assets = useAssets(userId);
  const create = useCreateAsset();
  const remove = useDeleteAsset();
  const toast = useToast();
  const [description, setDescription] = useState('');
  const [value, setValue] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // As typed: the server refuses a third decimal or a trillion rather than round it.
    create.mutate(
      { description: description.trim(), value: value.trim() },
      {
        onSuccess: () => {
          setDescription('');
          setValue('');
        },
      },
    );
  };

  return (
    <Card title="Other assets and debts">
      {assets.isPending && <Loading />}
      <ErrorText error={assets.error} />
      {assets.data && assets.data.length > 0 && (
        <ul className="assets">
          {assets.data.map((a) => (
            <li key={a.id} className="asset-row" data-testid="asset-row" data-asset-id={a.id}>
              <span>{a.description}</span>
              <span className={Number(a.value) < 0 ? 'amount-out' : ''}>
                {formatMoney(a.value, a.iso_currency_code)}
              </span>
              <button
                type="button"
                className="link-button danger"
                aria-label={`Remove ${a.description}`}
                data-testid="asset-remove"
                onClick={() => {
                  if (window.confirm(`Remove “${a.description}”?`)) {
                    remove.mutate(a.id, { onError: (e) => toast(errorMessage(e), 'error') });
                  }
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {assets.data?.length === 0 && (
        <p className="muted small">A house, a car, a loan: add what your banks don’t show.</p>
      )}
      <form className="row wrap" onSubmit={onSubmit}>
        <input
          placeholder="Description (e.g. House)"
          aria-label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          required
          maxLength={255}
          data-testid="asset-description"
        />
        <input
          type="number"
          step="0.01"
          placeholder="Value (negative for a debt)"
          aria-label="Value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          required
          data-testid="asset-value"
        />
        <button type="submit" disabled={create.isPending} data-testid="asset-add">
          Add
        </button>
      </form>
      <ErrorText error={create.error} />
    </Card>
  );
}

import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import type { Asset, AssetKind } from '../api/types';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { formatMoney } from '../lib/format';
import { useCreateAsset, useDeleteAsset, useUpdateAsset } from './mutations';
import { useAssets } from './queries';

export const ASSET_KINDS: { value: AssetKind; label: string }[] = [
  { value: 'property', label: 'Property' },
  { value: 'vehicle', label: 'Vehicle' },
  { value: 'other', label: 'Other' },
];

export function kindLabel(kind: AssetKind): string {
  return ASSET_KINDS.find((k) => k.value === kind)?.label ?? 'Other';
}

interface Draft {
  description: string;
  value: string;
  kind: AssetKind;
}

/** The fields of an asset, to add one or change one. */
function AssetFields({ draft, onChange, prefix }: { draft: Draft; onChange: (d: Draft) => void; prefix: string }) {
  return (
    <>
      <input
        placeholder="Description (e.g. House)"
        aria-label="Description"
        value={draft.description}
        onChange={(e) => onChange({ ...draft, description: e.target.value })}
        required
        maxLength={255}
        data-testid={`${prefix}-description`}
      />
      <input
        type="number"
        step="0.01"
        placeholder="Value (negative for a debt)"
        aria-label="Value"
        value={draft.value}
        onChange={(e) => onChange({ ...draft, value: e.target.value })}
        required
        data-testid={`${prefix}-value`}
      />
      <select
        aria-label="Kind"
        value={draft.kind}
        onChange={(e) => onChange({ ...draft, kind: e.target.value as AssetKind })}
        data-testid={`${prefix}-kind`}
      >
        {ASSET_KINDS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </select>
    </>
  );
}

const EMPTY: Draft = { description: '', value: '', kind: 'other' };

// As typed: the server refuses a third decimal or a trillion rather than round it.
const body = (draft: Draft) => ({ description: draft.description.trim(), value: draft.value.trim(), kind: draft.kind });

/** One asset, shown or being changed. */
function AssetRow({ asset }: { asset: Asset }) {
  const update = useUpdateAsset();
  const remove = useDeleteAsset();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft | null>(null);

  if (draft)
    return (
      <li className="asset-row editing" data-testid="asset-row" data-asset-id={asset.id}>
        <form
          className="row wrap"
          onSubmit={(event: FormEvent) => {
            event.preventDefault();
            update.mutate({ id: asset.id, ...body(draft) }, { onSuccess: () => setDraft(null) });
          }}
        >
          <AssetFields draft={draft} onChange={setDraft} prefix="asset-edit" />
          <button type="submit" disabled={update.isPending} data-testid="asset-save">
            Save
          </button>
          <button type="button" className="button-secondary" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
        <ErrorText error={update.error} />
      </li>
    );
  return (
    <li className="asset-row" data-testid="asset-row" data-asset-id={asset.id}>
      <span>
        {asset.description} <span className="badge">{kindLabel(asset.kind)}</span>
      </span>
      <span className={Number(asset.value) < 0 ? 'amount-out' : ''}>
        {formatMoney(asset.value, asset.iso_currency_code)}
      </span>
      <span>
        <button
          type="button"
          className="link-button"
          aria-label={`Edit ${asset.description}`}
          data-testid="asset-edit"
          onClick={() => setDraft({ description: asset.description, value: asset.value, kind: asset.kind })}
        >
          Edit
        </button>
        <button
          type="button"
          className="link-button danger"
          aria-label={`Remove ${asset.description}`}
          data-testid="asset-remove"
          onClick={() => {
            if (window.confirm(`Remove “${asset.description}”?`)) {
              remove.mutate(asset.id, { onError: (e) => toast(errorMessage(e), 'error') });
            }
          }}
        >
          Remove
        </button>
      </span>
    </li>
  );
}

/** Manual assets (positive) and debts (negative) that count toward net worth. */
export function AssetsCard({ userId }: { userId: number }) {
  const assets = useAssets(userId);
  const create = useCreateAsset();
  const [draft, setDraft] = useState<Draft>(EMPTY);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(body(draft), { onSuccess: () => setDraft(EMPTY) });
  };

  return (
    <Card title="Other assets and debts">
      {assets.isPending && <Loading />}
      <ErrorText error={assets.error} />
      {assets.data && assets.data.length > 0 && (
        <ul className="assets">
          {assets.data.map((a) => (
            <AssetRow key={a.id} asset={a} />
          ))}
        </ul>
      )}
      {assets.data?.length === 0 && (
        <p className="muted small">A house, a car, a loan: add what your banks don’t show.</p>
      )}
      <form className="row wrap" onSubmit={onSubmit}>
        <AssetFields draft={draft} onChange={setDraft} prefix="asset" />
        <button type="submit" disabled={create.isPending} data-testid="asset-add">
          Add
        </button>
      </form>
      <ErrorText error={create.error} />
    </Card>
  );
}

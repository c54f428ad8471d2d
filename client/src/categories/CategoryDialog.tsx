import { useState, type FormEvent } from 'react';
import type { CategoryGroup, CategoryItem } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { ColorSelect } from './ColorSelect';
import { useDeleteCategory, useMergeCategory, useUpdateCategory } from './mutations';

interface Props {
  userId: number;
  item: CategoryItem;
  groups: CategoryGroup[];
  onClose: () => void;
}

/** One category: its name, colour, group and whether pickers offer it; merged into
 * another; or, a person's own, deleted. */
export function CategoryDialog({ userId, item, groups, onClose }: Props) {
  const update = useUpdateCategory(userId);
  const merge = useMergeCategory(userId);
  const remove = useDeleteCategory(userId);
  const toast = useToast();
  const [label, setLabel] = useState(item.label);
  const [color, setColor] = useState(item.color);
  const [group, setGroup] = useState(item.group);
  const [hidden, setHidden] = useState(item.hidden);
  const [into, setInto] = useState('');
  const others = groups.flatMap((g) =>
    g.categories.filter((c) => c.code !== item.code).map((c) => ({ ...c, in: g.label })),
  );

  const save = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (label.trim() !== item.label) body.label = label.trim();
    if (color !== item.color) body.color = color;
    if (group !== item.group) body.group = group;
    if (hidden !== item.hidden) body.hidden = hidden;
    if (!Object.keys(body).length) return onClose();
    update.mutate(
      { code: item.code, body },
      {
        onSuccess: () => {
          toast('Category saved.', 'success');
          onClose();
        },
      },
    );
  };
  const mergeIt = (event: FormEvent) => {
    event.preventDefault();
    const kept = others.find((c) => c.code === into);
    if (!kept) return;
    merge.mutate(
      { code: item.code, into },
      {
        onSuccess: ({ moved }) => {
          toast(`Merged into “${kept.label}”: ${moved} transaction${moved === 1 ? '' : 's'} moved.`, 'success');
          onClose();
        },
      },
    );
  };
  const deleteIt = () =>
    remove.mutate(item.code, {
      onSuccess: () => {
        toast(`“${item.label}” deleted: its transactions have the bank’s category again.`, 'success');
        onClose();
      },
    });

  return (
    <Dialog title={`Category “${item.label}”`} onClose={onClose} testId="category-dialog">
      <form className="stack" onSubmit={save}>
        <label>
          Name
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            maxLength={99}
            autoFocus
            data-testid="category-edit-name"
          />
        </label>
        <div className="grid-2 tight">
          <ColorSelect label="Colour" value={color} onChange={setColor} testId="category-edit-color" />
          <label>
            Group
            <select value={group} onChange={(e) => setGroup(e.target.value)} data-testid="category-edit-group">
              {groups.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="row">
          <input
            type="checkbox"
            checked={hidden}
            onChange={(e) => setHidden(e.target.checked)}
            data-testid="category-edit-hidden"
          />
          Hidden from pickers (its transactions keep it)
        </label>
        <ErrorText error={update.error} />
        <div className="row end">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={update.isPending} data-testid="category-edit-save">
            Save
          </button>
        </div>
      </form>
      <form className="stack" onSubmit={mergeIt} style={{ marginTop: 16 }}>
        <label>
          Merge into
          <select value={into} onChange={(e) => setInto(e.target.value)} data-testid="category-merge-into">
            <option value="">Choose a category…</option>
            {others.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label} ({c.in})
              </option>
            ))}
          </select>
        </label>
        <p className="muted small">
          Its transactions, split parts, budget lines and rules move to the one chosen, and so do the transactions the
          bank files under it later. It leaves the list.
        </p>
        <ErrorText error={merge.error} />
        <div className="row end">
          <button type="submit" disabled={!into || merge.isPending} data-testid="category-merge">
            Merge
          </button>
        </div>
      </form>
      {item.source !== 'plaid' && (
        <div className="stack" style={{ marginTop: 16 }}>
          <p className="muted small">Deleting it gives its transactions the bank’s category again.</p>
          <ErrorText error={remove.error} />
          <div className="row end">
            <button
              type="button"
              className="button-danger"
              onClick={deleteIt}
              disabled={remove.isPending}
              data-testid="category-delete"
            >
              Delete category
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

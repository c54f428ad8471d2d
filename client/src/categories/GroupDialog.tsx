import { useState, type FormEvent } from 'react';
import type { CategoryGroup } from '../api/types';
import { Dialog } from '../components/Dialog';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { ColorSelect } from './ColorSelect';
import { useDeleteGroup, useUpdateGroup } from './mutations';

/** One group: its name, colour and whether pickers offer it; a person's own, deleted once
 * empty. */
export function GroupDialog({ userId, group, onClose }: { userId: number; group: CategoryGroup; onClose: () => void }) {
  const update = useUpdateGroup(userId);
  const remove = useDeleteGroup(userId);
  const toast = useToast();
  const [label, setLabel] = useState(group.label);
  const [color, setColor] = useState(group.color);
  const [hidden, setHidden] = useState(group.hidden);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = {};
    if (label.trim() !== group.label) body.label = label.trim();
    if (color !== group.color) body.color = color;
    if (hidden !== group.hidden) body.hidden = hidden;
    if (!Object.keys(body).length) return onClose();
    update.mutate(
      { code: group.code, body },
      {
        onSuccess: () => {
          toast('Group saved.', 'success');
          onClose();
        },
      },
    );
  };
  const deleteIt = () =>
    remove.mutate(group.code, {
      onSuccess: () => {
        toast(`Group “${group.label}” deleted.`, 'success');
        onClose();
      },
    });

  return (
    <Dialog title={`Group “${group.label}”`} onClose={onClose} testId="group-dialog">
      <form className="stack" onSubmit={save}>
        <label>
          Name
          <input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            required
            maxLength={99}
            autoFocus
            data-testid="group-edit-name"
          />
        </label>
        <ColorSelect label="Colour" value={color} onChange={setColor} testId="group-edit-color" />
        <label className="row">
          <input
            type="checkbox"
            checked={hidden}
            onChange={(e) => setHidden(e.target.checked)}
            data-testid="group-edit-hidden"
          />
          Hidden from pickers
        </label>
        <ErrorText error={update.error} />
        <div className="row end">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={update.isPending} data-testid="group-edit-save">
            Save
          </button>
        </div>
      </form>
      {group.source !== 'plaid' && (
        <div className="stack" style={{ marginTop: 16 }}>
          <ErrorText error={remove.error} />
          <div className="row end">
            <button
              type="button"
              className="button-danger"
              onClick={deleteIt}
              disabled={remove.isPending}
              data-testid="group-delete"
            >
              Delete group
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

import { useState, type FormEvent } from 'react';
import type { CategoryGroup } from '../api/types';
import { Card } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { ColorSelect } from './ColorSelect';
import { useCreateCategory, useCreateGroup } from './mutations';

/** Make a category in a group, or a new group. */
export function NewCategoryForms({ userId, groups }: { userId: number; groups: CategoryGroup[] }) {
  const createCategory = useCreateCategory(userId);
  const createGroup = useCreateGroup(userId);
  const toast = useToast();
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [color, setColor] = useState<string | null>(null);
  const [groupName, setGroupName] = useState('');
  const [groupColor, setGroupColor] = useState<string | null>(null);
  const chosenGroup = group || groups[0]?.code || '';

  const addCategory = (event: FormEvent) => {
    event.preventDefault();
    createCategory.mutate(
      { name, group: chosenGroup, color },
      {
        onSuccess: (made) => {
          toast(`Category “${made.label}” made.`, 'success');
          setName('');
          setColor(null);
        },
      },
    );
  };
  const addGroup = (event: FormEvent) => {
    event.preventDefault();
    createGroup.mutate(
      { name: groupName, color: groupColor },
      {
        onSuccess: (made) => {
          toast(`Group “${made.label}” made.`, 'success');
          setGroupName('');
          setGroupColor(null);
          setGroup(made.code);
        },
      },
    );
  };

  return (
    <Card title="New category or group">
      <form className="stack" onSubmit={addCategory} aria-label="New category">
        <div className="grid-3-auto">
          <label>
            Category name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={99}
              data-testid="category-new-name"
            />
          </label>
          <label>
            In group
            <select value={chosenGroup} onChange={(e) => setGroup(e.target.value)} data-testid="category-new-group">
              {groups.map((g) => (
                <option key={g.code} value={g.code}>
                  {g.label}
                </option>
              ))}
            </select>
          </label>
          <ColorSelect label="Colour" value={color} onChange={setColor} testId="category-new-color" />
        </div>
        <ErrorText error={createCategory.error} />
        <div className="row">
          <button type="submit" disabled={createCategory.isPending || !name.trim()} data-testid="category-new-add">
            Add category
          </button>
        </div>
      </form>
      <form className="stack" onSubmit={addGroup} aria-label="New group" style={{ marginTop: 16 }}>
        <div className="grid-3-auto">
          <label>
            Group name
            <input
              value={groupName}
              onChange={(e) => setGroupName(e.target.value)}
              required
              maxLength={99}
              data-testid="group-new-name"
            />
          </label>
          <ColorSelect label="Colour" value={groupColor} onChange={setGroupColor} testId="group-new-color" />
        </div>
        <ErrorText error={createGroup.error} />
        <div className="row">
          <button type="submit" disabled={createGroup.isPending || !groupName.trim()} data-testid="group-new-add">
            Add group
          </button>
        </div>
      </form>
    </Card>
  );
}

import { useState } from 'react';
import type { CategoryGroup, CategoryItem } from '../api/types';
import { Card } from '../components/Card';
import { CategoryDialog } from './CategoryDialog';
import { GroupDialog } from './GroupDialog';

const SOURCE = { plaid: 'Plaid’s', own: 'yours', found: 'in use' } as const;

function Swatch({ color }: { color: string | null }) {
  return (
    <span
      className="swatch category-swatch"
      style={{ background: color ?? 'transparent', border: color ? undefined : '1px dashed var(--border)' }}
      aria-hidden="true"
    />
  );
}

/** Every group with its categories; each opens to be renamed, coloured, moved or merged. */
export function CategoriesList({ userId, groups }: { userId: number; groups: CategoryGroup[] }) {
  const [item, setItem] = useState<CategoryItem | null>(null);
  const [group, setGroup] = useState<CategoryGroup | null>(null);
  return (
    <>
      {groups.map((g) => (
        <Card key={g.code}>
          <section aria-labelledby={`group-${g.code}`} data-testid={`group-${g.code}`}>
            <div className="row spread">
              <h2 id={`group-${g.code}`} className="row">
                <Swatch color={g.color} />
                {g.label}
                {g.hidden && <span className="badge">hidden</span>}
                {g.source !== 'plaid' && <span className="badge">{SOURCE[g.source]}</span>}
              </h2>
              <button
                type="button"
                className="button-secondary"
                onClick={() => setGroup(g)}
                aria-label={`Edit group ${g.label}`}
                data-testid={`group-edit-${g.code}`}
              >
                Edit
              </button>
            </div>
            {g.categories.length === 0 && <p className="muted small">No categories in it yet.</p>}
            <ul className="category-list">
              {g.categories.map((c) => (
                <li key={c.code} className="row spread" data-testid={`category-${c.code}`}>
                  <span className="row">
                    <Swatch color={c.color} />
                    <span data-testid="category-label">{c.label}</span>
                    {c.hidden && <span className="badge">hidden</span>}
                    {c.source !== 'plaid' && <span className="badge">{SOURCE[c.source]}</span>}
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setItem(c)}
                    aria-label={`Edit ${c.label}`}
                    data-testid={`category-edit-${c.code}`}
                  >
                    Edit
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </Card>
      ))}
      {item && <CategoryDialog userId={userId} item={item} groups={groups} onClose={() => setItem(null)} />}
      {group && <GroupDialog userId={userId} group={group} onClose={() => setGroup(null)} />}
    </>
  );
}

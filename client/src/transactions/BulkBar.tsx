import { useState } from 'react';
import type { BulkChanges } from '../api/types';
import { ErrorText } from '../components/ErrorText';
import { useToast } from '../components/toasts';
import { useBulkEdit } from './mutations';
import type { TransactionFilters } from './listPage';
import { usePickerCategories } from '../categories/queries';
import { categoryLabel } from '../lib/categories';
import { count, type Selection } from './selection';
import { parseTags } from './tags';

interface Props {
  userId: number;
  filters: TransactionFilters;
  selection: Selection;
  /** How many the filters match, on every page. */
  total: number;
  /** Every row of this page is picked. */
  wholePage: boolean;
  onSelectAll: () => void;
  onClear: () => void;
}

/** What to do with the picked transactions: a category, tags, hide or show. */
export function BulkBar({ userId, filters, selection, total, wholePage, onSelectAll, onClear }: Props) {
  const edit = useBulkEdit();
  const categories = usePickerCategories(userId);
  const toast = useToast();
  const [category, setCategory] = useState('');
  const [tagText, setTagText] = useState('');
  const tags = parseTags(tagText);
  const picked = count(selection, total);
  const showingHidden = filters.hidden === 'true';

  const apply = (changes: BulkChanges, done: string) =>
    edit.mutate(
      { userId, filters, ids: selection.allMatching ? null : [...selection.ids], changes },
      {
        onSuccess: ({ updated }) => {
          toast(`${done} ${updated} transaction${updated === 1 ? '' : 's'}.`, 'success');
          setCategory('');
          setTagText('');
          onClear();
        },
      },
    );

  return (
    <section className="bulk-bar" aria-label="Edit the picked transactions" data-testid="tx-bulk-bar">
      <p className="row">
        <strong data-testid="tx-bulk-count">
          {selection.allMatching ? `All ${picked} matching` : `${picked} picked`}
        </strong>
        {wholePage && !selection.allMatching && total > selection.ids.size && (
          <button type="button" className="link-button" onClick={onSelectAll} data-testid="tx-bulk-all">
            Pick all {total} that match
          </button>
        )}
        <button type="button" className="link-button" onClick={onClear} data-testid="tx-bulk-clear">
          Clear
        </button>
      </p>
      <div className="row wrap">
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (category.trim()) apply({ category: category.trim(), subcategory: null }, 'Categorized');
          }}
        >
          <input
            value={category}
            onChange={(e) => setCategory(e.target.value)}
            list="bulk-categories"
            maxLength={255}
            placeholder="Category"
            aria-label="Category for the picked transactions"
            data-testid="tx-bulk-category"
          />
          <datalist id="bulk-categories">
            {categories.data?.map((c) => (
              <option key={c.category} value={c.category} label={categoryLabel(c.category)} />
            ))}
          </datalist>
          <button type="submit" disabled={edit.isPending || !category.trim()} data-testid="tx-bulk-set-category">
            Set category
          </button>
        </form>
        <div className="row">
          <input
            value={tagText}
            onChange={(e) => setTagText(e.target.value)}
            placeholder="Tags"
            aria-label="Tags to add to or remove from the picked transactions"
            aria-invalid={!tags.ok}
            data-testid="tx-bulk-tags"
          />
          <button
            type="button"
            disabled={edit.isPending || !tags.ok || !tags.tags.length}
            onClick={() => tags.ok && apply({ add_tags: tags.tags }, 'Tagged')}
            data-testid="tx-bulk-add-tags"
          >
            Add tags
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={edit.isPending || !tags.ok || !tags.tags.length}
            onClick={() => tags.ok && apply({ remove_tags: tags.tags }, 'Untagged')}
          >
            Remove tags
          </button>
        </div>
        <button
          type="button"
          className="button-secondary"
          disabled={edit.isPending}
          onClick={() => apply({ hidden: !showingHidden }, showingHidden ? 'Showed' : 'Hid')}
          data-testid="tx-bulk-hide"
        >
          {showingHidden ? 'Show again' : 'Hide'}
        </button>
      </div>
      {!tags.ok && <p className="error small">{tags.problem}</p>}
      <ErrorText error={edit.error} />
    </section>
  );
}

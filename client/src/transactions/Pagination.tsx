import { useState, type FormEvent } from 'react';
import { PAGE_SIZES } from './listPage';

interface Props {
  /** From 0. */
  page: number;
  pages: number;
  size: number;
  onPage: (page: number) => void;
  onSize: (size: number) => void;
}

/** Previous and next, a page to jump to, and how many rows a page has. */
export function Pagination({ page, pages, size, onPage, onSize }: Props) {
  const [jump, setJump] = useState('');

  const onJump = (event: FormEvent) => {
    event.preventDefault();
    const wanted = Math.trunc(Number(jump));
    if (!Number.isFinite(wanted) || wanted < 1) return;
    onPage(Math.min(wanted, pages) - 1);
    setJump('');
  };

  return (
    <nav className="pagination" aria-label="Pages">
      {pages > 1 && (
        <>
          <button
            type="button"
            className="button-secondary"
            disabled={page === 0}
            onClick={() => onPage(page - 1)}
            data-testid="tx-prev"
          >
            ← Previous
          </button>
          <span data-testid="tx-page">
            Page {page + 1} of {pages}
          </span>
          <button
            type="button"
            className="button-secondary"
            disabled={page + 1 >= pages}
            onClick={() => onPage(page + 1)}
            data-testid="tx-next"
          >
            Next →
          </button>
          <form className="row" onSubmit={onJump}>
            <label className="inline">
              Go to page
              <input
                type="number"
                min={1}
                max={pages}
                value={jump}
                onChange={(e) => setJump(e.target.value)}
                className="page-input"
                data-testid="tx-jump"
              />
            </label>
          </form>
        </>
      )}
      <label className="inline">
        Rows per page
        <select value={size} onChange={(e) => onSize(Number(e.target.value))} data-testid="tx-page-size">
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}

import type { AuditEvent } from '../api/types';
import { formatDateTime } from '../lib/format';
import { actionLabel, actorText, eventDetail } from './labels';

interface Props {
  events: AuditEvent[];
  caption: string;
  /** The account column, on the administrators' whole log. */
  showAccount?: boolean;
}

export function AuditTable({ events, caption, showAccount = false }: Props) {
  return (
    <table className="table" data-testid="audit-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th>When</th>
          <th>What</th>
          {showAccount && <th>Account</th>}
          <th className="hide-narrow">By</th>
          <th className="hide-narrow">From</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id} data-testid="audit-row" data-action={event.action}>
            <td>{formatDateTime(event.created_at)}</td>
            <td>
              {actionLabel(event.action)}
              {eventDetail(event) && <span className="muted small"> — {eventDetail(event)}</span>}
            </td>
            {showAccount && <td>{event.username ?? '—'}</td>}
            <td className="hide-narrow">{actorText(event)}</td>
            <td className="hide-narrow">{event.ip ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface PagerProps {
  page: number;
  total: number;
  size: number;
  onPage: (page: number) => void;
  label: string;
}

/** Newer and older pages of a log. */
export function Pager({ page, total, size, onPage, label }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  return (
    <nav className="row" aria-label={label}>
      <button type="button" className="button-secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Newer
      </button>
      <span className="muted small">
        Page {page + 1} of {pages}
      </span>
      <button type="button" className="button-secondary" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        Older
      </button>
    </nav>
  );
}

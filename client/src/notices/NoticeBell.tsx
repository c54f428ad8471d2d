import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Notice } from '../api/types';
import { ErrorText } from '../components/ErrorText';
import { usePopup } from '../components/usePopup';
import { useMarkNoticesRead } from './mutations';
import { useNotices } from './queries';
import { timeAgo } from './when';

export function bellLabel(unread: number): string {
  return `Notices: ${unread === 0 ? 'none' : unread} unread`;
}

/**
 * The header's bell: how many notices are unread, and a panel listing them. The panel opens
 * with focus on its first control; Escape or a click elsewhere closes it and focus goes back
 * to the bell. A notice opens the recurring page it is about.
 */
export function NoticeBell({ userId }: { userId: number }) {
  const notices = useNotices(userId);
  const markRead = useMarkNoticesRead(userId);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const unread = notices.data?.unread ?? 0;

  const close = useCallback(() => setOpen(false), []);
  usePopup(open, close, ref, panel, 'button:not([disabled]), a[href]');

  const onKeyDown = (event: KeyboardEvent) => {
    if (open && event.key === 'Escape') {
      event.preventDefault();
      setOpen(false);
      bell.current?.focus();
    }
  };

  const opened = (notice: Notice) => {
    setOpen(false);
    if (!notice.read_at) markRead.mutate({ ids: [notice.id] });
  };

  return (
    <div className="notice-bell" ref={ref} onKeyDown={onKeyDown}>
      <button
        ref={bell}
        type="button"
        className="button-secondary bell-button"
        aria-label={bellLabel(unread)}
        aria-expanded={open}
        aria-controls={panelId}
        title={bellLabel(unread)}
        data-testid="notice-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="notice-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          className="notice-panel"
          id={panelId}
          role="region"
          aria-label="Notices"
          ref={panel}
          data-testid="notice-panel"
        >
          <div className="notice-panel-header">
            <h2>Notices</h2>
            <button
              type="button"
              className="button-secondary"
              data-testid="notices-mark-all-read"
              disabled={unread === 0 || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              Mark all read
            </button>
          </div>
          {notices.error && <ErrorText error={notices.error} />}
          {markRead.error && <ErrorText error={markRead.error} />}
          {notices.data?.notices.length === 0 && (
            <p className="muted notice-empty">Nothing yet: new subscriptions, price rises and bills due show here.</p>
          )}
          <ul className="notice-list">
            {notices.data?.notices.map((notice) => (
              <li key={notice.id}>
                <Link
                  to="/recurring"
                  className={notice.read_at ? 'notice-item' : 'notice-item unread'}
                  data-testid="notice"
                  onClick={() => opened(notice)}
                >
                  <span className="notice-title">
                    {!notice.read_at && <span className="visually-hidden">Unread: </span>}
                    {notice.title}
                  </span>
                  <span className="notice-detail">{notice.detail}</span>
                  <time className="notice-when muted" dateTime={notice.created_at}>
                    {timeAgo(notice.created_at)}
                  </time>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

import { useState } from 'react';
import type { AuditAction } from '../api/types';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { AuditTable, Pager } from './AuditTable';
import { ACTION_LABELS } from './labels';
import { useUsers } from '../users/queries';
import { AUDIT_PAGE_SIZE, useAuditLog, type AuditFilters } from './queries';

const ACTIONS = Object.entries(ACTION_LABELS) as [AuditAction, string][];

/** The whole audit log (administrators): what everyone did and underwent, filterable. */
export function AuditLogCard() {
  const users = useUsers().data ?? [];
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(0);
  const log = useAuditLog(filters, page);
  const filter = (next: AuditFilters) => {
    setFilters(next);
    setPage(0);
  };
  return (
    <Card title="Audit log">
      <div className="row wrap">
        <label>
          Person
          <select
            value={filters.userId ?? ''}
            onChange={(e) => filter({ ...filters, userId: e.target.value ? Number(e.target.value) : undefined })}
            data-testid="audit-user"
          >
            <option value="">Everyone</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
        </label>
        <label>
          Action
          <select
            value={filters.action ?? ''}
            onChange={(e) => filter({ ...filters, action: (e.target.value || undefined) as AuditAction | undefined })}
            data-testid="audit-action"
          >
            <option value="">Every action</option>
            {ACTIONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {log.isPending && <Loading />}
      <ErrorText error={log.error} />
      {log.data && log.data.rows.length === 0 && <p className="muted">Nothing recorded.</p>}
      {log.data && log.data.rows.length > 0 && (
        <>
          <AuditTable events={log.data.rows} caption="Audit log" showAccount />
          <Pager page={page} total={log.data.total} size={AUDIT_PAGE_SIZE} onPage={setPage} label="Audit log pages" />
        </>
      )}
      <p className="muted small">Events are kept for AUDIT_RETENTION_DAYS days (a year unless set).</p>
    </Card>
  );
}

import { useState } from 'react';
import { Card, Loading } from '../components/Card';
import { ErrorText } from '../components/ErrorText';
import { AuditTable, Pager } from './AuditTable';
import { AUDIT_PAGE_SIZE, useUserAudit } from './queries';

/** The person's own log: sign-ins (refused ones too), sign-outs, password changes, banks. */
export function RecentActivityCard({ userId }: { userId: number }) {
  const [page, setPage] = useState(0);
  const log = useUserAudit(userId, page);
  return (
    <Card title="Recent activity on your account">
      <p className="muted small">
        A sign-in you do not recognise? Change your password and sign out everywhere (below).
      </p>
      {log.isPending && <Loading />}
      <ErrorText error={log.error} />
      {log.data && log.data.rows.length === 0 && <p className="muted">Nothing yet.</p>}
      {log.data && log.data.rows.length > 0 && (
        <>
          <AuditTable events={log.data.rows} caption="Recent activity on your account" />
          <Pager
            page={page}
            total={log.data.total}
            size={AUDIT_PAGE_SIZE}
            onPage={setPage}
            label="Recent activity pages"
          />
        </>
      )}
    </Card>
  );
}

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { isUnreachable } from '../api/client';

const RETRY_MS = 3_000;

/** Whether a query on screen failed because the server could not be reached. */
function anyUnreachable(queryClient: QueryClient): boolean {
  return queryClient
    .getQueryCache()
    .getAll()
    .some(
      (query) => query.getObserversCount() > 0 && query.state.status === 'error' && isUnreachable(query.state.error),
    );
}

/**
 * One banner while the server cannot be reached (the cards say nothing of it themselves);
 * it asks the server's health every few seconds and, once it answers, reads again what the
 * page shows, so no stale error is left behind.
 */
export function ServerStatus() {
  const queryClient = useQueryClient();
  const subscribe = useCallback((changed: () => void) => queryClient.getQueryCache().subscribe(changed), [queryClient]);
  const down = useSyncExternalStore(subscribe, () => anyUnreachable(queryClient));

  useEffect(() => {
    if (!down) return;
    const timer = window.setInterval(() => {
      fetch('/api/health')
        .then((response) => {
          if (response.ok) void queryClient.refetchQueries({ type: 'active' });
        })
        .catch(() => {});
    }, RETRY_MS);
    return () => window.clearInterval(timer);
  }, [down, queryClient]);

  if (!down) return null;
  return (
    <div className="server-down" role="alert" data-testid="server-unreachable">
      Pattern’s server cannot be reached: the figures below may be out of date. Trying again…
    </div>
  );
}

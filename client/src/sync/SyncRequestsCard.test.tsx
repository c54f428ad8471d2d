import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SyncRequests } from '../api/types';
import { json, stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { SyncRequestsCard } from './SyncRequestsCard';

describe('SyncRequestsCard', () => {
  it('lists the banks whose syncs gave up, with their last error', async () => {
    const answer: SyncRequests = {
      waiting: 2,
      dead: [
        {
          item_id: 7,
          user_id: 3,
          username: 'alice',
          institution_name: 'First Platypus Bank',
          reason: 'webhook',
          attempts: 8,
          last_error: 'INSTITUTION_DOWN',
          requested_at: '2026-12-02T10:00:00Z',
          dead_at: '2026-12-02T12:00:00Z',
        },
      ],
    };
    stubFetch({ 'GET /api/sync-requests': () => json(answer) });
    renderApp(<SyncRequestsCard />);
    const row = await screen.findByTestId('sync-dead-row');
    expect(row).toHaveTextContent('First Platypus Bank');
    expect(row).toHaveTextContent('alice');
    expect(row).toHaveTextContent('INSTITUTION_DOWN');
    expect(row).toHaveTextContent('8');
    expect(screen.getByTestId('sync-waiting')).toHaveTextContent('2 banks are waiting for a sync.');
  });

  it('says so when no sync gave up', async () => {
    stubFetch({ 'GET /api/sync-requests': () => json({ waiting: 0, dead: [] }) });
    renderApp(<SyncRequestsCard />);
    expect(await screen.findByTestId('sync-dead-none')).toBeInTheDocument();
    expect(screen.getByTestId('sync-waiting')).toHaveTextContent('No bank is waiting for a sync.');
  });
});

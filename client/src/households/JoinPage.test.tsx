import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { JoinPage } from './JoinPage';

function renderJoin(token: string) {
  return renderApp(
    <Routes>
      <Route path="/household/join" element={<JoinPage />} />
      <Route path="/shared/:ownerId/*" element={<p>Shared view</p>} />
    </Routes>,
    { route: `/household/join?token=${token}`, user: ALICE },
  );
}

describe('the join page of an invite link', () => {
  it('takes the share once and shows the owner’s money', async () => {
    const net = stubFetch({
      'POST /api/shares/accept': json({
        id: 4,
        owner: { id: 3, username: 'carol' },
        role: 'view',
        budget: true,
        account_ids: [1],
      }),
    });
    const app = renderJoin('tok-1');
    expect(await screen.findByText('Shared view')).toBeInTheDocument();
    expect(app.location().pathname).toBe('/shared/3');
    expect(net.callsTo('POST /api/shares/accept')).toHaveLength(1);
    expect(net.callsTo('POST /api/shares/accept')[0]?.body).toEqual({ token: 'tok-1' });
    expect(screen.getByText('You now see carol’s money.')).toBeInTheDocument();
  });

  it('says why a link is refused, and stays', async () => {
    stubFetch({
      'POST /api/shares/accept': apiError(404, 'bad_invite', 'This invite link is not valid: it is used.'),
    });
    const app = renderJoin('tok-2');
    expect(await screen.findByRole('alert')).toHaveTextContent('This invite link is not valid');
    expect(app.location().pathname).toBe('/household/join');
  });
});

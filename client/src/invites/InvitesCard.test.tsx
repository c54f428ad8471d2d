import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Invite } from '../api/types';
import { json, stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { InvitesCard } from './InvitesCard';

const made: Invite = {
  id: 1,
  created_at: '2026-12-02T12:00:00Z',
  expires_at: '2026-12-09T12:00:00Z',
  status: 'pending',
  used_at: null,
  used_by: null,
};

describe('InvitesCard', () => {
  it('lists an invite made while the list was still loading', async () => {
    // The first list is read before the invite exists and answers only after it was made.
    let stored: Invite[] = [];
    let answerFirstList: () => void = () => {};
    const firstListHeld = new Promise<void>((resolve) => {
      answerFirstList = resolve;
    });
    let lists = 0;
    stubFetch({
      'GET /api/invites': async () => {
        const answer = stored;
        lists += 1;
        if (lists === 1) await firstListHeld;
        return json(answer);
      },
      'POST /api/invites': () => {
        stored = [made];
        return json({ ...made, code: 'c0de', url: 'http://localhost/login?invite=c0de' }, 201);
      },
    });
    renderApp(<InvitesCard signUp="invite" />);
    await userEvent.click(screen.getByTestId('invite-create'));
    expect(await screen.findByTestId('invite-url')).toHaveValue('http://localhost/login?invite=c0de');
    answerFirstList();
    expect(await screen.findByTestId('invite-status')).toHaveTextContent('Waiting');
  });
});

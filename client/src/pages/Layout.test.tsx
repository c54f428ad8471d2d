import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '../test/fetchStub';
import { ALICE, renderApp } from '../test/render';
import { Layout } from './Layout';

vi.mock('socket.io-client', () => ({
  io: () => ({ on: vi.fn(), removeAllListeners: vi.fn(), disconnect: vi.fn(), connect: vi.fn(), active: false }),
}));

function renderPage(route: string) {
  stubFetch({ 'GET /api/users/1/notices': json({ notices: [], unread: 0 }) });
  return renderApp(
    <Routes>
      <Route element={<Layout />}>
        <Route path="transactions" element={<button type="button">First control of the page</button>} />
        <Route path="budget" element={<h1>Budget</h1>} />
      </Route>
    </Routes>,
    { route, user: ALICE },
  );
}

describe('the layout of a logged-in page', () => {
  it('names the page in an h1 and the document title', async () => {
    renderPage('/transactions');
    expect(await screen.findByRole('heading', { level: 1, name: 'Transactions' })).toBeInTheDocument();
    expect(document.title).toBe('Transactions · Pattern');
  });

  it('leaves the h1 to a page that shows its own', async () => {
    renderPage('/budget');
    expect(await screen.findAllByRole('heading', { level: 1 })).toHaveLength(1);
  });

  it('starts with a link that skips the nav to the page', async () => {
    renderPage('/transactions');
    const user = userEvent.setup();
    await screen.findByRole('main');
    await user.tab();
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    expect(skip).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'First control of the page' })).toHaveFocus();
  });
});

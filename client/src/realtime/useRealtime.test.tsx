import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { stubFetch } from '../test/fetchStub';
import { renderApp } from '../test/render';
import { useRealtime } from './useRealtime';

const opened = vi.hoisted(() => ({ count: 0 }));
vi.mock('socket.io-client', () => ({
  io: () => {
    opened.count += 1;
    return { on: () => {}, removeAllListeners: () => {}, disconnect: () => {}, connect: () => {}, active: true };
  },
}));

/** A person sent to set up their second factor, who then does. */
function SettingUp() {
  const [pending, setPending] = useState(true);
  useRealtime(1, pending);
  return (
    <button type="button" onClick={() => setPending(false)}>
      Continue to Pattern
    </button>
  );
}

describe('the realtime socket', () => {
  it('waits while the second factor the server requires is not set up, then opens', async () => {
    stubFetch({});
    renderApp(<SettingUp />);
    await new Promise((resolve) => setTimeout(resolve, 50)); // long enough for the client's script
    expect(opened.count).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Continue to Pattern' }));
    await waitFor(() => expect(opened.count).toBe(1));
  });
});

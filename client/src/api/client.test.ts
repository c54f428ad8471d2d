// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiError, json, stubFetch } from '../test/fetchStub';
import { ApiError, api, checkSessionStands, isUnreachable, setSessionLostHandler, toQuery } from './client';

afterEach(() => setSessionLostHandler(() => {}));

/** A server whose access cookie has expired until the refresh answers `refreshStatus`. */
function expiredSession(refreshStatus: number) {
  let refreshed = false;
  let releaseRefresh: () => void = () => {};
  const refreshGate = new Promise<void>((resolve) => {
    releaseRefresh = resolve;
  });
  const guarded = (body: unknown) => () =>
    refreshed ? json(body) : apiError(401, 'not_authenticated', 'Log in first.');
  const stub = stubFetch({
    'POST /api/sessions/refresh': async () => {
      await refreshGate; // hold it, so every 401 arrives while it runs
      refreshed = refreshStatus < 300;
      return refreshStatus < 300 ? json(null, 204) : apiError(refreshStatus, 'session_ended', 'Log in again.');
    },
    'GET /api/users/1/items': guarded([{ id: 1 }]),
    'GET /api/users/1/accounts': guarded([{ id: 2 }]),
    'GET /api/users/1/net-worth': guarded([{ currency: 'USD' }]),
  });
  return { ...stub, releaseRefresh };
}

describe('session refresh', () => {
  it('refreshes once for concurrent 401s, then retries each call', async () => {
    const server = expiredSession(204);
    const calls = Promise.all([api('/users/1/items'), api('/users/1/accounts'), api('/users/1/net-worth')]);
    await vi.waitFor(() => expect(server.calls.filter((c) => c.path !== '/api/sessions/refresh')).toHaveLength(3));
    server.releaseRefresh();
    expect(await calls).toEqual([[{ id: 1 }], [{ id: 2 }], [{ currency: 'USD' }]]);
    expect(server.callsTo('POST /api/sessions/refresh')).toHaveLength(1);
    expect(server.callsTo('GET /api/users/1/items')).toHaveLength(2);
    expect(server.callsTo('GET /api/users/1/accounts')).toHaveLength(2);
  });

  it('refreshes again on a later 401, once the first refresh is over', async () => {
    const server = expiredSession(204);
    server.releaseRefresh();
    await api('/users/1/items');
    await api('/users/1/accounts');
    // The second call was already authenticated: no new refresh.
    expect(server.callsTo('POST /api/sessions/refresh')).toHaveLength(1);
  });

  it('reports the session lost when the refresh fails, and throws the 401', async () => {
    const lost = vi.fn();
    setSessionLostHandler(lost);
    const server = expiredSession(401);
    server.releaseRefresh();
    const results = await Promise.allSettled([api('/users/1/items'), api('/users/1/accounts')]);
    for (const r of results) {
      expect(r.status).toBe('rejected');
      const error = (r as PromiseRejectedResult).reason as ApiError;
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(401);
    }
    expect(server.callsTo('POST /api/sessions/refresh')).toHaveLength(1);
    expect(server.callsTo('GET /api/users/1/items')).toHaveLength(1); // no retry without a session
    expect(lost).toHaveBeenCalled();
  });

  it('sends the person to log in when the server ended their session (a closed socket)', async () => {
    const lost = vi.fn();
    setSessionLostHandler(lost);
    stubFetch({
      'GET /api/sessions/me': apiError(401, 'not_authenticated', 'You are not logged in.'),
      'POST /api/sessions/refresh': apiError(401, 'session_ended', 'Your session has ended.'),
    });
    await checkSessionStands();
    expect(lost).toHaveBeenCalledOnce();
  });

  it('keeps the person logged in when the session stands or the server is away', async () => {
    const lost = vi.fn();
    setSessionLostHandler(lost);
    stubFetch({ 'GET /api/sessions/me': json({ id: 1 }) });
    await checkSessionStands();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await checkSessionStands();
    expect(lost).not.toHaveBeenCalled();
  });

  it('does not refresh for the session routes themselves', async () => {
    const lost = vi.fn();
    setSessionLostHandler(lost);
    const server = stubFetch({
      'POST /api/sessions': apiError(401, 'invalid_credentials', 'Incorrect username or password.'),
    });
    await expect(api('/sessions', { method: 'POST', body: { username: 'a', password: 'b' } })).rejects.toThrow(
      'Incorrect username or password.',
    );
    expect(server.callsTo('POST /api/sessions/refresh')).toHaveLength(0);
    expect(lost).not.toHaveBeenCalled();
  });
});

describe('api', () => {
  it("sends JSON with the session cookies and surfaces the server's error", async () => {
    const server = stubFetch({
      'POST /api/items': {
        status: 409,
        body: { error: { code: 'duplicate_item', message: 'You have already linked an item at this institution.' } },
      },
    });
    const error = await api('/items', { method: 'POST', body: { public_token: 'p' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).code).toBe('duplicate_item');
    expect((error as ApiError).message).toBe('You have already linked an item at this institution.');
    expect(server.calls[0].body).toEqual({ public_token: 'p' });
    const init = vi.mocked(fetch).mock.calls[0][1];
    expect(init?.credentials).toBe('same-origin');
  });

  it('builds query strings: arrays repeat their key, empty values are left out', () => {
    expect(
      toQuery({ q: 'coffee shop', account: ['1', '2'], month: '', pending: undefined, hidden: null, limit: 50 }),
    ).toBe('?q=coffee+shop&account=1&account=2&limit=50');
    expect(toQuery({})).toBe('');
  });
});

describe('a server out of reach', () => {
  it('is one kind of error, in words, whether the network or the proxy says it', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const refused = await api('/users/1/items').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(isUnreachable(refused)).toBe(true);
    expect((refused as ApiError).message).toMatch(/server cannot be reached/);

    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 })));
    const proxied = await api('/users/1/items').catch((e: unknown) => e);
    expect(isUnreachable(proxied)).toBe(true);
    expect((proxied as ApiError).message).not.toContain('Bad Gateway');

    // The server's own 503 (with its words) is not the server being away.
    stubFetch({ 'GET /api/users/1/items': apiError(503, 'plaid_unavailable', 'Plaid is not answering.') });
    const own = await api('/users/1/items').catch((e: unknown) => e);
    expect(isUnreachable(own)).toBe(false);
    expect((own as ApiError).message).toBe('Plaid is not answering.');
  });
});

/** The network, stubbed at the fetch boundary: routes by "METHOD /path" (no query string). */
import { vi } from 'vitest';

export interface Call {
  method: string;
  path: string;
  url: URL;
  body: unknown;
}

type Reply = Response | { status?: number; body?: unknown; headers?: Record<string, string> };
export type Handler = (call: Call) => Reply | Promise<Reply>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function apiError(status: number, code: string, message: string): Response {
  return json({ error: { code, message } }, status);
}

function toResponse(reply: Reply): Response {
  if (reply instanceof Response) return reply;
  return json(reply.body ?? null, reply.status ?? 200, reply.headers);
}

/**
 * Replace `fetch` with `routes`; a route is a handler or a fixed reply. An unknown route fails
 * the test loudly (a 599 whose message names it). Returns every call made, in order.
 */
export function stubFetch(routes: Record<string, Handler | Reply>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://localhost');
    const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const raw = init.body;
    const body = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : undefined;
    const call: Call = { method, path: url.pathname, url, body };
    calls.push(call);
    const route = routes[`${method} ${url.pathname}`];
    if (route === undefined) return apiError(599, 'unstubbed', `No stub for ${method} ${url.pathname}`);
    return toResponse(typeof route === 'function' ? await route(call) : route);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    calls,
    callsTo: (key: string) => calls.filter((c) => `${c.method} ${c.path}` === key),
  };
}

/** The one fetch wrapper: same-origin cookies, JSON, one refresh on 401, server messages. */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
}

let onSessionLost: () => void = () => {};

/** Called once the session cannot be refreshed (the app sends the user to /login). */
export function setSessionLostHandler(handler: () => void): void {
  onSessionLost = handler;
}

// A refresh token works once: concurrent 401s must share one refresh.
let refreshing: Promise<boolean> | null = null;

export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/sessions/refresh', { method: 'POST', credentials: 'same-origin' })
    .then((r) => r.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

/**
 * Once the server closed this browser's socket: if its session ended (logged out everywhere,
 * the account disabled), the app goes to /login now rather than at its next request. A server
 * that cannot be reached (restarting) ends nothing.
 */
export async function checkSessionStands(): Promise<void> {
  try {
    if ((await fetch('/api/sessions/me', { credentials: 'same-origin' })).status !== 401) return;
  } catch {
    return;
  }
  if (!(await refreshSession())) onSessionLost();
}

// Logging in (both steps), refreshing and logging out answer 401 for their own reasons.
function isSessionRoute(path: string): boolean {
  return path === '/sessions' || (path.startsWith('/sessions/') && path !== '/sessions/me');
}

/** The server (or the proxy before it) cannot be reached: said once, by the app's banner. */
const UNREACHABLE = 'unreachable';
const UNREACHABLE_TEXT = 'Pattern’s server cannot be reached. This page tries again by itself.';

export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && error.code === UNREACHABLE;
}

async function send(path: string, method: Method, body: unknown): Promise<Response> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers = { 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  try {
    return await fetch(`/api${path}`, init);
  } catch {
    throw new ApiError(0, UNREACHABLE, UNREACHABLE_TEXT); // "Failed to fetch" says nothing
  }
}

// What nginx answers while the server behind it is down or restarting.
const PROXY_DOWN = new Set([502, 503, 504]);

async function toError(response: Response): Promise<ApiError> {
  let code = PROXY_DOWN.has(response.status) ? UNREACHABLE : 'http_error';
  let message = `${response.status} ${response.statusText}`.trim();
  try {
    const payload = (await response.json()) as { error?: { code?: string; message?: string } };
    if (payload.error?.message) message = payload.error.message;
    if (payload.error?.code) code = payload.error.code;
  } catch {
    // not JSON: keep the status line
  }
  if (code === UNREACHABLE) message = UNREACHABLE_TEXT;
  return new ApiError(response.status, code, message);
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const method = options.method ?? 'GET';
  let response = await send(path, method, options.body);
  if (response.status === 401 && !isSessionRoute(path)) {
    if (await refreshSession()) {
      response = await send(path, method, options.body);
    }
    if (response.status === 401) {
      if (path !== '/sessions/me') onSessionLost();
      throw await toError(response);
    }
  }
  if (!response.ok) throw await toError(response);
  const text = response.status === 204 ? '' : await response.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>(path, options)).data;
}

/** A query string from a record; arrays repeat the key, empty values are left out. */
export function toQuery(params: Record<string, string | number | boolean | string[] | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => search.append(key, v));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

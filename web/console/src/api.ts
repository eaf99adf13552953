/**
 * The console's only way to the server: same-origin fetch with the session cookie, the CSRF
 * token echoed on every write, and errors turned into ApiError with the server's stable code
 * and, when it names one, the field it is about.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;
/** Called when a signed-in request answers 401: the session expired or was ended elsewhere. */
export const setOnSessionLost = (fn: (() => void) | null): void => {
  onSessionLost = fn;
};
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export async function api<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (files) goes as multipart with the boundary the browser sets.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: form ? body : JSON.stringify(body) } : {}), ...(signal ? { signal } : {}) });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code: string; message: string; field?: string } } | null;
  if (!res.ok) {
    const e = data?.error;
    // Only a console that believed it was signed in has lost a session (not the start-up prefetch).
    if (res.status === 401 && csrfToken && !path.startsWith('/api/v1/auth/')) onSessionLost?.();
    throw new ApiError(res.status, e?.code ?? 'internal', e?.message ?? res.statusText, e?.field);
  }
  return data as T;
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';

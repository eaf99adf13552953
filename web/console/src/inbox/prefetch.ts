import { api, withQuery } from '../api';
import { BASE } from '../router';
import type { InboxPage } from '../types';
import { filterParams, queryFromUrl } from './query';

export const PAGE_SIZE = 100;

export const firstPageUrl = (params: Record<string, string>): string => withQuery('/api/v1/inbox', { ...params, limit: PAGE_SIZE });

let prefetched: { url: string; page: Promise<InboxPage> } | null = null;

/**
 * Asks for the inbox's first page while the session check is still in flight, instead of after
 * it: on a cold start the two requests overlap. Without a session it simply fails like /auth/me.
 */
export function prefetchInbox(): void {
  const path = window.location.pathname.slice(BASE.length);
  if (!['', '/', '/inbox'].includes(path)) return;
  const query = queryFromUrl(new URLSearchParams(window.location.search));
  const url = firstPageUrl({ ...filterParams(query), view: query.view, sort: query.sort });
  const page = api<InboxPage>('GET', url);
  page.catch(() => undefined);
  prefetched = { url, page };
}

/** The prefetched page if it is the one asked for (used once); asked again if the prefetch failed (e.g. before sign-in). */
export function takePrefetched(url: string, signal: AbortSignal): Promise<InboxPage> | null {
  if (prefetched?.url !== url) return null;
  const { page } = prefetched;
  prefetched = null;
  return page.catch(() => api<InboxPage>('GET', url, undefined, signal));
}

import type { InboxFilters, InboxTicket, SortId, ViewId } from '../types';

/** What the inbox shows, kept in the URL so a deep link or a reload opens the same list. */
export interface InboxQuery extends InboxFilters {
  view: ViewId;
  sort: SortId;
}

const views: ViewId[] = ['mine', 'unassigned', 'my_teams', 'all'];
const filterKeys = ['status', 'priority', 'category', 'channel', 'locale', 'tag', 'q'] as const;

export function queryFromUrl(params: URLSearchParams): InboxQuery {
  const view = params.get('view') as ViewId | null;
  return {
    view: view && views.includes(view) ? view : 'mine',
    sort: params.get('sort') === 'priority' ? 'priority' : 'waiting',
    status: params.get('status') ?? 'unsolved',
    priority: params.get('priority') ?? '',
    category: params.get('category') ?? '',
    channel: params.get('channel') ?? '',
    locale: params.get('locale') ?? '',
    tag: params.get('tag') ?? '',
    q: params.get('q') ?? '',
  };
}

export function urlFromQuery(q: InboxQuery): string {
  const params = new URLSearchParams();
  params.set('view', q.view);
  if (q.sort !== 'waiting') params.set('sort', q.sort);
  for (const k of filterKeys) if (q[k] && !(k === 'status' && q[k] === 'unsolved')) params.set(k, q[k]);
  return `/inbox?${params.toString()}`;
}

/** The filters as API query parameters (no view, no sort): what the counts depend on. */
export function filterParams(q: InboxQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of filterKeys) if (q[k]) out[k] = q[k];
  return out;
}

export const hasFilters = (q: InboxQuery): boolean => filterKeys.some((k) => (k === 'status' ? q.status !== 'unsolved' : q[k] !== ''));

const rank: Record<InboxTicket['priority'], number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/** The server's order (inbox.ts): priority rank when sorting by priority, then last change, then id. */
export function compareTickets(sort: SortId, a: InboxTicket, b: InboxTicket): number {
  if (sort === 'priority' && rank[a.priority] !== rank[b.priority]) return rank[a.priority] - rank[b.priority];
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

let lastInbox = '/inbox';
/** Where "back to inbox" goes: the list as the agent last left it. */
export const lastInboxUrl = (): string => lastInbox;
export const rememberInboxUrl = (url: string): void => {
  lastInbox = url;
};

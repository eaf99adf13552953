import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../session';
import { BulkBar } from './BulkBar';
import { useI18n } from '../i18n';
import { useLiveEvents } from '../realtime/LiveProvider';
import { navigate } from '../router';
import type { ViewId } from '../types';
import { Filters } from './Filters';
import { SavedViews } from './SavedViews';
import { queryFromUrl, rememberInboxUrl, urlFromQuery, type InboxQuery } from './query';
import { TicketList } from './TicketList';
import { useInbox } from './useInbox';

/** The work queue: views with counts, search and filters, and the live, virtualised list. */
export function InboxPage({ params }: { params: URLSearchParams }) {
  const { t, label } = useI18n();
  const query = queryFromUrl(params);
  rememberInboxUrl(urlFromQuery(query));
  const data = useInbox(query);
  const { refreshTickets, resync } = data;
  useLiveEvents({ changed: (id) => refreshTickets([id]), resync });

  const change = useCallback((patch: Partial<InboxQuery>) => navigate(urlFromQuery({ ...query, ...patch }), { replace: !('view' in patch) }), [query]);
  const { state } = useSession();
  const canBulk = state.status === 'signedIn' && state.me.abilities.updateTickets === true;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const listKey = urlFromQuery(query);
  // Another list, another selection.
  useEffect(() => setSelected(new Set()), [listKey]);
  const toggle = useCallback((id: string) => setSelected((prev) => {
    const next = new Set(prev);
    if (!next.delete(id)) next.add(id);
    return next;
  }), []);
  const numberOf = (id: string) => data.rows.find((r) => r.id === id)?.number ?? id;

  const current = data.views?.views.find((v) => v.id === query.view);
  const total = current?.count ?? null;

  return (
    <div className="inbox">
      <nav className="views" aria-label={t('inbox.views')}>
        <ul>
          {(data.views?.views ?? []).map((v) => (
            <li key={v.id}>
              <a
                href={`/console${urlFromQuery({ ...query, view: v.id as ViewId })}`}
                aria-current={v.id === query.view ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  change({ view: v.id });
                }}
              >
                <span>{label('view', v.id)}</span>
                <span className="count">{v.count}</span>
              </a>
            </li>
          ))}
        </ul>
        <SavedViews query={query} />
      </nav>
      <section className="queue" aria-labelledby="inbox-title">
        <header className="queue-header">
          <h1 id="inbox-title">{label('view', query.view)}</h1>
          <p className="queue-count" role="status">
            {total === null ? t('app.loading') : total === 1 ? t('inbox.countOne') : t('inbox.count', { count: total })}
          </p>
        </header>
        <Filters query={query} views={data.views} onChange={change} />
        {data.error ? (
          <div className="form-error" role="alert">
            {data.error.code === 'network' ? t('error.network') : t('inbox.loadError', { message: data.error.message })}{' '}
            <button type="button" className="link" onClick={resync}>
              {t('app.retry')}
            </button>
          </div>
        ) : null}
        {!data.loading && !data.error && data.rows.length === 0 ? <p className="empty">{t('inbox.empty')}</p> : null}
        {data.loading && data.rows.length === 0 ? <p className="empty" aria-busy="true">{t('app.loading')}</p> : null}
        {canBulk && selected.size ? (
          <BulkBar
            ids={[...selected]}
            numberOf={numberOf}
            onClear={() => setSelected(new Set())}
            onDone={(changed) => refreshTickets(changed)}
          />
        ) : null}
        <TicketList
          rows={data.rows}
          hasMore={data.hasMore}
          loading={data.loading}
          onLoadMore={data.loadMore}
          total={total}
          {...(canBulk ? { selected, onToggle: toggle } : {})}
        />
      </section>
    </div>
  );
}

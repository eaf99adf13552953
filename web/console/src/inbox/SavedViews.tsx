import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import type { SortId, ViewId } from '../types';
import { urlFromQuery, type InboxQuery } from './query';

interface SavedView {
  id: string;
  name: string;
  view: ViewId;
  sort: SortId;
  filters: Partial<Record<'status' | 'priority' | 'category' | 'channel' | 'locale' | 'tag' | 'q', string>>;
}

const toQuery = (v: SavedView): InboxQuery => ({
  view: v.view, sort: v.sort, status: v.filters.status ?? 'unsolved', priority: v.filters.priority ?? '', category: v.filters.category ?? '',
  channel: v.filters.channel ?? '', locale: v.filters.locale ?? '', tag: v.filters.tag ?? '', q: v.filters.q ?? '',
});

/** The agent's own saved views (/api/v1/inbox/saved-views): open one, save the current list, delete. */
export function SavedViews({ query }: { query: InboxQuery }) {
  const { t } = useI18n();
  const [items, setItems] = useState<SavedView[]>([]);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const load = useCallback(() => {
    api<{ items: SavedView[] }>('GET', '/api/v1/inbox/saved-views').then((r) => setItems(r.items)).catch(() => undefined);
  }, []);
  useEffect(load, [load]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError(t('savedViews.nameRequired'));
    const filters = Object.fromEntries((['status', 'priority', 'category', 'channel', 'locale', 'tag', 'q'] as const).filter((k) => query[k]).map((k) => [k, query[k]]));
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/v1/inbox/saved-views', { name: name.trim(), view: query.view, sort: query.sort, filters });
      setName('');
      load();
    } catch (err) {
      const e2 = err instanceof ApiError ? err : null;
      setError(e2?.field === 'name' && e2.status === 409 ? t('savedViews.nameTaken') : e2?.code === 'network' || !e2 ? t('error.network') : e2.message);
    } finally {
      setBusy(false);
    }
  }

  const remove = (v: SavedView) => void api('DELETE', `/api/v1/inbox/saved-views/${v.id}`).then(load, () => undefined);

  return (
    <section className="saved-views" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('savedViews.title')}</h2>
      {items.length === 0 ? <p className="help">{t('savedViews.none')}</p> : null}
      <ul>
        {items.map((v) => (
          <li key={v.id}>
            <a
              href={`/console${urlFromQuery(toQuery(v))}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(urlFromQuery(toQuery(v)));
              }}
            >
              {v.name}
            </a>
            <button type="button" className="icon" aria-label={t('savedViews.delete', { name: v.name })} onClick={() => remove(v)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={save} noValidate>
        <label htmlFor={id}>{t('savedViews.name')}</label>
        <input id={id} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? t('savedViews.saving') : t('savedViews.save')}
        </button>
      </form>
    </section>
  );
}

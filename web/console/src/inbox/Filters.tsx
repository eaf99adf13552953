import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useShortcuts } from '../shell/shortcuts';
import { Select } from '../shell/Select';
import { isLocale, localeNames, useI18n } from '../i18n';
import type { InboxViews, SortId } from '../types';
import { hasFilters, type InboxQuery } from './query';

type Change = (patch: Partial<InboxQuery>) => void;

/** Search, filters and sort. The values each filter takes come from the server. */
export function Filters({ query, views, onChange }: { query: InboxQuery; views: InboxViews | null; onChange: Change }) {
  const { t, label } = useI18n();
  const [text, setText] = useState(query.q);
  useEffect(() => setText(query.q), [query.q]);
  const f = views?.filters;
  const opts = (values: string[] | undefined, prefix?: 'status' | 'priority' | 'category' | 'channel') =>
    (values ?? []).map((v) => ({ value: v, label: prefix ? label(prefix, v) : v }));
  const search = (e: FormEvent) => {
    e.preventDefault();
    onChange({ q: text.trim() });
  };
  const searchId = useId();
  const searchBox = useRef<HTMLInputElement>(null);
  useShortcuts({ '/': () => searchBox.current?.focus() });

  return (
    <div className="filters">
      <form role="search" className="search" onSubmit={search}>
        <label htmlFor={searchId} className="visually-hidden">
          {t('inbox.search')}
        </label>
        <input ref={searchBox} id={searchId} type="search" aria-keyshortcuts="/" value={text} placeholder={t('inbox.searchPlaceholder')} onChange={(e) => setText(e.target.value)} maxLength={200} />
        <button type="submit">{t('inbox.searchSubmit')}</button>
      </form>
      <div className="filter-row" role="group" aria-label={t('inbox.filters')}>
        <Select label={t('filter.status')} value={query.status} options={opts(f?.statuses, 'status')} onChange={(status) => onChange({ status })} any={false} />
        <Select label={t('filter.priority')} value={query.priority} options={opts(f?.priorities, 'priority')} onChange={(priority) => onChange({ priority })} />
        <Select label={t('filter.category')} value={query.category} options={opts(f?.categories, 'category')} onChange={(category) => onChange({ category })} />
        <Select label={t('filter.channel')} value={query.channel} options={opts(f?.channels, 'channel')} onChange={(channel) => onChange({ channel })} />
        <Select
          label={t('filter.language')}
          value={query.locale}
          options={(f?.locales ?? []).map((l) => ({ value: l, label: isLocale(l) ? localeNames[l] : l }))}
          onChange={(locale) => onChange({ locale })}
        />
        <Select label={t('filter.tag')} value={query.tag} options={opts(f?.tags && query.tag && !f.tags.includes(query.tag) ? [query.tag, ...f.tags] : f?.tags)} onChange={(tag) => onChange({ tag })} />
        <Select
          label={t('inbox.sort')}
          value={query.sort}
          options={(views?.sorts ?? ['waiting', 'priority']).map((s) => ({ value: s, label: label('sort', s) }))}
          onChange={(sort) => onChange({ sort: sort as SortId })}
          any={false}
        />
        {hasFilters(query) ? (
          <button type="button" className="link" onClick={() => onChange({ status: 'unsolved', priority: '', category: '', channel: '', locale: '', tag: '', q: '' })}>
            {t('inbox.clearFilters')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

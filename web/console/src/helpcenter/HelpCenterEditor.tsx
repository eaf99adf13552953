import { useState } from 'react';
import { withQuery } from '../api';
import { AdminTable, Loadable } from '../admin/fields';
import { useResource } from '../admin/useResource';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { Select } from '../shell/Select';
import { ArticleEditor } from './ArticleEditor';
import type { ArticleListItem } from './types';

const statuses = ['draft', 'published', 'archived'];

/** The help-center editor: every article (drafts included), then one article's translations. */
export function HelpCenterEditor({ slug }: { slug: string | null }) {
  if (slug) return <ArticleEditor key={slug} slug={slug} />;
  return <ArticleList />;
}

function ArticleList() {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const list = useResource<{ items: ArticleListItem[] }>(withQuery('/api/v1/kb/articles', { limit: 100, q: search, status }));
  return (
    <div>
      <h1>{t('admin.helpCenter')}</h1>
      <form
        className="form-row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <div className="filter">
          <label htmlFor="kb-q">{t('kb.search')}</label>
          <input id="kb-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <Select label={t('filter.status')} value={status} options={statuses.map((s) => ({ value: s, label: t(`kb.status.${s}` as 'kb.status.draft') }))} onChange={setStatus} />
      </form>
      <Loadable error={list.error} loading={list.loading} t={t} retry={list.reload}>
        {list.data && !list.data.items.length ? <p className="empty">{t('kb.none')}</p> : null}
        <AdminTable label={t('kb.articles')} columns={[t('kb.title'), t('filter.status'), t('replies.languages'), t('kb.views'), t('kb.updated')]}>
          {list.data?.items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <a
                  href={`/console/admin/help-center/${a.slug}`}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/admin/help-center/${a.slug}`);
                  }}
                >
                  {a.title}
                </a>
              </th>
              <td>{t(`kb.status.${a.status}`)}</td>
              <td>{a.locales.join(', ')}</td>
              <td>{a.viewCount}</td>
              <td>{new Date(a.updatedAt).toLocaleDateString(locale)}</td>
            </tr>
          ))}
        </AdminTable>
      </Loadable>
    </div>
  );
}

import { useState } from 'react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { navigate } from '../router';
import { Select } from '../shell/Select';
import { AdminTable, Loadable } from './fields';
import { useRowAction } from './useEditing';
import { useResource } from './useResource';

type Gap =
  | { kind: 'search'; locale: string; query: string; count: number; lastAt: string }
  | { kind: 'unhelpful'; articleId: string; slug: string; title: string; locale: string; count: number; helpful: number; comments: string[]; lastAt: string };

const helpLocales = ['zh-CN', 'en', 'ko', 'ja', 'ru', 'es', 'pt'];

/** What readers ask that the help center does not answer: searches without a result, articles voted unhelpful. */
export function ContentGaps() {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState('');
  const gaps = useResource<{ items: Gap[]; indexedArticles: number }>(`/api/v1/kb/content-gaps?limit=200${filter ? `&locale=${filter}` : ''}`);
  const action = useRowAction(gaps.reload);
  const error = action.error;
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale);

  const dismiss = (gap: Extract<Gap, { kind: 'search' }>) => action.run(() => api('POST', '/api/v1/kb/content-gaps/dismiss', { locale: gap.locale, query: gap.query }));

  return (
    <div>
      <h1>{t('admin.contentGaps')}</h1>
      <p className="help">{t('gaps.help')}</p>
      <Select label={t('filter.language')} value={filter} options={helpLocales.map((l) => ({ value: l, label: l }))} onChange={setFilter} />
      {error ? <p className="form-error" role="alert">{error}</p> : null}
      <Loadable error={gaps.error} loading={gaps.loading} t={t} retry={gaps.reload}>
        {gaps.data && !gaps.data.items.length ? <p className="empty">{t('gaps.none')}</p> : null}
        <AdminTable label={t('admin.contentGaps')} columns={[t('gaps.what'), t('filter.language'), t('gaps.count'), t('gaps.last'), t('board.col.actions')]}>
            {gaps.data?.items.map((g) =>
              g.kind === 'search' ? (
                <tr key={`s|${g.locale}|${g.query}`}>
                  <th scope="row">
                    <span className="badge">{t('gaps.search')}</span> {g.query}
                  </th>
                  <td>{g.locale}</td>
                  <td>{g.count}</td>
                  <td>{date(g.lastAt)}</td>
                  <td>
                    <button type="button" onClick={() => void dismiss(g)} aria-label={t('gaps.dismissNamed', { query: g.query })}>
                      {t('gaps.dismiss')}
                    </button>
                  </td>
                </tr>
              ) : (
                <tr key={`a|${g.articleId}|${g.locale}`}>
                  <th scope="row">
                    <span className="badge">{t('gaps.unhelpful')}</span> {g.title}
                    {g.comments.length ? (
                      <ul className="gap-comments">
                        {g.comments.map((c, i) => (
                          <li key={i}>{c}</li>
                        ))}
                      </ul>
                    ) : null}
                  </th>
                  <td>{g.locale}</td>
                  <td>{t('gaps.votes', { unhelpful: g.count, helpful: g.helpful })}</td>
                  <td>{date(g.lastAt)}</td>
                  <td>
                    <a
                      href={`/console/admin/help-center/${g.slug}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/admin/help-center/${g.slug}`);
                      }}
                    >
                      {t('gaps.edit')}
                    </a>
                  </td>
                </tr>
              ),
            )}
        </AdminTable>
      </Loadable>
    </div>
  );
}

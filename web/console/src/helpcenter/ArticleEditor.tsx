import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { FormActions, FormError, Loadable, serverErrors, TextAreaField, type Errors } from '../admin/fields';
import { useResource } from '../admin/useResource';
import { localeNames, useI18n, type Locale } from '../i18n';
import { Field } from '../login/Field';
import { navigate } from '../router';
import { Select } from '../shell/Select';
import { Preview } from './Preview';
import type { EditorArticle, Translation } from './types';

const editorLocales: Locale[] = ['zh-CN', 'en', 'ko'];
const blank = (locale: string): Translation => ({ locale, title: '', summary: '', body: '', tags: [], versionId: null, url: null });

/**
 * One article: pick a translation (or start a missing one), edit it with the server's preview,
 * save (a new version; a newer save by someone else is refused, not overwritten) and publish.
 */
export function ArticleEditor({ slug }: { slug: string }) {
  const { t, locale: uiLocale } = useI18n();
  const article = useResource<EditorArticle>(`/api/v1/kb/articles/${encodeURIComponent(slug)}`);
  const [locale, setLocale] = useState<string>(uiLocale);
  const [notice, setNotice] = useState<string | null>(null);
  const [publishError, setPublishError] = useState<string | null>(null);
  const data = article.data;
  const translation = data?.translations.find((x) => x.locale === locale) ?? blank(locale);

  async function publish() {
    setPublishError(null);
    try {
      await api('POST', `/api/v1/kb/articles/${encodeURIComponent(slug)}/status`, { status: 'published' });
      setNotice(t('kb.published'));
      article.reload();
    } catch (err) {
      setPublishError(serverErrors(err, t, []).form ?? null);
    }
  }

  const locales = [...new Set([...editorLocales, ...(data?.translations.map((x) => x.locale) ?? [])])];
  return (
    <div className="editor">
      <a
        className="back"
        href="/console/admin/help-center"
        onClick={(e) => {
          e.preventDefault();
          navigate('/admin/help-center');
        }}
      >
        ← {t('kb.articles')}
      </a>
      <Loadable error={article.error} loading={article.loading} t={t} retry={article.reload}>
        {data ? (
          <>
            <h1>{data.translations.find((x) => x.locale === locale)?.title ?? slug}</h1>
            <p className="help">
              {t(`kb.status.${data.status}`)} · /{data.slug}
              {translation.url ? (
                <>
                  {' · '}
                  <a href={translation.url} target="_blank" rel="noreferrer noopener">
                    {t('kb.openPublic')}
                  </a>
                </>
              ) : null}
            </p>
            {notice ? <p className="notice" role="status">{notice}</p> : null}
            {publishError ? <p className="form-error" role="alert">{publishError}</p> : null}
            <Select
              label={t('kb.translation')}
              value={locale}
              any={false}
              options={locales.map((l) => ({ value: l, label: `${localeNames[l as Locale] ?? l}${data.translations.some((x) => x.locale === l) ? '' : ` (${t('kb.missing')})`}` }))}
              onChange={setLocale}
            />
            <TranslationForm
              key={`${locale}|${translation.versionId}`}
              slug={slug}
              translation={translation}
              onSaved={(changed) => {
                setNotice(changed ? t('kb.saved') : t('kb.unchanged'));
                article.reload();
              }}
              onConflict={() => article.reload()}
            />
            {data.abilities.publishArticles && data.status !== 'published' ? (
              <button type="button" className="primary narrow" onClick={() => void publish()}>
                {t('kb.publish')}
              </button>
            ) : null}
          </>
        ) : null}
      </Loadable>
    </div>
  );
}

function TranslationForm({ slug, translation, onSaved, onConflict }: { slug: string; translation: Translation; onSaved(changed: boolean): void; onConflict(): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState(translation.title);
  const [summary, setSummary] = useState(translation.summary);
  const [body, setBody] = useState(translation.body);
  const [tags, setTags] = useState(translation.tags.join(', '));
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<{ html: string } | { error: string } | null>(null);

  // The preview follows the text (debounced), rendered by the server exactly as the public page.
  useEffect(() => {
    const ctl = new AbortController();
    const timer = window.setTimeout(() => {
      api<{ html: string }>('POST', '/api/v1/kb/preview', { body }, ctl.signal).then(setPreview, (err: unknown) => {
        if (!ctl.signal.aborted) setPreview({ error: err instanceof ApiError ? err.message : t('error.network') });
      });
    }, 300);
    return () => {
      window.clearTimeout(timer);
      ctl.abort();
    };
  }, [body, t]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {};
    if (!title.trim()) found.title = t('kb.titleRequired');
    if (!summary.trim()) found.summary = t('kb.summaryRequired');
    else if (summary.trim().length > 500) found.summary = t('kb.summaryTooLong');
    if (!body.trim()) found.body = t('kb.bodyRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const words = tags.split(',').map((s) => s.trim()).filter(Boolean);
      const r = await api<{ changed: boolean }>('PUT', `/api/v1/kb/articles/${encodeURIComponent(slug)}/translations/${translation.locale}`, {
        title: title.trim(), summary: summary.trim(), body, tags: words, baseVersionId: translation.versionId,
      });
      onSaved(r.changed);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') {
        setErrors({ form: t('kb.conflict') });
        onConflict();
      } else setErrors(serverErrors(err, t, ['title', 'summary', 'body', 'tags']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="article-edit">
      <form className="admin-form" onSubmit={submit} noValidate aria-label={t('kb.editTranslation', { language: localeNames[translation.locale as Locale] ?? translation.locale })}>
        <FormError errors={errors} />
        <Field label={t('kb.title')} lang={translation.locale} value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
        <TextAreaField label={t('kb.summary')} lang={translation.locale} rows={2} value={summary} onChange={(e) => setSummary(e.target.value)} error={errors.summary} />
        <TextAreaField label={t('kb.body')} lang={translation.locale} rows={16} value={body} onChange={(e) => setBody(e.target.value)} error={errors.body} spellCheck={false} />
        <Field label={t('kb.tags')} value={tags} onChange={(e) => setTags(e.target.value)} error={errors.tags} />
        <FormActions busy={busy} save={t('kb.save')} busyLabel={t('ticket.saving')} />
      </form>
      <section className="preview-pane" aria-labelledby="kb-preview">
        <h2 id="kb-preview">{t('kb.preview')}</h2>
        {!preview ? <p className="page-loading" aria-busy="true">{t('app.loading')}</p> : 'error' in preview ? <p className="form-error" role="alert">{preview.error}</p> : <Preview html={preview.html} label={t('kb.preview')} />}
      </section>
    </div>
  );
}

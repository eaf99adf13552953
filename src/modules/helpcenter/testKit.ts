import type { TestApp } from '../../../test/harness.js';

/** Helpers shared by the help-center tests: a taxonomy and articles made through the editing API. */
export type Headers = Record<string, string>;

export async function createTaxonomy(t: TestApp, headers: Headers, category = 'deposit', section = 'deposit-guide'): Promise<void> {
  const c = await t.http.inject({
    method: 'PUT', url: `/api/v1/kb/categories/${category}`, headers,
    payload: { labels: { en: { title: 'Deposits', description: 'Networks, memos and missing deposits.' }, 'zh-CN': { title: '充币' }, ko: { title: '입금' } } },
  });
  if (c.statusCode >= 300) throw new Error(`category: ${c.body}`);
  const s = await t.http.inject({
    method: 'PUT', url: `/api/v1/kb/sections/${section}`, headers,
    payload: { category, labels: { en: { title: 'How to deposit' }, 'zh-CN': { title: '充币指南' }, ko: { title: '입금 안내' } } },
  });
  if (s.statusCode >= 300) throw new Error(`section: ${s.body}`);
}

export const memoArticle = {
  slug: 'deposit-missing-memo',
  section: 'deposit-guide',
  locale: 'en',
  title: 'Deposited XRP without a memo',
  summary: 'XRP, EOS and TON deposits need the memo (tag) shown on the deposit page; without it we cannot tell whose deposit it is.',
  body: '## Why the memo matters\n\nExchanges share one address for many users. The **memo** says which account is yours.\n\n1. Find the TxID.\n2. Open a ticket with the TxID and your UID.',
  tags: ['memo', 'tag', 'destination tag'],
};

/** Creates (and optionally publishes) an article through the API; returns its editor JSON. */
export async function createArticle(t: TestApp, headers: Headers, overrides: Record<string, unknown> = {}, publish = true) {
  const created = await t.http.inject({ method: 'POST', url: '/api/v1/kb/articles', headers, payload: { ...memoArticle, ...overrides } });
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const article = created.json();
  if (publish) {
    const published = await t.http.inject({ method: 'POST', url: `/api/v1/kb/articles/${article.id}/status`, headers, payload: { status: 'published' } });
    if (published.statusCode !== 200) throw new Error(`publish: ${published.body}`);
  }
  await t.ctx.relay.drain();
  return article as { id: string; slug: string; translations: { locale: string; versionId: string }[] };
}

export async function searchSlugs(t: TestApp, q: string, locale = 'en'): Promise<string[]> {
  const res = await t.http.inject({ url: `/api/v1/help/search?q=${encodeURIComponent(q)}&locale=${locale}` });
  if (res.statusCode !== 200) throw new Error(`search: ${res.body}`);
  return (res.json().items as { slug: string }[]).map((h) => h.slug);
}

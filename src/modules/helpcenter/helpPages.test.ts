import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken, createCustomer, createSession } from '../../../test/factories.js';
import { helpCenterOf } from './index.js';
import { createArticle, type Headers } from './testKit.js';

/**
 * The public help-center pages over the seeded content (63 articles in en, zh-CN and ko) plus
 * articles made through the editing API: drafts, archived ones and hostile text.
 */
const ORIGIN = 'https://support.example.test';

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

const linksIn = (body: string, rel: string) => [...body.matchAll(new RegExp(`<link rel="${rel}"[^>]*>`, 'g'))].map((m) => m[0]);

describe('help-center pages', () => {
  let t: TestApp;
  let editor: Headers;
  const get = (url: string, extra: { headers?: Record<string, string>; cookies?: Record<string, string> } = {}) => t.http.inject({ url, ...extra });
  const setStatus = (id: string, status: string) => t.http.inject({ method: 'POST', url: `/api/v1/kb/articles/${id}/status`, headers: editor, payload: { status } });

  before(async () => {
    // A trailing slash in PUBLIC_URL must not double up in canonical links.
    t = await createTestApp({ SEED_HELP_CENTER: 'true', PUBLIC_URL: `${ORIGIN}/` });
    editor = (await agentWithToken(t.ctx, 'supervisor')).headers;
  });
  after(() => t.close());

  it('/help redirects to the reader\'s language: remembered choice, then Accept-Language, then English', async () => {
    const cases: [Record<string, string>, Record<string, string>, string][] = [
      [{ 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' }, {}, '/help/ko'],
      [{ 'accept-language': 'zh-TW,zh;q=0.9' }, {}, '/help/zh-CN'],
      [{ 'accept-language': 'fr-FR' }, {}, '/help/en'],
      [{ 'accept-language': 'en' }, { ld_lang: 'ko' }, '/help/ko'],
    ];
    for (const [headers, cookies, location] of cases) {
      const res = await get('/help', { headers, cookies });
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, location, JSON.stringify(headers));
    }
  });

  it('home: search box, categories with counts, top questions, most viewed, announcements and the pinned alert', async () => {
    const res = await get('/help/ko');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/html; charset=utf-8/);
    assert.match(res.body, /<html lang="ko">/);
    assert.match(res.body, /<title>자주 묻는 질문 및 이용 안내 · 고객센터<\/title>/);
    assert.ok(res.body.includes('<form class="help-search" role="search" method="get" action="/help/ko/search">'));
    assert.ok(res.body.includes('data-suggest="/api/v1/help/suggest" data-locale="ko"'));
    assert.match(res.body, /href="\/help\/ko\/categories\/deposit">\s*<h3>입금<\/h3>\s*<p>입금 방법, 네트워크와 메모\(태그\)/);
    assert.match(res.body, /<p class="count">도움말 \d+개<\/p>/);
    for (const heading of ['많이 묻는 질문', '많이 본 도움말', '최신 공지사항']) assert.ok(res.body.includes(`>${heading}</h2>`), heading);
    assert.ok(res.body.includes('href="/help/ko/articles/deposit-not-credited"'), 'a curated top question');
    assert.ok(res.body.includes('href="/help/ko/articles/scheduled-system-maintenance-notice"'), 'an announcement');
    assert.match(res.body, /<section class="help-notices"[^>]*>.*보안 경고.*security-alert-telegram-impersonation/s);
    // The help nav entry is current; the language switcher stays on the help center.
    assert.ok(res.body.includes('<a href="/help/ko" aria-current="page">자주 묻는 질문</a>'));
    assert.ok(res.body.includes('<a href="/help/zh-CN" lang="zh-CN" hreflang="zh-CN">中文</a>'));
    assert.ok(!res.body.includes('?lang='), 'no ?lang= links on help pages');
  });

  it('home SEO: absolute canonical, hreflang per language plus x-default, description from the categories, Open Graph', async () => {
    const res = await get('/help/en');
    assert.deepEqual(linksIn(res.body, 'canonical'), [`<link rel="canonical" href="${ORIGIN}/help/en">`]);
    assert.deepEqual(linksIn(res.body, 'alternate'), [
      `<link rel="alternate" hreflang="zh-CN" href="${ORIGIN}/help/zh-CN">`,
      `<link rel="alternate" hreflang="en" href="${ORIGIN}/help/en">`,
      `<link rel="alternate" hreflang="ko" href="${ORIGIN}/help/ko">`,
      `<link rel="alternate" hreflang="x-default" href="${ORIGIN}/help/en">`,
    ]);
    assert.match(res.body, /<meta name="description" content="Sign-up, identity verification \(KYC\)[^"]*How to deposit/);
    assert.match(res.body, /<meta property="og:title" content="Help center: guides and answers">/);
    assert.match(res.body, new RegExp(`<meta property="og:url" content="${ORIGIN}/help/en">`));
    // A content language without translations yet: English page chrome, canonical in English.
    const ja = await get('/help/ja');
    assert.equal(ja.statusCode, 200);
    assert.match(ja.body, /<html lang="en">/);
    assert.deepEqual(linksIn(ja.body, 'canonical'), [`<link rel="canonical" href="${ORIGIN}/help/en">`]);
  });

  it('category: breadcrumbs, sections with their published articles, SEO head', async () => {
    const res = await get('/help/zh-CN/categories/deposit');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="zh-CN">/);
    assert.match(res.body, /<title>充币 · 帮助中心<\/title>/);
    assert.match(res.body, /<nav class="breadcrumbs"[^>]*><ol><li><a href="\/help\/zh-CN">常见问题<\/a><\/li><li aria-current="page">充币<\/li><\/ol><\/nav>/);
    assert.match(res.body, /<section class="help-section" id="s-deposit-guide"[^>]*>\s*<h2[^>]*>充币指南<\/h2>/);
    assert.match(res.body, /<section class="help-section" id="s-deposit-not-credited"[^>]*>\s*<h2[^>]*>充币未到账<\/h2>/);
    assert.ok(res.body.includes('href="/help/zh-CN/articles/deposit-missing-memo"'));
    assert.ok(!res.body.includes('withdraw-crypto-guide'), 'only this category\'s articles');
    assert.deepEqual(linksIn(res.body, 'canonical'), [`<link rel="canonical" href="${ORIGIN}/help/zh-CN/categories/deposit">`]);
    assert.equal(linksIn(res.body, 'alternate').length, 4);
    assert.match(res.body, /<meta name="description" content="如何充币、网络与标签/);
  });

  it('article: breadcrumbs, updated date, rendered body, related articles, feedback form, way to a person; counts the view', async () => {
    const before = await t.ctx.db.selectFrom('articles').select(['id', 'view_count']).where('slug', '=', 'deposit-not-credited').executeTakeFirstOrThrow();
    const res = await get('/help/en/articles/deposit-not-credited');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="en">/);
    assert.match(res.body, /<title>Deposit not credited\? A step-by-step checklist · Help Center<\/title>/);
    assert.ok(res.body.includes('<li><a href="/help/en/categories/deposit">Deposits</a></li><li><a href="/help/en/categories/deposit#s-deposit-not-credited">Deposit not credited</a></li>'));
    assert.match(res.body, /<article class="help-article" lang="en">\s*<h1>Deposit not credited\? A step-by-step checklist<\/h1>/);
    assert.match(res.body, /Updated <time datetime="[^"]+" data-local>[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{2}:\d{2} UTC<\/time>/);
    assert.ok(res.body.includes('<h2>2. Check the TxID on a block explorer</h2>'), 'Markdown is rendered');
    assert.ok(res.body.includes('<div class="table-scroll"><table>'), 'tables scroll on phones');
    assert.match(res.body, /<section class="related"[^>]*>.*href="\/help\/en\/articles\/deposit-confirmations"/s);
    assert.ok(res.body.includes('<form method="post" action="/help/en/articles/deposit-not-credited/feedback">'));
    assert.ok(res.body.includes('name="helpful" value="yes"') && res.body.includes('name="helpful" value="no"'));
    assert.ok(!res.body.includes('name="_csrf"'), 'anonymous readers need no token (and keep the page cacheable)');
    assert.ok(res.body.includes('href="/tickets/new?lang=en"') && res.body.includes('href="/help/en/articles/contact-support"'));
    assert.deepEqual(linksIn(res.body, 'canonical'), [`<link rel="canonical" href="${ORIGIN}/help/en/articles/deposit-not-credited">`]);
    assert.deepEqual(linksIn(res.body, 'alternate').map((l) => /hreflang="([^"]+)"/.exec(l)![1]).sort(), ['en', 'ko', 'x-default', 'zh-CN']);
    assert.match(res.body, /<meta name="description" content="Your deposit has not arrived\? Check the TxID/);
    assert.match(res.body, /<meta property="og:type" content="article">/);

    await helpCenterOf(t.ctx).views.flush();
    const after = await t.ctx.db.selectFrom('articles').select('view_count').where('id', '=', before.id).executeTakeFirstOrThrow();
    assert.equal(after.view_count, before.view_count + 1);

    const ko = await get('/help/ko/articles/deposit-not-credited');
    assert.match(ko.body, /<html lang="ko">/);
    assert.ok(ko.body.includes('업데이트: <time'));
    assert.ok(!ko.body.includes('notice-warning'), 'no fallback notice when the translation exists');
  });

  it('article without a translation in the URL language: the fallback text with its lang, a notice, canonical to the original', async () => {
    await createArticle(t, editor, { slug: 'only-in-english', section: 'deposit-guide', title: 'Only written in English', summary: 'An English-only guide.' });
    const res = await get('/help/ko/articles/only-in-english');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<html lang="ko">/);
    assert.match(res.body, /<article class="help-article" lang="en">\s*<h1>Only written in English<\/h1>/);
    assert.ok(res.body.includes('이 도움말은 아직 한국어 버전이 없어 English 버전으로 보여 드립니다.'));
    assert.deepEqual(linksIn(res.body, 'canonical'), [`<link rel="canonical" href="${ORIGIN}/help/en/articles/only-in-english">`]);
    assert.deepEqual(linksIn(res.body, 'alternate'), [
      `<link rel="alternate" hreflang="en" href="${ORIGIN}/help/en/articles/only-in-english">`,
      `<link rel="alternate" hreflang="x-default" href="${ORIGIN}/help/en/articles/only-in-english">`,
    ]);
  });

  it('search: highlighted results and a count; nothing found suggests top questions and a request, and is a content gap', async () => {
    const found = await get('/help/en/search?q=memo');
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /<p class="result-count" role="status">\d+ results for “memo”<\/p>/);
    assert.match(found.body, /<a class="result-title" href="\/help\/en\/articles\/deposit-missing-memo">[^<]*<mark>/);
    assert.ok(found.body.includes('<input id="help-q" name="q" type="search" value="memo"'));
    assert.match(found.body, /<meta name="robots" content="noindex, follow">/);

    const gap = 'qzxvortplam';
    const none = await get(`/help/ko/search?q=${gap}`);
    assert.equal(none.statusCode, 200);
    assert.ok(none.body.includes(`‘${gap}’에 대한 검색 결과가 없습니다.`));
    assert.ok(none.body.includes('>많이 묻는 질문</h2>') && none.body.includes('href="/help/ko/articles/deposit-not-credited"'));
    assert.ok(none.body.includes('href="/tickets/new?lang=ko"'));
    const row = await t.ctx.db.selectFrom('search_gaps').selectAll().where('query', '=', gap).executeTakeFirst();
    assert.equal(row?.locale, 'ko');
    assert.equal(row?.count, 1);

    const empty = await get('/help/en/search');
    assert.equal(empty.statusCode, 200);
    assert.ok(!empty.body.includes('result-count') && !empty.body.includes('no-results'));
    assert.ok(empty.body.includes('Type a question or a few keywords'));
    const long = await get(`/help/en/search?q=${'withdrawal '.repeat(120)}`);
    assert.equal(long.statusCode, 200, 'a long query is cut by search, not refused');
  });

  it('unknown language, article, category or path: the localized HTML 404 page, never JSON', async () => {
    const language = await get('/help/fr', { headers: { 'accept-language': 'ko' } });
    assert.equal(language.statusCode, 404);
    assert.match(language.headers['content-type'] as string, /^text\/html/);
    assert.ok(language.body.includes('지원하지 않는 언어입니다') && language.body.includes('href="/help/zh-CN"'));
    assert.equal((await get('/help/fr/articles/deposit-not-credited')).statusCode, 404);

    for (const url of ['/help/zh-CN/articles/no-such-article', '/help/zh-CN/categories/no-such-category', '/help/zh-CN/nothing/here']) {
      const res = await get(url, { headers: { 'accept-language': 'en' } });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.headers['content-type'] as string, /^text\/html/, url);
      assert.match(res.body, /<html lang="zh-CN">/, url);
      assert.ok(res.body.includes('找不到该页面'), url);
      assert.equal(res.headers['cache-control'], 'no-store');
    }
    const slash = await get('/help/en/');
    assert.equal(slash.statusCode, 301);
    assert.equal(slash.headers.location, '/help/en');
  });

  it('headers: strict CSP allowing outside images and the video players, no framing; cached only for anonymous readers', async () => {
    for (const url of ['/help/en', '/help/en/categories/deposit', '/help/en/articles/deposit-not-credited', '/help/en/search?q=kyc', '/help/en/articles/nope']) {
      const res = await get(url);
      const csp = res.headers['content-security-policy'] as string;
      assert.match(csp, /default-src 'none'/, url);
      assert.match(csp, /script-src 'self'(;|$)/, url);
      assert.match(csp, /img-src 'self' data: https:(;|$)/, url);
      assert.match(csp, /media-src 'self' https:(;|$)/, url);
      assert.match(csp, /frame-src https:\/\/www\.youtube-nocookie\.com https:\/\/player\.bilibili\.com https:\/\/player\.vimeo\.com(;|$)/, url);
      assert.match(csp, /frame-ancestors 'none'/, url);
      assert.equal(res.headers['x-frame-options'], 'DENY', url);
      assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', url);
      assert.match(res.body, /<meta name="referrer" content="strict-origin-when-cross-origin">/, url);
      assert.doesNotMatch(res.body, /<script(?![^>]*\ssrc=)[^>]*>/, `${url} has an inline script`);
      assert.doesNotMatch(res.body, /\sstyle="|\son[a-z]+="/, `${url} has inline style or handlers`);
    }
    const anonymous = await get('/help/en/articles/deposit-not-credited');
    assert.equal(anonymous.headers['cache-control'], 'public, max-age=60');
    assert.equal(anonymous.headers.vary, 'Cookie');

    const customer = await createCustomer(t.ctx);
    const session = await createSession(t.ctx, { type: 'customer', id: customer.id });
    const signedIn = await get('/help/en/articles/deposit-not-credited', { cookies: session.cookies });
    assert.equal(signedIn.headers['cache-control'], 'no-store');
    assert.ok(signedIn.body.includes(`<input type="hidden" name="_csrf" value="${session.headers['x-csrf-token']}">`));

    // The portal keeps its own stricter headers and ?lang= switcher, and links to the help center.
    const portal = await get('/tickets/new');
    assert.equal(portal.headers['referrer-policy'], 'no-referrer');
    assert.equal(portal.headers['cache-control'], 'no-store');
    assert.doesNotMatch(portal.headers['content-security-policy'] as string, /frame-src|https:/);
    assert.ok(portal.body.includes('<a href="/help/en">Help center</a>') && portal.body.includes('href="/tickets/new?lang=ko"'));
  });

  it('feedback works without JavaScript: form POST → 303 back to the article with a thank-you; voting again replaces the vote', async () => {
    const article = await t.ctx.db.selectFrom('articles').select('id').where('slug', '=', 'withdrawal-fees').executeTakeFirstOrThrow();
    const votes = () => t.ctx.db.selectFrom('article_feedback').selectAll().where('article_id', '=', article.id).execute();
    const vote = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      t.http.inject({ method: 'POST', url: '/help/ko/articles/withdrawal-fees/feedback', ...form(fields), headers: { ...form(fields).headers, 'user-agent': 'feedback-test', ...headers } });

    const res = await vote({ helpful: 'no', comment: 'Fee for TRC20 is missing', locale: 'ko' });
    assert.equal(res.statusCode, 303, res.body);
    assert.equal(res.headers.location, '/help/ko/articles/withdrawal-fees?feedback=sent#feedback');
    let rows = await votes();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.helpful, 0);
    assert.equal(rows[0]!.comment, 'Fee for TRC20 is missing');
    assert.equal(rows[0]!.locale, 'ko');

    const thanks = await get('/help/ko/articles/withdrawal-fees?feedback=sent');
    assert.ok(thanks.body.includes('소중한 의견 감사합니다.'));
    assert.ok(!thanks.body.includes('name="helpful"'));

    assert.equal((await vote({ helpful: 'yes' })).statusCode, 303);
    rows = await votes();
    assert.equal(rows.length, 1, 'the same reader changes their vote');
    assert.equal(rows[0]!.helpful, 1);

    const bad = await vote({ helpful: 'maybe' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers['content-type'] as string, /^text\/html/);
    const missing = await t.http.inject({ method: 'POST', url: '/help/en/articles/no-such-article/feedback', ...form({ helpful: 'yes' }) });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.headers['content-type'] as string, /^text\/html/);
  });

  it('feedback from a signed-in reader must carry the form token', async () => {
    const customer = await createCustomer(t.ctx);
    const session = await createSession(t.ctx, { type: 'customer', id: customer.id });
    const post = (fields: Record<string, string>) =>
      t.http.inject({ method: 'POST', url: '/help/en/articles/vip-levels/feedback', cookies: session.cookies, ...form(fields) });
    const forged = await post({ helpful: 'yes' });
    assert.equal(forged.statusCode, 403);
    assert.match(forged.headers['content-type'] as string, /^text\/html/);
    assert.ok(forged.body.includes('This page has expired'));
    assert.equal((await post({ helpful: 'yes', _csrf: 'wrong' })).statusCode, 403);
    const ok = await post({ helpful: 'yes', _csrf: session.headers['x-csrf-token'] });
    assert.equal(ok.statusCode, 303);
    const article = await t.ctx.db.selectFrom('articles').select('id').where('slug', '=', 'vip-levels').executeTakeFirstOrThrow();
    const rows = await t.ctx.db.selectFrom('article_feedback').select('helpful').where('article_id', '=', article.id).execute();
    assert.deepEqual(rows, [{ helpful: 1 }]);
  });

  it('too many votes or searches: a localized 429 page with Retry-After; the search limit is shared with the API', async () => {
    const vote = () => t.http.inject({ method: 'POST', url: '/help/ko/articles/kyc-review-time/feedback', ...form({ helpful: 'yes' }), remoteAddress: '198.51.100.7' });
    let status = 0;
    for (let i = 0; i < 21 && status !== 429; i++) status = (await vote()).statusCode;
    assert.equal(status, 429);
    const voted = await vote();
    assert.match(voted.headers['content-type'] as string, /^text\/html/);
    assert.ok(voted.body.includes('요청이 너무 많습니다'));
    assert.ok(Number(voted.headers['retry-after']) > 0);

    const client = { remoteAddress: '198.51.100.8' };
    for (let i = 0; i < 600; i++) assert.equal((await t.http.inject({ url: '/api/v1/help/suggest?q=de&locale=en', ...client })).statusCode, 200);
    const searched = await t.http.inject({ url: '/help/en/search?q=deposit', ...client });
    assert.equal(searched.statusCode, 429);
    assert.ok(searched.body.includes('Too many attempts') && Number(searched.headers['retry-after']) > 0);
    assert.equal((await t.http.inject({ url: '/help/en/search', ...client })).statusCode, 200, 'the empty search page is not a search');
    assert.equal((await t.http.inject({ url: '/help/en/search?q=deposit', remoteAddress: '198.51.100.9' })).statusCode, 200, 'other readers are unaffected');
  });

  it('drafts and archived articles appear on no page, in no list, search, related list or sitemap', async () => {
    const word = 'vexillumtopic';
    const draft = await createArticle(t, editor, { slug: 'lab-draft', section: 'deposit-guide', title: `Draft ${word}`, kind: 'announcement', pinned: true, topPosition: 0 }, false);
    const retired = await createArticle(t, editor, { slug: 'lab-retired', section: 'deposit-guide', title: `Retired ${word}`, kind: 'announcement', pinned: true, topPosition: 0 });
    await createArticle(t, editor, { slug: 'lab-pointer', section: 'deposit-guide', title: 'Points at others', related: ['lab-retired', 'lab-draft', 'deposit-crypto-guide'] });

    const pages = ['/help/en', '/help/en/categories/deposit', '/help/en/articles/lab-pointer', `/help/en/search?q=${word}`, '/help/en/articles/deposit-crypto-guide', '/sitemap.xml'];
    const contents = async () => Promise.all(pages.map(async (url) => (await get(url)).body));
    // While it is published the retired article is everywhere: the checks below can fail.
    for (const [i, body] of (await contents()).entries()) assert.ok(body.includes('lab-retired'), `published article on ${pages[i]}`);

    assert.equal((await setStatus(retired.id, 'archived')).statusCode, 200);
    await t.ctx.relay.drain();
    for (const [i, body] of (await contents()).entries()) {
      assert.ok(!body.includes('lab-retired') && !body.includes('lab-draft') && !body.includes(`Retired ${word}`), `hidden on ${pages[i]}`);
    }
    assert.ok((await get(`/help/en/search?q=${word}`)).body.includes('class="card no-results"'));
    const pointer = await get('/help/en/articles/lab-pointer');
    assert.ok(pointer.body.includes('href="/help/en/articles/deposit-crypto-guide"'), 'published related articles still shown');
    for (const slug of ['lab-draft', 'lab-retired']) {
      for (const locale of ['en', 'ko', 'zh-CN']) assert.equal((await get(`/help/${locale}/articles/${slug}`)).statusCode, 404, `${locale} ${slug}`);
    }
    const feedback = await t.http.inject({ method: 'POST', url: `/help/en/articles/lab-draft/feedback`, ...form({ helpful: 'yes' }) });
    assert.equal(feedback.statusCode, 404);
    assert.ok(draft.id);
  });

  it('sitemap.xml lists every published article per language with alternates and lastmod, plus home and categories; robots.txt points at it', async () => {
    const res = await get('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^application\/xml/);
    assert.match(res.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9" xmlns:xhtml="http:\/\/www.w3.org\/1999\/xhtml">/);
    const urls = [...res.body.matchAll(/<url><loc>([^<]+)<\/loc>(.*?)<\/url>/g)].map((m) => ({ loc: m[1]!, rest: m[2]! }));
    const published = await t.ctx.db.selectFrom('articles').select('slug').where('status', '=', 'published').execute();
    for (const { slug } of published) assert.ok(urls.some((u) => u.loc === `${ORIGIN}/help/en/articles/${slug}`), slug);
    const zh = urls.find((u) => u.loc === `${ORIGIN}/help/zh-CN/articles/deposit-not-credited`)!;
    assert.match(zh.rest, /<lastmod>\d{4}-\d{2}-\d{2}T[^<]+<\/lastmod>/);
    for (const hreflang of ['en', 'ko', 'zh-CN', 'x-default']) assert.ok(zh.rest.includes(`hreflang="${hreflang}"`), hreflang);
    for (const loc of ['/help/en', '/help/ko', '/help/zh-CN', '/help/ko/categories/deposit']) assert.ok(urls.some((u) => u.loc === `${ORIGIN}${loc}`), loc);
    assert.ok(urls.every((u) => u.loc.startsWith(`${ORIGIN}/help/`)), 'absolute addresses only');

    const robots = await get('/robots.txt');
    assert.equal(robots.statusCode, 200);
    assert.match(robots.headers['content-type'] as string, /^text\/plain/);
    assert.ok(robots.body.includes(`Sitemap: ${ORIGIN}/sitemap.xml`));
  });

  it('escapes hostile titles, summaries, bodies, tags, category and section labels and search queries everywhere', async () => {
    const script = (where: string) => `<script>alert("${where}")</script>`;
    const img = (where: string) => `"><img src=x onerror=alert("${where}")>`;
    const category = await t.http.inject({
      method: 'PUT', url: '/api/v1/kb/categories/xss-lab', headers: editor,
      payload: { labels: { en: { title: `${script('category')} Lab`, description: img('category description') } } },
    });
    assert.equal(category.statusCode, 201, category.body);
    const section = await t.http.inject({ method: 'PUT', url: '/api/v1/kb/sections/xss-lab-section', headers: editor, payload: { category: 'xss-lab', labels: { en: { title: `${img('section')} Section` } } } });
    assert.equal(section.statusCode, 201, section.body);
    await createArticle(t, editor, {
      slug: 'xss-lab-article', section: 'xss-lab-section',
      title: `${script('title')} quokkaword ${img('title')}`,
      summary: `${img('summary')} ${script('summary')}`,
      body: `quokkaword ${script('body')}\n\n${img('body')}\n\n[click](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>`,
      tags: [script('tag'), img('tag')],
    });

    const pages: [string, LightMyRequestResponse][] = [];
    for (const url of ['/help/en', '/help/en/categories/xss-lab', '/help/en/articles/xss-lab-article', '/help/ko/articles/xss-lab-article', '/help/en/search?q=quokkaword', '/sitemap.xml']) {
      pages.push([url, await get(url)]);
    }
    for (const payload of [script('q'), img('q')]) pages.push([payload, await get(`/help/en/search?q=${encodeURIComponent(payload)}`)]);
    pages.push(['suggest box', await get(`/help/en/search?q=${encodeURIComponent('quokkaword <b>')}`)]);

    for (const [url, res] of pages) {
      assert.equal(res.statusCode, 200, url);
      assert.ok(!res.body.includes('<script>alert'), `raw <script> on ${url}`);
      assert.ok(!/<img src=x/i.test(res.body), `raw <img onerror> on ${url}`);
      assert.ok(!res.body.includes('"><img'), `attribute break-out on ${url}`);
      assert.ok(!/href="javascript:/i.test(res.body), `javascript: link on ${url}`);
      assert.ok(!res.body.includes('<iframe src="https://evil'), `foreign iframe on ${url}`);
      assert.ok(!res.body.includes('<b>'), `raw query markup on ${url}`);
    }
    const [, article] = pages[2]!;
    assert.ok(article.body.includes('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; quokkaword'), 'the title is shown as text');
    assert.ok(article.body.includes(`<meta name="description" content="&quot;&gt;&lt;img src=x onerror=alert(&quot;summary&quot;)&gt;`));
    assert.ok(article.body.includes('&lt;script&gt;alert(&quot;category&quot;)&lt;/script&gt; Lab'), 'category label in breadcrumbs');
    assert.ok(pages[4]![1].body.includes('<mark>quokkaword</mark>'), 'the search found it');
  });
});

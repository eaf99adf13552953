import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../context.js';
import { helpTree, sitemapArticles } from '../queries.js';
import { articleUrl, categoryUrl, helpHome } from '../urls.js';
import { alternatesOf } from '../pages/chrome.js';
import { robotsTxt, sitemapXml, type SitemapEntry } from '../pages/sitemap.js';
import { publicOrigin, siteLocales } from './pageData.js';

/** One <url> per language a page exists in, each naming all of them. */
const inEveryLanguage = (locales: string[], pathIn: (locale: string) => string, lastmod?: string): SitemapEntry[] =>
  locales.map((l) => ({ path: pathIn(l), alternates: alternatesOf(locales, pathIn), ...(lastmod ? { lastmod } : {}) }));

/** /sitemap.xml and /robots.txt: only published articles, in the languages they are written in. */
export function registerSitemapRoutes(app: FastifyInstance, ctx: AppContext): void {
  const origin = publicOrigin(ctx.config);

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_request, reply) => {
    const [articles, languages, tree] = await Promise.all([sitemapArticles(ctx.db), siteLocales(ctx.db), helpTree(ctx.db, 'en')]);
    const entries = [
      ...inEveryLanguage(languages, helpHome),
      ...tree.filter((c) => c.articleCount > 0).flatMap((c) => inEveryLanguage(languages, (l) => categoryUrl(l, c.slug))),
      ...articles.flatMap((a) => inEveryLanguage(a.locales, (l) => articleUrl(l, a.slug), a.updatedAt)),
    ];
    return reply.type('application/xml; charset=utf-8').send(sitemapXml(origin, entries));
  });

  app.get('/robots.txt', { schema: { hide: true } }, async (_request, reply) => reply.type('text/plain; charset=utf-8').send(robotsTxt(origin)));
}

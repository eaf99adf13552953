import { html } from '../../portal/html.js';
import type { Alternate } from './chrome.js';

/**
 * sitemap.xml and robots.txt. Every page is listed once per language with the full set of
 * its alternates (search engines expect each <url> to name all of them, itself included).
 * The html template's escaping is also valid XML escaping.
 */
export interface SitemapEntry {
  path: string;
  alternates: Alternate[];
  lastmod?: string;
}

export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map(
    (e) => html`<url><loc>${origin}${e.path}</loc>${e.lastmod ? html`<lastmod>${e.lastmod}</lastmod>` : ''}${e.alternates.map(
      (a) => html`<xhtml:link rel="alternate" hreflang="${a.hreflang}" href="${origin}${a.path}"/>`,
    )}</url>\n`,
  );
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls}</urlset>
`.toString();
}

/** Crawlers may read the help center; search results, tickets and the API are not for them. */
export function robotsTxt(origin: string): string {
  return ['User-agent: *', 'Disallow: /api/', 'Disallow: /tickets', 'Disallow: /t/', 'Disallow: /help/*/search', '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}

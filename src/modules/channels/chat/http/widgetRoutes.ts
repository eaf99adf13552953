import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { AppContext } from '../../../../context.js';
import { localeNames, locales, t, type Locale } from '../../../../platform/i18n/index.js';
import { html } from '../../../portal/html.js';
import { contentSecurityPolicy } from '../../../portal/http/render.js';
import { identityKeyOf, widgetSettings } from '../settings.js';
import { widgetBundle } from '../widgetBundle.js';

const demoQuery = z.object({
  lang: z.enum(locales).default('en').describe('Page and widget language'),
  as: z.enum(['guest', 'demo']).default('guest').describe('demo = signed in as a demo trader (needs an HS256 identity key)'),
});
const assetParams = z.object({ file: z.string().max(64) });

const DEMO_UID = 'DEMO-1000001';

/** The demo page signs its own identity token, as an exchange's backend would, when it can (HS256). */
async function demoIdentityToken(ctx: AppContext, locale: Locale): Promise<string | null> {
  const key = identityKeyOf(ctx, await widgetSettings(ctx));
  if (!key || key.key.algorithm !== 'HS256') return null;
  return new SignJWT({ name: 'Demo Trader', locale })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(DEMO_UID)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(key.key.key));
}

/**
 * `/widget.js` (the one tag exchanges paste: stable URL, short cache, ETag), its hashed
 * stylesheet (cached for a year) and `/chat-demo`, a mock exchange page showing the widget under
 * a strict CSP: no inline script or style, only this origin.
 */
export function registerWidgetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/widget.js', { schema: { hide: true } }, async (request, reply) => {
    const b = await widgetBundle();
    const etag = `"${b.jsHash}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=300, stale-while-revalidate=86400')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/javascript; charset=utf-8').send(b.js);
  });

  r.get('/widget/:file', { schema: { hide: true, params: assetParams } }, async (request, reply) => {
    const b = await widgetBundle();
    const body = request.params.file === b.cssFile ? b.css : request.params.file === b.demoCssFile ? b.demoCss : null;
    if (body === null) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .type('text/css; charset=utf-8')
      .send(body);
  });

  r.get('/chat-demo', { schema: { hide: true, querystring: demoQuery } }, async (request, reply) => {
    const { lang, as } = request.query;
    const text = (key: string, vars?: Record<string, string>) => t(lang, `chat.${key}`, vars);
    const b = await widgetBundle();
    const demoToken = await demoIdentityToken(ctx, lang);
    const token = as === 'demo' ? demoToken : null;
    const canSignIn = demoToken !== null;
    const page = html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text('demoTitle')}</title>
<link rel="stylesheet" href="/widget/${b.demoCssFile}">
</head>
<body>
<header><strong>DemoEx</strong><nav aria-label="Language">${locales.map((l) => html`<a href="/chat-demo?lang=${l}&amp;as=${as}" hreflang="${l}">${localeNames[l]}</a>`)}</nav></header>
<main>
<h1>${text('demoTitle')}</h1>
<p>${text('demoLead')}</p>
${token ? html`<p class="account">${text('demoSignedIn', { uid: DEMO_UID })} <a href="/chat-demo?lang=${lang}&amp;as=guest">${text('demoGuest')}</a></p>` : canSignIn ? html`<p class="account"><a href="/chat-demo?lang=${lang}&amp;as=demo">${text('demoSignIn')}</a></p>` : ''}
<h2>${text('demoMarkets')}</h2>
<table><thead><tr><th>Pair</th><th>Last</th><th>24h</th></tr></thead><tbody>
<tr><td>BTC/USDT</td><td>97,412.50</td><td class="up">+2.14%</td></tr>
<tr><td>ETH/USDT</td><td>3,618.07</td><td class="down">-0.86%</td></tr>
<tr><td>SOL/USDT</td><td>241.33</td><td class="up">+5.02%</td></tr>
</tbody></table>
</main>
<script src="/widget.js" data-locale="${lang}"${token ? html` data-identity-token="${token}"` : ''} defer></script>
</body>
</html>`;
    return reply
      .header('content-security-policy', contentSecurityPolicy())
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(page.toString());
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../../context.js';
import { t, type Locale } from '../../../../platform/i18n/index.js';
import type { AgentActor } from '../../../identity/actor.js';
import { requireAgent } from '../../../identity/http/authenticate.js';
import { assertUsableKey, keyFingerprint } from '../../../identity/widgetIdentity.js';
import { audit } from '../../../identity/audit.js';
import { listPublished } from '../../../helpcenter/queries.js';
import { presentSummary } from '../../../helpcenter/presenters.js';
import { categories } from '../../../tickets/categories.js';
import { forgetSettings, identityKeyOf, readSettings, widgetSettings, writeSettings, type WidgetSettings } from '../settings.js';
import { settingsBody, widgetConfigQuery } from './settingsSchema.js';

const tags = ['chat'];

/** Widget settings are for admins (role and `admin` scope): the same rule as the guard below. */
export const canManageWidget = (actor: AgentActor): boolean => actor.role === 'admin' && actor.scopes.has('admin');

/** What an admin sees: the key only as algorithm, source and fingerprint, never the key. */
function presentSettings(ctx: AppContext, s: WidgetSettings) {
  const identity = identityKeyOf(ctx, s);
  return {
    colours: s.colours,
    greeting: s.greeting,
    identity: identity ? { algorithm: identity.key.algorithm, source: identity.source, fingerprint: keyFingerprint(identity.key) } : null,
  };
}

/**
 * The widget's public configuration, for any page that embeds it (no credentials, any origin),
 * with the security alerts admins published in the help center (newest three): a warning about
 * a fake "support" account reaches traders where they ask for help, not only on the help pages.
 */
export function presentWidgetConfig(s: WidgetSettings, locale: Locale, alerts: { title: string; url: string }[]) {
  return {
    colours: s.colours,
    greeting: s.greeting[locale] || t(locale, 'chat.greeting'),
    topics: categories.map((value) => ({ value, label: t(locale, `category.${value}.name`) })),
    alerts,
  };
}

export function registerChatSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = requireAgent('admin', 'admin');

  r.get('/api/v1/chat/settings', {
    schema: { tags, summary: 'Chat widget settings (admins)' },
    preHandler: admin,
  }, async () => presentSettings(ctx, await readSettings(ctx.db)));

  r.put('/api/v1/chat/settings', {
    schema: { tags, summary: 'Change chat widget colours, greetings or the identity key (admins)', body: settingsBody },
    preHandler: admin,
  }, async (request) => {
    const body = request.body;
    if (body.identity) await assertUsableKey(body.identity);
    const saved = await ctx.transaction(async (trx) => {
      const current = await readSettings(trx);
      const greeting = { ...current.greeting, ...body.greeting };
      for (const [locale, text] of Object.entries(greeting)) if (!text) delete greeting[locale as Locale];
      const next: WidgetSettings = {
        colours: { ...current.colours, ...body.colours },
        greeting,
        identity: body.identity === undefined ? current.identity : body.identity,
      };
      await writeSettings(trx, next);
      await audit(trx, {
        actor: request.actor,
        action: 'chat.settings_changed',
        details: { parts: Object.keys(body), ...(body.identity !== undefined ? { identity: body.identity?.algorithm ?? null } : {}) },
        origin: { ip: request.ip, userAgent: request.headers['user-agent'] ?? null },
      });
      return next;
    });
    forgetSettings(ctx);
    return presentSettings(ctx, saved);
  });

  r.get('/api/v1/chat/widget-config', {
    schema: { tags, summary: 'Public widget configuration: colours, greeting, pre-chat topics, published security alerts', querystring: widgetConfigQuery },
  }, async (request, reply) => {
    void reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60');
    const alerts = await listPublished(ctx.db, { locale: request.query.locale, kind: 'security_alert', order: 'recent', limit: 3 });
    return presentWidgetConfig(await widgetSettings(ctx), request.query.locale, alerts.map((a) => ({ title: a.title, url: presentSummary(a).url })));
  });
}

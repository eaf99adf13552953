import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { formatDateTime, type Locale } from '../../../../platform/i18n/index.js';
import { originOf } from '../../../identity/audit.js';
import { assertFormCsrf, formCsrfToken } from '../../../portal/csrf.js';
import { localToIso } from '../../../portal/form.js';
import { html } from '../../../portal/html.js';
import { applySecurityHeaders, sendPage } from '../../../portal/http/render.js';
import { categoryName, describedBy, fieldError } from '../../../portal/pages/components.js';
import { localeOf } from '../../../portal/viewer.js';
import { categories } from '../../../tickets/categories.js';
import { callbackRequester } from '../commands/callbackRequester.js';
import { phoneText, type PhoneTextKey } from '../locales/index.js';
import { callbackBody } from './callbackSchema.js';
import { throttleCallbackRequest } from './callbackRoutes.js';

export const CALLBACK_PAGE_PATH = '/callback';
type Values = Record<'phone' | 'name' | 'topic' | 'from' | 'to' | 'note', string>;
const empty: Values = { phone: '', name: '', topic: '', from: '', to: '', note: '' };
const errorKeys: Record<string, PhoneTextKey> = { phone: 'errorPhone', topic: 'errorTopic', preferredFrom: 'errorWindow', preferredTo: 'errorWindow' };

function formPage(locale: Locale, v: Values, errors: Record<string, string>, csrf: string) {
  const field = (id: keyof Values, label: PhoneTextKey, type: string, extra = html``) => html`<p class="field">
    <label for="cb-${id}">${phoneText(locale, label)}</label>
    <input id="cb-${id}" name="${id}" type="${type}" value="${v[id]}"${extra}${describedBy(`cb-${id}`, false, !!errors[id])}>
    ${fieldError(`cb-${id}`, errors[id])}</p>`;
  return html`<section class="card"><h1>${phoneText(locale, 'pageTitle')}</h1><p class="muted">${phoneText(locale, 'pageIntro')}</p>
  ${errors.form ? html`<p class="notice notice-warning" role="alert">${errors.form}</p>` : ''}
  <form method="post" action="${CALLBACK_PAGE_PATH}?lang=${locale}" novalidate>
    <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="tz_offset" value="" data-tz-offset>
    ${field('phone', 'fieldPhone', 'tel', html` autocomplete="tel" required`)}
    ${field('name', 'fieldName', 'text', html` autocomplete="name"`)}
    <p class="field"><label for="cb-topic">${phoneText(locale, 'fieldTopic')}</label>
    <select id="cb-topic" name="topic"${describedBy('cb-topic', false, !!errors.topic)}><option value=""></option>
    ${categories.map((c) => html`<option value="${c}"${c === v.topic ? html` selected` : ''}>${categoryName(locale, c)}</option>`)}</select>
    ${fieldError('cb-topic', errors.topic)}</p>
    ${field('from', 'fieldFrom', 'datetime-local')}
    ${field('to', 'fieldTo', 'datetime-local')}
    <p class="field"><label for="cb-note">${phoneText(locale, 'fieldNote')}</label><textarea id="cb-note" name="note" rows="4" maxlength="2000">${v.note}</textarea></p>
    <p class="actions"><button class="button primary" type="submit">${phoneText(locale, 'submit')}</button></p>
  </form></section>`;
}

/**
 * The help center's callback form, server-rendered and usable without JavaScript: the same
 * checks as `POST /api/v1/callbacks` (its zod schema), the portal's CSRF pair, the same per-address
 * limit; errors are shown under the field they concern, in the reader's language.
 */
export function registerCallbackPage(root: FastifyInstance, ctx: AppContext): void {
  void root.register(async (app) => {
    applySecurityHeaders(app);
    const render = (request: FastifyRequest, reply: FastifyReply, locale: Locale, v: Values, errors: Record<string, string>, status: number) =>
      sendPage(request, reply, locale, { title: phoneText(locale, 'pageTitle'), body: formPage(locale, v, errors, formCsrfToken(request, reply, ctx.secret, ctx.config.PUBLIC_URL)) }, status);

    app.get(CALLBACK_PAGE_PATH, { schema: { hide: true } }, async (request, reply) => render(request, reply, localeOf(request, reply, ctx.config.PUBLIC_URL), empty, {}, 200));

    app.post(CALLBACK_PAGE_PATH, { schema: { hide: true }, config: { csrf: 'handler' } }, async (request, reply) => {
      const locale = localeOf(request, reply, ctx.config.PUBLIC_URL);
      const fields = (request.body ?? {}) as Record<string, unknown>;
      assertFormCsrf(request, ctx.secret, fields._csrf);
      const v = Object.fromEntries(Object.keys(empty).map((k) => [k, typeof fields[k] === 'string' ? (fields[k] as string).slice(0, 2000) : ''])) as Values;
      const tz = typeof fields.tz_offset === 'string' ? fields.tz_offset : undefined;
      const window = (local: string) => (local ? (localToIso(local, tz) ?? 'invalid') : undefined);
      const parsed = callbackBody.safeParse({
        phone: v.phone, topic: v.topic || undefined, name: v.name || undefined, note: v.note || undefined,
        preferredFrom: window(v.from), preferredTo: window(v.to), locale, source: 'form',
      });
      if (!parsed.success) {
        const errors: Record<string, string> = {};
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? 'form');
          const formField = key === 'preferredFrom' ? 'from' : key === 'preferredTo' ? 'to' : key;
          errors[formField] ??= phoneText(locale, errorKeys[key] ?? 'errorWindow');
        }
        return render(request, reply, locale, v, errors, 400);
      }
      try {
        await throttleCallbackRequest(ctx, request.ip ?? null);
      } catch (err) {
        if (err instanceof AppError && err.code === 'rate_limited') return render(request, reply, locale, v, { form: phoneText(locale, 'errorRateLimited') }, 429);
        throw err;
      }
      const { callback, ticketNumber } = await callbackRequester(ctx, request.actor, parsed.data, originOf(request));
      const body = html`<section class="card confirmation"><h1>${phoneText(locale, 'pageTitle')}</h1>
        <p data-callback-confirmed>${phoneText(locale, 'confirmed', { number: ticketNumber, phone: callback.phone, due: formatDateTime(locale, callback.due_at) })}</p></section>`;
      return sendPage(request, reply, locale, { title: phoneText(locale, 'pageTitle'), body }, 201);
    });
  });
}

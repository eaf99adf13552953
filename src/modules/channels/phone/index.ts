import type { Module } from '../../module.js';
import { registerChannelAdapter } from '../adapters.js';
import { phoneAdapter } from './adapter.js';
import { registerCallbackPage } from './http/callbackPage.js';
import { registerCallbackRoutes } from './http/callbackRoutes.js';
import { registerCallRoutes } from './http/callRoutes.js';
import { CALL_EVENT_JOB, registerPhoneWebhook } from './http/webhookRoutes.js';
import { phoneSettings } from './settings.js';

/**
 * Phone and callbacks (see "Phone and callbacks" in docs/ARCHITECTURE.md, the webhook contract in
 * docs/phone.md): the telephony system reports calls by a signed webhook, each call lands on its
 * customer's phone ticket with a summary; customers ask for callbacks on the help center or the
 * widget, and agents work the callback queue by due time.
 */
export const phoneModule: Module = {
  name: 'phone',
  async register(app, ctx) {
    await registerPhoneWebhook(app, ctx, phoneSettings(ctx.config));
    ctx.jobs.define(CALL_EVENT_JOB, async (payload) => void (await phoneAdapter.receive(ctx, payload as never, { source: 'cti-webhook' })));
    registerChannelAdapter(ctx, phoneAdapter);
    registerCallRoutes(app, ctx);
    registerCallbackRoutes(app, ctx);
    registerCallbackPage(app, ctx);
  },
};

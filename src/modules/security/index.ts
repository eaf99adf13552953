import type { Module } from '../module.js';
import { registerOfficialChannelRoutes } from './http/officialChannelRoutes.js';
import { seedDemoOfficialChannels } from './officialChannels/demo.js';
import { secretWarner } from './commands/secretWarner.js';
import { SECRET_REDACTED } from './screening.js';

/**
 * What no generic helpdesk does (see "Secret detection" and "Official channels" in
 * docs/ARCHITECTURE.md): secret detection, the agent guard, and the registry that tells users
 * real channels from impersonators.
 */
export const securityModule: Module = {
  name: 'security',
  register(app, ctx) {
    registerOfficialChannelRoutes(app, ctx);
    ctx.jobs.onEvent(SECRET_REDACTED, 'security.secret_warning', (event) => secretWarner(ctx, event.payload), {
      when: (event) => event.payload.authorType === 'customer',
    });
  },
  async bootstrap(ctx) {
    if (ctx.config.SEED_DEMO && (await seedDemoOfficialChannels(ctx))) ctx.log.info('security: demo official channels loaded');
  },
};

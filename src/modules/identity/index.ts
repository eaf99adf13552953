import type { Module } from '../module.js';
import { firstAdminCreator } from './commands/firstAdminCreator.js';
import { registerAuthRoutes } from './http/authRoutes.js';

/** Agents, sessions, 2FA, API tokens, customers and the audit log. */
export const identityModule: Module = {
  name: 'identity',
  register(app, ctx) {
    registerAuthRoutes(app, ctx);
  },
  async bootstrap(ctx) {
    await firstAdminCreator(ctx);
  },
};

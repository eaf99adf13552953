import type { Module } from '../module.js';
import { firstAdminCreator } from './commands/firstAdminCreator.js';
import { registerAgentRoutes } from './http/agentRoutes.js';
import { registerAuditRoutes } from './http/auditRoutes.js';
import { registerAuthRoutes } from './http/authRoutes.js';
import { registerCustomerRoutes } from './http/customerRoutes.js';
import { registerPortalSessionRoutes } from './http/portalRoutes.js';
import { registerProfileRoutes } from './http/profileRoutes.js';
import { registerTokenRoutes } from './http/tokenRoutes.js';

/** Agents, sessions, 2FA, API tokens, customers, portal sign-in and the audit log. */
export const identityModule: Module = {
  name: 'identity',
  register(app, ctx) {
    registerAuthRoutes(app, ctx);
    registerProfileRoutes(app, ctx);
    registerAgentRoutes(app, ctx);
    registerTokenRoutes(app, ctx);
    registerCustomerRoutes(app, ctx);
    registerAuditRoutes(app, ctx);
    registerPortalSessionRoutes(app, ctx);
  },
  async bootstrap(ctx) {
    await firstAdminCreator(ctx);
  },
};

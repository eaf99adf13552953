import type { Module } from '../module.js';
import { registerAssets } from './assets.js';
import { registerGuestLinkRoutes } from './http/guestLinkRoutes.js';
import { applySecurityHeaders, installPortalErrors } from './http/render.js';
import { registerRequestRoutes } from './http/requestRoutes.js';
import { registerTicketRoutes } from './http/ticketRoutes.js';

/**
 * The customer side: server-rendered pages in zh-CN, en and ko where customers open a
 * request, follow it and reply. Works without JavaScript; the small script in web/portal
 * only makes it nicer.
 */
export const portalModule: Module = {
  name: 'portal',
  register(app, ctx) {
    applySecurityHeaders(app);
    installPortalErrors(app, ctx);
    registerAssets(app);
    registerRequestRoutes(app, ctx);
    registerTicketRoutes(app, ctx);
    registerGuestLinkRoutes(app, ctx);
  },
};

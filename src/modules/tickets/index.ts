import type { Module } from '../module.js';
import { loadDemoContent } from './demo/loader.js';
import { registerAttachmentRoutes } from './http/attachmentRoutes.js';
import { registerCustomerTicketRoutes } from './http/customerRoutes.js';
import { registerInboxRoutes } from './http/inboxRoutes.js';
import { registerSavedViewRoutes } from './http/savedViewRoutes.js';
import { registerBulkRoutes } from './http/bulkRoutes.js';
import { registerCategoryRoutes } from './http/categoryRoutes.js';
import { registerTicketRoutes } from './http/ticketRoutes.js';

export const ticketsModule: Module = {
  name: 'tickets',
  register(app, ctx) {
    registerBulkRoutes(app, ctx);
    registerCategoryRoutes(app, ctx);
    registerTicketRoutes(app, ctx);
    registerInboxRoutes(app, ctx);
    registerSavedViewRoutes(app, ctx);
    registerCustomerTicketRoutes(app, ctx);
    registerAttachmentRoutes(app, ctx);
  },
  async bootstrap(ctx) {
    if (ctx.config.SEED_DEMO) await loadDemoContent(ctx);
  },
};

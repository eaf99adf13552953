import type { Module } from '../module.js';
import { seedCannedDefaults } from './defaults.js';
import { registerCannedRoutes } from './http/cannedRoutes.js';
import { registerMacroRoutes } from './http/macroRoutes.js';

/**
 * What agents reuse in the reply box (see "Canned responses" in docs/ARCHITECTURE.md): canned
 * responses with shortcodes and placeholders in three languages, and macros (a reply plus field
 * changes in one click).
 */
export const macrosModule: Module = {
  name: 'macros',
  register(app, ctx) {
    registerCannedRoutes(app, ctx);
    registerMacroRoutes(app, ctx);
  },
  async bootstrap(ctx) {
    if (await seedCannedDefaults(ctx)) ctx.log.info('macros: default canned responses loaded');
  },
};

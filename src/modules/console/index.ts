import type { Module } from '../module.js';
import { registerAbilitiesRoutes } from './abilitiesRoutes.js';
import { registerConsoleRoutes } from './consoleRoutes.js';

/**
 * The agent console: a React single-page app (web/console) served at /console. It talks to
 * the same REST API and chat socket as any integration; this module serves its files and says
 * which admin screens the caller may open (from the owning modules' policies).
 */
export const consoleModule: Module = {
  name: 'console',
  register(app, ctx) {
    registerConsoleRoutes(app);
    registerAbilitiesRoutes(app, ctx);
  },
};

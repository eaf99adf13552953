import type { Module } from '../module.js';
import { registerConsoleRoutes } from './consoleRoutes.js';

/**
 * The agent console: a React single-page app (web/console) served at /console. It talks to
 * the same REST API and chat socket as any integration; this module only serves its files.
 */
export const consoleModule: Module = {
  name: 'console',
  register(app) {
    registerConsoleRoutes(app);
  },
};

import type { Module } from '../module.js';
import { registerJobRoutes } from './http/jobRoutes.js';

/** What keeps the desk running behind the scenes, for admins: background jobs and their failures. */
export const operationsModule: Module = {
  name: 'operations',
  register(app, ctx) {
    registerJobRoutes(app, ctx);
  },
};

import type { Module } from '../module.js';
import { seedHelpCenter } from './seed/seeder.js';

export const helpcenterModule: Module = {
  name: 'helpcenter',
  register() {
    // Pages, search and the editing API arrive with the rest of issue 3.
  },
  async bootstrap(ctx) {
    if (!ctx.config.SEED_HELP_CENTER) return;
    const loaded = await seedHelpCenter(ctx);
    if (loaded) ctx.log.info({ articles: loaded }, 'help-center seed content loaded');
  },
};

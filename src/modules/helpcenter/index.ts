import type { AppContext } from '../../context.js';
import type { Module } from '../module.js';
import { RateWindow } from '../../platform/http/rateWindow.js';
import { KnowledgeBase } from './knowledgeBase.js';
import { ViewCounter } from './viewCounter.js';
import { seedHelpCenter, seedSynonyms } from './seed/seeder.js';
import { registerHelpApiRoutes } from './http/helpRoutes.js';
import { registerKbRoutes } from './http/kbRoutes.js';
import { registerHelpPages } from './http/pageRoutes.js';

/** The help center's state of one running app: its search index and pending view counts. */
export interface HelpCenter {
  kb: KnowledgeBase;
  views: ViewCounter;
  /** Searches and suggestions per reader (IP) and minute, shared by the API and the pages. */
  searchLimit: RateWindow;
}

const running = new WeakMap<AppContext, HelpCenter>();

/** The help center of this app (the bot and the console search through the same index). */
export function helpCenterOf(ctx: AppContext): HelpCenter {
  let found = running.get(ctx);
  if (!found) {
    found = {
      kb: new KnowledgeBase(ctx.db, ctx.log),
      views: new ViewCounter(ctx.db, ctx.log),
      // Generous for people (suggestions fire as they type), tight enough to stop a scraper.
      searchLimit: new RateWindow(600, 60_000),
    };
    running.set(ctx, found);
  }
  return found;
}

export const helpcenterModule: Module = {
  name: 'helpcenter',
  register(app, ctx) {
    const help = helpCenterOf(ctx);
    registerHelpApiRoutes(app, ctx, help);
    registerKbRoutes(app, ctx, help);
    registerHelpPages(app, ctx, help);
    app.addHook('onClose', async () => help.views.stop());
  },
  async bootstrap(ctx) {
    await seedSynonyms(ctx);
    if (ctx.config.SEED_HELP_CENTER) {
      const loaded = await seedHelpCenter(ctx);
      if (loaded) ctx.log.info({ articles: loaded }, 'help-center seed content loaded');
    }
    const { kb, views } = helpCenterOf(ctx);
    // Subscribe before the rebuild: a change committed meanwhile is applied after it, never lost.
    kb.listen(ctx.bus);
    await kb.rebuild();
    views.start();
  },
};

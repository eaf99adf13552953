import type { Module } from '../module.js';
import { mentionNotifier } from './commands/mentionNotifier.js';
import { registerNotificationRoutes } from './http/notificationRoutes.js';

/**
 * Telling agents what needs them (see "Notifications" in docs/ARCHITECTURE.md): @mentions in
 * internal notes, read and cleared through the API, announced by `notification.created`.
 */
export const notificationsModule: Module = {
  name: 'notifications',
  register(app, ctx) {
    registerNotificationRoutes(app, ctx);
    // Only agents' internal notes can mention anyone: other messages make no job at all.
    ctx.jobs.onEvent('message.created', 'notifications.mentions', async (event) => void (await mentionNotifier(ctx, String(event.payload.messageId))), {
      when: (event) => event.payload.visibility === 'internal' && event.payload.authorType === 'agent',
    });
  },
};

import { z } from 'zod';
import type { Module } from '../module.js';
import { freedSlotFiller } from './commands/freedSlotFiller.js';
import { handoverRouter } from './commands/handoverRouter.js';
import { queueSweeper } from './commands/queueSweeper.js';
import { registerAvailabilityRoutes } from './http/availabilityRoutes.js';
import { registerChatRoutes } from './http/chatRoutes.js';
import { registerTeamRoutes } from './http/teamRoutes.js';

export { markAgentAway } from './commands/availabilitySetter.js';
export { loadChatView } from './queries.js';
export { routingOf } from './routingState.js';

/** The `chat.handover_requested` payload (decided with the chat and bot modules). */
const handoverRequested = z.object({
  ticketId: z.string().min(1),
  reason: z.enum(['customer', 'bot', 'flow']),
  locale: z.string().nullish(),
  category: z.string().nullish(),
});

/** The part of `chat.updated` that matters when a chat ended outside routing. */
const chatEnded = z.object({
  state: z.literal('ended'),
  agentId: z.string().nullish(),
  teamId: z.string().nullish(),
});

const SWEEP_MS = 60_000;

/** Teams and skills, agents' availability, the chat queue and assignment (see "Routing" in docs/ARCHITECTURE.md). */
export const routingModule: Module = {
  name: 'routing',
  register(app, ctx) {
    registerTeamRoutes(app, ctx);
    registerAvailabilityRoutes(app, ctx);
    registerChatRoutes(app, ctx);

    // Durable subscriptions: one node handles each event, and a failure is retried, not lost.
    ctx.jobs.onEvent('chat.updated', 'routing.fill_freed_slot', async (event) => {
      const ended = chatEnded.safeParse(event.payload);
      if (ended.success) await freedSlotFiller(ctx, { agentId: ended.data.agentId ?? null, teamId: ended.data.teamId ?? null });
    });
    ctx.jobs.onEvent('chat.handover_requested', 'routing.route_handover', async (event) => {
      const parsed = handoverRequested.safeParse(event.payload);
      if (!parsed.success) {
        ctx.log.warn({ eventId: event.id, issues: parsed.error.issues }, 'ignoring malformed chat.handover_requested');
        return;
      }
      const { ticketId, reason, locale, category } = parsed.data;
      await handoverRouter(ctx, { ticketId, reason, ...(locale ? { locale } : {}), ...(category ? { category } : {}) });
    });
    // Queues of teams that closed, or whose last member went offline, become left messages.
    const sweep = setInterval(() => {
      queueSweeper(ctx).catch((err: unknown) => ctx.log.warn({ err }, 'chat queue sweep failed; next minute retries'));
    }, SWEEP_MS);
    sweep.unref();
    app.addHook('onClose', async () => {
      clearInterval(sweep);
    });
  },
};

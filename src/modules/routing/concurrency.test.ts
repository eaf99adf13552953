import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { agentWithToken } from '../../../test/factories.js';
import { handoverRouter } from './commands/handoverRouter.js';
import { listQueued } from './queries.js';
import { agentOn, createChat, createTeam } from './testKit.js';

/**
 * Many handovers at once must never push an agent past max_chats. PostgreSQL runs them truly
 * in parallel (row locks on agent_presence decide); SQLite has one writer, so the same test
 * checks that serialised transactions still count correctly.
 */
async function loadsOf(t: TestApp, agentIds: string[]) {
  const rows = await t.ctx.db
    .selectFrom('chats')
    .innerJoin('tickets', 'tickets.id', 'chats.ticket_id')
    .select('tickets.assignee_id')
    .where('chats.state', '=', 'assigned')
    .execute();
  return agentIds.map((id) => rows.filter((r) => r.assignee_id === id).length);
}

async function staffedTeam(t: TestApp) {
  const sup = (await agentWithToken(t.ctx, 'supervisor')).headers;
  const team = await createTeam(t, sup, {});
  const agents = [await agentOn(t, [team], { maxChats: 2 }), await agentOn(t, [team], { maxChats: 1 }), await agentOn(t, [team], { maxChats: 3 })];
  return { team, agentIds: agents.map((a) => a.id) };
}

describe('concurrent routing', () => {
  it('simultaneous handovers fill every slot exactly once and queue the rest in order', async () => {
    const t = await createTestApp();
    try {
      const { team, agentIds } = await staffedTeam(t);
      const chats = [];
      for (let i = 0; i < 14; i++) chats.push(await createChat(t));
      const outcomes = await Promise.all(chats.map((c) => handoverRouter(t.ctx, { ticketId: c.ticketId, reason: 'bot' })));
      assert.deepEqual(await loadsOf(t, agentIds), [2, 1, 3]);
      assert.equal(outcomes.filter((o) => o?.state === 'assigned').length, 6);
      const queued = await listQueued(t.ctx.db, [team], new Date());
      assert.deepEqual(queued.map((q) => q.position), [1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      await t.close();
    }
  });

  it('two nodes handling handovers at once (and the same one twice) stay within max_chats', async () => {
    const a = await createTestApp();
    const b = await createTestApp({}, { sameDatabaseAs: a });
    try {
      const { agentIds } = await staffedTeam(a);
      const chats = [];
      for (let i = 0; i < 12; i++) chats.push(await createChat(a));
      // Every chat is handed over on both nodes at once, as when Redis delivers the event to both.
      const outcomes = await Promise.all(chats.flatMap((c, i) => [
        handoverRouter((i % 2 ? a : b).ctx, { ticketId: c.ticketId, reason: 'bot' }),
        handoverRouter((i % 2 ? b : a).ctx, { ticketId: c.ticketId, reason: 'customer' }),
      ]));
      assert.equal(outcomes.filter((o) => o !== null).length, 12, 'each chat routed once');
      assert.deepEqual(await loadsOf(a, agentIds), [2, 1, 3]);
      const assignments = await a.ctx.db.selectFrom('ticket_events').select('ticket_id').where('type', '=', 'assignee_changed').execute();
      assert.equal(assignments.length, 6);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

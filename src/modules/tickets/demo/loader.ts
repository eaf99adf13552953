import type { AppContext } from '../../../context.js';
import type { Tx } from '../../../platform/db/index.js';
import { newId } from '../../../platform/db/ids.js';
import { findOrCreateGuestCustomer, upsertVerifiedCustomer } from '../../identity/customers.js';
import { generatePassword, hashPassword } from '../../identity/passwords.js';
import { parseCategoryFields } from '../categories.js';
import { allocateTicketNumber } from '../numbers.js';
import { addTicketEvent } from '../ticketEvents.js';
import { demoAgents, demoCustomers, demoTeams, demoTickets, type DemoTicket } from './content.js';
import { claimOnce } from '../../../platform/db/settings.js';

export const DEMO_MARKER = 'demo_seeded';

const iso = (ms: number) => new Date(ms).toISOString();

async function ensureTeams(trx: Tx, createdAt: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const team of demoTeams) {
    await trx.insertInto('teams').values({ id: newId(), name: team.name, created_at: createdAt }).onConflict((oc) => oc.column('name').doNothing()).execute();
    const row = await trx.selectFrom('teams').select('id').where('name', '=', team.name).executeTakeFirstOrThrow();
    ids.set(team.key, row.id);
  }
  return ids;
}

/** Demo agents get an unknown random password: an admin sets a real one before anyone signs in as them. */
async function ensureAgents(trx: Tx, passwordHash: string, createdAt: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const agent of demoAgents) {
    const existing = await trx.selectFrom('agents').select('id').where('email', '=', agent.email).executeTakeFirst();
    const id = existing?.id ?? newId();
    if (!existing) {
      await trx
        .insertInto('agents')
        .values({
          id, email: agent.email, name: agent.name, role: 'agent', password_hash: passwordHash, locale: agent.locale,
          totp_secret: null, totp_enabled: 0, totp_last_step: null, disabled: 0, created_at: createdAt, updated_at: createdAt,
        })
        .execute();
    }
    ids.set(agent.key, id);
  }
  return ids;
}

async function ensureCustomers(trx: Tx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const c of demoCustomers) {
    const row = c.externalId
      ? await upsertVerifiedCustomer(trx, { externalId: c.externalId, email: c.email, name: c.name, locale: c.locale })
      : await findOrCreateGuestCustomer(trx, { email: c.email, name: c.name, locale: c.locale });
    ids.set(c.key, row.id);
  }
  return ids;
}

async function insertTicket(
  trx: Tx, ctx: AppContext, demo: DemoTicket, refs: { teams: Map<string, string>; agents: Map<string, string>; customers: Map<string, string> }, now: number,
): Promise<void> {
  const openedAt = now - demo.hoursAgo * 3600_000;
  const at = (minutes: number) => iso(openedAt + minutes * 60_000);
  const customerId = refs.customers.get(demo.customer)!;
  const assigneeId = demo.assignee ? refs.agents.get(demo.assignee)! : null;
  const lastAt = at(Math.max(...demo.messages.map((m) => m.minutesAfter)));
  const id = newId();
  await trx
    .insertInto('tickets')
    .values({
      id, number: await allocateTicketNumber(trx, ctx.config.TICKET_PREFIX), subject: demo.subject, status: demo.status,
      priority: demo.priority, channel: demo.channel, category: demo.category,
      fields: JSON.stringify(parseCategoryFields(demo.category, demo.fields)), locale: demo.locale, customer_id: customerId,
      assignee_id: assigneeId, team_id: refs.teams.get(demo.team)!, merged_into_id: null, created_at: at(0), updated_at: lastAt,
      solved_at: demo.status === 'solved' || demo.status === 'closed' ? lastAt : null, closed_at: demo.status === 'closed' ? lastAt : null,
    })
    .execute();
  if (demo.tags.length) await trx.insertInto('ticket_tags').values(demo.tags.map((tag) => ({ ticket_id: id, tag }))).execute();

  const customerRef = { type: 'customer' as const, id: customerId };
  const agentRef = { type: 'agent' as const, id: assigneeId };
  await addTicketEvent(trx, id, customerRef, 'created', { channel: demo.channel, category: demo.category, priority: demo.priority, status: 'new' });
  for (const m of demo.messages) {
    const byAgent = m.from !== 'customer';
    const messageId = newId();
    await trx
      .insertInto('messages')
      .values({
        id: messageId, ticket_id: id, author_type: byAgent ? 'agent' : 'customer', author_id: byAgent ? assigneeId : customerId,
        visibility: m.from === 'note' ? 'internal' : 'public', body: m.body, channel: byAgent ? 'api' : demo.channel, created_at: at(m.minutesAfter),
      })
      .execute();
    if (m.minutesAfter > 0) await addTicketEvent(trx, id, byAgent ? agentRef : customerRef, m.from === 'note' ? 'note_added' : 'reply_added', { messageId });
  }
  if (demo.status !== 'new') await addTicketEvent(trx, id, agentRef, 'status_changed', { from: 'new', to: demo.status });
}

/**
 * Loads the demo desk once per database: the `demo_seeded` settings row is claimed first, in
 * the same transaction, so two nodes starting together cannot both seed.
 */
export async function loadDemoContent(ctx: AppContext): Promise<boolean> {
  // Cheap check first: every later start skips the password hashing below.
  if (await ctx.db.selectFrom('settings').select('key').where('key', '=', DEMO_MARKER).executeTakeFirst()) return false;
  const passwordHash = await hashPassword(generatePassword());
  const seeded = await ctx.transaction(async (trx) => {
    if (!(await claimOnce(trx, DEMO_MARKER))) return false;
    const now = Date.now();
    const createdAt = iso(now - 30 * 24 * 3600_000);
    const refs = { teams: await ensureTeams(trx, createdAt), agents: await ensureAgents(trx, passwordHash, createdAt), customers: await ensureCustomers(trx) };
    // Oldest first: ids are time-ordered, so the newest demo ticket also lists first.
    for (const demo of [...demoTickets].sort((a, b) => b.hoursAgo - a.hoursAgo)) await insertTicket(trx, ctx, demo, refs, now);
    return true;
  });
  if (seeded) ctx.log.info({ tickets: demoTickets.length, teams: demoTeams.length }, 'demo content loaded');
  return seeded;
}

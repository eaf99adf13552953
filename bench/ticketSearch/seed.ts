import { performance } from 'node:perf_hooks';
import type { Insertable } from 'kysely';
import type { Db } from '../../src/platform/db/index.js';
import { newId } from '../../src/platform/db/ids.js';
import type { DB } from '../../src/platform/db/schema.js';
import { documentTerms } from '../../src/platform/search/terms.js';
import { rng } from '../search/corpus.js';
import { customerEmail, customerName, facts, pick, thread, type Lang } from './corpus.js';

export interface Seeded {
  tickets: number;
  messages: number;
  customers: number;
  seconds: number;
  agentId: string;
  numbers: string[];
  emails: string[];
  uids: string[];
  hashes: string[];
}

const BATCH = 400;
const DAY = 86_400_000;
const STATUSES = [['new', 2], ['open', 5], ['pending', 3], ['on_hold', 1], ['solved', 19], ['closed', 70]] as const;
const PRIORITIES = [['low', 10], ['normal', 70], ['high', 15], ['urgent', 5]] as const;
const CATEGORIES = ['deposit', 'withdrawal', 'account', 'kyc', 'trading', 'security', 'fees', 'promotions'];
const CHANNELS = ['web', 'chat', 'email', 'api'] as const;

function weighted<T>(r: () => number, table: readonly (readonly [T, number])[]): T {
  let x = r() * table.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1]![0];
}

/**
 * Inserts a desk of `count` tickets (about 2.5 per customer), with the
 * rows the writers would store — tickets, messages, their `ticket_search` rows and the customers'
 * `customer_search` rows, terms from the same function — in batches inside one transaction.
 */
export async function seedDesk(db: Db, count: number): Promise<Seeded> {
  const started = performance.now();
  const r = rng(20261202);
  const now = Date.parse('2026-12-01T00:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const out: Seeded = { tickets: 0, messages: 0, customers: 0, seconds: 0, agentId: '', numbers: [], emails: [], uids: [], hashes: [] };

  await db.transaction().execute(async (trx) => {
    const agents = Array.from({ length: 30 }, (_, i) => ({
      id: newId(), email: `agent${i}@desk.example`, name: `Agent ${i}`, role: 'agent' as const, password_hash: 'x', locale: 'en',
      totp_secret: null, totp_enabled: 0 as const, totp_last_step: null, disabled: 0 as const, created_at: iso(now), updated_at: iso(now),
    }));
    await trx.insertInto('agents').values(agents).execute();
    const teams = Array.from({ length: 5 }, (_, i) => ({ id: newId(), name: `Team ${i}`, created_at: iso(now) }));
    await trx.insertInto('teams').values(teams).execute();
    await trx.insertInto('team_members').values(agents.map((a, i) => ({ team_id: teams[i % teams.length]!.id, agent_id: a.id }))).execute();
    out.agentId = agents[0]!.id;

    const customers: { id: string; lang: Lang }[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const tickets: Insertable<DB['tickets']>[] = [];
      const messages: Insertable<DB['messages']>[] = [];
      const search: Insertable<DB['ticket_search']>[] = [];
      const newCustomers: Insertable<DB['customers']>[] = [];
      const customerSearch: Insertable<DB['customer_search']>[] = [];
      for (let i = start; i < Math.min(count, start + BATCH); i++) {
        let customer = customers.length > 0 && r() < 0.6 ? pick(r, customers) : undefined;
        if (!customer) {
          const lang: Lang = weighted(r, [['zh-CN', 45], ['en', 35], ['ko', 20]] as const);
          const n = customers.length;
          const row = {
            id: newId(), external_id: `${10_000_000 + n * 37}`, email: customerEmail(r, n), phone: null, name: customerName(r, lang),
            locale: lang, verified: 1 as const, created_at: iso(now - 800 * DAY), updated_at: iso(now - 800 * DAY),
          };
          newCustomers.push(row);
          customerSearch.push({ customer_id: row.id, terms: documentTerms(row.name, row.email, row.external_id) });
          customer = { id: row.id, lang };
          customers.push(customer);
          if (n % 97 === 0) {
            out.emails.push(row.email);
            out.uids.push(row.external_id);
          }
        }
        const f = facts(r);
        const t = thread(r, customer.lang, f);
        const created = now - Math.floor(r() * 730 * DAY);
        const status = weighted(r, STATUSES);
        const unsolved = status !== 'solved' && status !== 'closed';
        const updated = created + Math.floor(r() * 3 * DAY);
        const ticket = {
          id: newId(), number: `LD-${100_001 + i}`, subject: t.subject, status, priority: weighted(r, PRIORITIES), channel: pick(r, CHANNELS),
          category: pick(r, CATEGORIES), fields: '{}', locale: customer.lang, customer_id: customer.id,
          assignee_id: !unsolved || r() < 0.7 ? pick(r, agents).id : null, team_id: r() < 0.8 ? pick(r, teams).id : null, merged_into_id: null,
          created_at: iso(created), updated_at: iso(updated), solved_at: unsolved ? null : iso(updated), closed_at: status === 'closed' ? iso(updated) : null,
        };
        tickets.push(ticket);
        search.push({ ticket_id: ticket.id, message_id: null, internal: 0, terms: documentTerms(ticket.subject) });
        t.messages.forEach((m, k) => {
          const message = {
            id: newId(), ticket_id: ticket.id, author_type: m.author, author_id: m.author === 'agent' ? ticket.assignee_id : customer.id,
            visibility: m.internal ? ('internal' as const) : ('public' as const), body: m.body, channel: ticket.channel, created_at: iso(created + k * 60_000),
          };
          messages.push(message);
          search.push({ ticket_id: ticket.id, message_id: message.id, internal: m.internal ? 1 : 0, terms: documentTerms(m.body) });
        });
        if (i % 97 === 0) {
          out.numbers.push(ticket.number);
          out.hashes.push(f.hash);
        }
      }
      if (newCustomers.length) {
        await trx.insertInto('customers').values(newCustomers).execute();
        await trx.insertInto('customer_search').values(customerSearch).execute();
      }
      await trx.insertInto('tickets').values(tickets).execute();
      for (let k = 0; k < messages.length; k += BATCH) await trx.insertInto('messages').values(messages.slice(k, k + BATCH)).execute();
      for (let k = 0; k < search.length; k += BATCH) await trx.insertInto('ticket_search').values(search.slice(k, k + BATCH)).execute();
      out.tickets += tickets.length;
      out.messages += messages.length;
    }
    out.customers = customers.length;
  });
  out.seconds = Math.round((performance.now() - started) / 100) / 10;
  return out;
}

import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * Account security operations (issue 6, items 4–5): the freezes we asked the exchange for (one
 * row per idempotency key, so a retried bot step or job records a freeze once), unfreeze requests
 * waiting for a second person (four eyes), and the "was this you?" outreach started by a risk event
 * (one per risk event).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_freezes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('uid', 'text', (c) => c.notNull())
    // customer (the bot, after the customer confirmed) | agent | outreach (the customer answered "no")
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_freezes_ticket').on('account_freezes').columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable('unfreeze_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // pending | approved | rejected
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('agents.id'))
    .addColumn('decision_note', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unfreeze_requests_state').on('unfreeze_requests').columns(['state', 'created_at']).execute();
  await db.schema.createIndex('unfreeze_requests_ticket').on('unfreeze_requests').columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable('security_outreach')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('risk_event_id', 'text', (c) => c.notNull().unique().references('exchange_risk_events.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('ticket_id', 'text', (c) => c.notNull().unique().references('tickets.id'))
    // waiting | confirmed (it was them) | denied (it was not: frozen) | escalated (unclear or no answer)
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('channels', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_outreach').execute();
  await db.schema.dropTable('unfreeze_requests').execute();
  await db.schema.dropTable('account_freezes').execute();
}

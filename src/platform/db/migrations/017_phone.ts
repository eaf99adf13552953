import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * The phone channel: calls reported by the telephony system (CTI webhook) and callback requests
 * customers leave on the help center or the widget (or a missed call leaves for them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The telephony system's id of the call: every event of one call carries it.
    .addColumn('provider_call_id', 'text', (c) => c.notNull().unique())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('from_number', 'text', (c) => c.notNull())
    .addColumn('to_number', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('ticket_id', 'text', (c) => c.references('tickets.id'))
    .addColumn('agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('duration_seconds', 'integer')
    .addColumn('recording_url', 'text')
    .addColumn('notes', 'text')
    // Set once the call's summary is on its ticket, so a redelivered "ended" writes it once.
    .addColumn('logged_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calls_ticket').on('calls').column('ticket_id').execute();
  // Calls are matched to customers by their number.
  await db.schema.createIndex('customers_phone').on('customers').column('phone').execute();

  await db.schema
    .createTable('callback_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    // A missed call leaves at most one callback.
    .addColumn('call_id', 'text', (c) => c.unique().references('calls.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('window_start', 'text')
    .addColumn('window_end', 'text')
    .addColumn('timezone', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('assignee_id', 'text', (c) => c.references('agents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callback_requests_queue').on('callback_requests').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('callback_requests_ticket').on('callback_requests').column('ticket_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('callback_requests').execute();
  await db.schema.dropIndex('customers_phone').execute();
  await db.schema.dropTable('calls').execute();
}

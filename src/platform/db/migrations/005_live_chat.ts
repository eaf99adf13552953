import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not follow later schema types */
/**
 * Live chat with a bot first and people behind it. A chat is a ticket (channel `chat`) plus its
 * live state in `chats`; routing adds team skills, members and agents' availability; the bot
 * keeps its intents, examples, flows and trained models.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Routing: which languages and categories a team answers, and when (null hours = 7×24).
  await db.schema.alterTable('teams').addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('teams').addColumn('categories', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('teams').addColumn('hours', 'text').execute();

  await db.schema
    .createTable('team_members')
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'agent_id'])
    .execute();
  await db.schema.createIndex('team_members_agent').on('team_members').column('agent_id').execute();

  await db.schema
    .createTable('agent_presence')
    .addColumn('agent_id', 'text', (c) => c.primaryKey().references('agents.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('max_chats', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('chats')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey().references('tickets.id').onDelete('cascade'))
    .addColumn('visitor_id', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('queued_at', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('bot_state', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('customer_read_id', 'text')
    .addColumn('agent_read_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chats_queue').on('chats').columns(['state', 'team_id', 'queued_at']).execute();
  await db.schema.createIndex('chats_visitor').on('chats').columns(['visitor_id', 'state']).execute();

  // A client-chosen id per message: a widget that resends after a reconnect creates no duplicate.
  await db.schema.alterTable('messages').addColumn('client_id', 'text').execute();
  // Structured parts of bot and system messages (article cards, choices, a handover button), JSON.
  await db.schema.alterTable('messages').addColumn('meta', 'text').execute();
  await db.schema.createIndex('messages_client_id').on('messages').columns(['ticket_id', 'client_id']).unique().execute();

  await db.schema
    .createTable('bot_intents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bot_examples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('intent_id', 'text', (c) => c.notNull().references('bot_intents.id').onDelete('cascade'))
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bot_examples_intent').on('bot_examples').column('intent_id').execute();

  await db.schema
    .createTable('bot_flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('bot_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('intents', 'integer', (c) => c.notNull())
    .addColumn('examples', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('metrics', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();

  // The customer message the bot answered: every node hears the event, one reply is written.
  await db.schema
    .createTable('bot_replies')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('intent', 'text')
    .addColumn('confidence', 'real')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['bot_replies', 'bot_models', 'bot_flows', 'bot_examples', 'bot_intents', 'chats', 'agent_presence', 'team_members']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('messages_client_id').execute();
  await db.schema.alterTable('messages').dropColumn('client_id').execute();
  await db.schema.alterTable('messages').dropColumn('meta').execute();
  for (const column of ['hours', 'categories', 'languages']) await db.schema.alterTable('teams').dropColumn(column).execute();
}

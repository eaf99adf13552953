import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/index.js';
import type { BotFlowsTable, BotIntentsTable } from '../../platform/db/schema.js';
import { decodeIntentAnswer, flowDefinitionSchema, type FlowDefinition, type StoredIntentAnswer } from './definitions.js';

export type IntentRow = Selectable<BotIntentsTable>;
export type FlowRow = Selectable<BotFlowsTable>;

export interface Intent extends StoredIntentAnswer {
  id: string;
  name: string;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** null when the stored answer is unreadable (then the intent is treated as unknown). */
export function toIntent(row: IntentRow): Intent | null {
  const stored = decodeIntentAnswer(row.answer);
  if (!stored) return null;
  return { id: row.id, name: row.name, enabled: row.enabled === 1, createdAt: row.created_at, updatedAt: row.updated_at, ...stored };
}

/** Enabled intents by name, for answering. */
export async function enabledIntents(db: DbOrTx, names: string[]): Promise<Map<string, Intent>> {
  if (names.length === 0) return new Map();
  const rows = await db.selectFrom('bot_intents').selectAll().where('name', 'in', names).where('enabled', '=', 1).execute();
  return new Map(rows.map(toIntent).filter((i): i is Intent => i !== null).map((i) => [i.name, i]));
}

export function parseFlow(row: FlowRow): FlowDefinition | null {
  try {
    const parsed = flowDefinitionSchema.safeParse(JSON.parse(row.definition));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** An enabled, readable flow by slug. */
export async function enabledFlow(db: DbOrTx, slug: string): Promise<FlowDefinition | null> {
  const row = await db.selectFrom('bot_flows').selectAll().where('slug', '=', slug).where('enabled', '=', 1).executeTakeFirst();
  return row ? parseFlow(row) : null;
}

export async function examplesOf(db: DbOrTx, intentIds: string[]): Promise<Map<string, Record<string, string[]>>> {
  const out = new Map<string, Record<string, string[]>>();
  if (intentIds.length === 0) return out;
  const rows = await db.selectFrom('bot_examples').selectAll().where('intent_id', 'in', intentIds).orderBy('id').execute();
  for (const row of rows) {
    const byLocale = out.get(row.intent_id) ?? {};
    (byLocale[row.locale] ??= []).push(row.text);
    out.set(row.intent_id, byLocale);
  }
  return out;
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../platform/db/index.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { projectPath } from '../../platform/paths.js';
import { encodeIntentAnswer, flowDefinitionSchema, intentDefinitionSchema, type FlowDefinition, type IntentDefinition } from './definitions.js';
import { claimOnce } from '../../platform/db/settings.js';

/**
 * The intents and flows the product ships with (defaults/intents.yaml, defaults/flows/*.yaml),
 * loaded into the tables once; after that they are the admins' to edit.
 */
export interface BotDefaults {
  intents: IntentDefinition[];
  flows: { slug: string; definition: FlowDefinition }[];
}

const MARKER = 'bot_defaults_seeded';

export function loadBotDefaults(dir = projectPath('src', 'modules', 'bot', 'defaults')): BotDefaults {
  const where = (file: string, err: z.ZodError) => {
    const issue = err.issues[0]!;
    return new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  };
  const intentsFile = join(dir, 'intents.yaml');
  const parsedIntents = z.array(intentDefinitionSchema).safeParse(parseYaml(readFileSync(intentsFile, 'utf8')));
  if (!parsedIntents.success) throw where(intentsFile, parsedIntents.error);
  const flows = readdirSync(join(dir, 'flows'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const path = join(dir, 'flows', file);
      const parsed = flowDefinitionSchema.safeParse(parseYaml(readFileSync(path, 'utf8')));
      if (!parsed.success) throw where(path, parsed.error);
      return { slug: file.replace(/\.yaml$/, ''), definition: parsed.data };
    });
  const names = new Set<string>();
  for (const intent of parsedIntents.data) {
    if (names.has(intent.name)) throw new Error(`${intentsFile}: intent "${intent.name}" is defined twice`);
    names.add(intent.name);
    if (intent.answer.type === 'flow' && !flows.some((f) => f.slug === (intent.answer as { flow: string }).flow)) {
      throw new Error(`${intentsFile}: intent "${intent.name}" starts flow "${intent.answer.flow}", which has no file`);
    }
  }
  return { intents: parsedIntents.data, flows };
}

/** Rows of one intent's examples, in insertion-friendly chunks. */
export function exampleRows(intentId: string, examples: IntentDefinition['examples']): { id: string; intent_id: string; locale: string; text: string }[] {
  return Object.entries(examples).flatMap(([locale, texts]) => (texts ?? []).map((text) => ({ id: newId(), intent_id: intentId, locale, text })));
}

export async function insertIntent(trx: Tx, intent: IntentDefinition, now = nowIso()): Promise<string> {
  const id = newId();
  await trx
    .insertInto('bot_intents')
    .values({ id, name: intent.name, answer: encodeIntentAnswer(intent), enabled: intent.enabled ? 1 : 0, created_at: now, updated_at: now })
    .execute();
  const rows = exampleRows(id, intent.examples);
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('bot_examples').values(rows.slice(i, i + 200)).execute();
  return id;
}

/**
 * Loads the shipped intents and flows, once per installation (a settings marker claimed in the
 * same transaction, so two nodes starting together seed once). Intents or flows an admin
 * already created under the same name are left alone.
 */
export async function seedBotDefaults(ctx: AppContext, defaults: BotDefaults = loadBotDefaults()): Promise<boolean> {
  return ctx.transaction(async (trx) => {
    const now = nowIso();
    if (!(await claimOnce(trx, MARKER))) return false;
    const existingIntents = new Set((await trx.selectFrom('bot_intents').select('name').execute()).map((r) => r.name));
    for (const intent of defaults.intents) if (!existingIntents.has(intent.name)) await insertIntent(trx, intent, now);
    const existingFlows = new Set((await trx.selectFrom('bot_flows').select('slug').execute()).map((r) => r.slug));
    for (const flow of defaults.flows) {
      if (existingFlows.has(flow.slug)) continue;
      await trx
        .insertInto('bot_flows')
        .values({ id: newId(), slug: flow.slug, definition: JSON.stringify(flow.definition), enabled: 1, created_at: now, updated_at: now })
        .execute();
    }
    return true;
  });
}

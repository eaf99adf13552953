import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { projectPath } from '../../platform/paths.js';
import { loadBotDefaults, type BotDefaults } from './defaults.js';
import { decodeIntentAnswer, encodeIntentAnswer, flowDefinitionSchema, intentDefinitionSchema, type FlowDefinition } from './definitions.js';

/**
 * Shipped defaults are seeded once; after that they are the admins'. When a later version ships a
 * better answer (account_hacked: an article → the emergency-freeze flow), an installation seeded
 * before keeps the old one — unless this upgrade runs: at every start, an intent or flow whose
 * stored form is exactly a version we shipped before (defaults/previous.yaml) was never touched
 * by an admin, and becomes the current default; any other stored form is an admin's and stays.
 * Each row is updated only if it still holds what was read (two nodes starting together agree).
 */
const previousSchema = z.strictObject({
  intents: z.record(z.string(), z.array(intentDefinitionSchema.pick({ title: true, category: true, answer: true }))).default({}),
  flows: z.record(z.string(), z.array(flowDefinitionSchema)).default({}),
});
export type PreviousDefaults = z.infer<typeof previousSchema>;

export function loadPreviousDefaults(file = projectPath('src', 'modules', 'bot', 'defaults', 'previous.yaml')): PreviousDefaults {
  const parsed = previousSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** JSON with keys sorted, so a stored value and a shipped one compare by content, not key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const parsedJson = (json: string): unknown => {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
};

export interface UpgradeReport {
  intents: string[];
  flows: string[];
}

export async function upgradeBotDefaults(ctx: AppContext, defaults: BotDefaults = loadBotDefaults(), previous: PreviousDefaults = loadPreviousDefaults()): Promise<UpgradeReport> {
  const report: UpgradeReport = { intents: [], flows: [] };
  const shippedFlows = new Map(defaults.flows.map((f) => [f.slug, f.definition]));
  await ctx.transaction(async (trx) => {
    const now = nowIso();
    const upgradeFlow = async (slug: string, current: FlowDefinition, stored: { id: string; definition: string } | undefined) => {
      if (!stored) {
        await trx.insertInto('bot_flows').values({ id: newId(), slug, definition: JSON.stringify(current), enabled: 1, created_at: now, updated_at: now }).execute();
        return true;
      }
      const was = canonical(parsedJson(stored.definition));
      if (was === canonical(current) || !(previous.flows[slug] ?? []).some((old) => canonical(old) === was)) return false;
      const done = await trx.updateTable('bot_flows').set({ definition: JSON.stringify(current), updated_at: now }).where('id', '=', stored.id).where('definition', '=', stored.definition).executeTakeFirst();
      return done.numUpdatedRows > 0n;
    };
    const flowRow = (slug: string) => trx.selectFrom('bot_flows').select(['id', 'definition']).where('slug', '=', slug).executeTakeFirst();

    for (const intent of defaults.intents) {
      const olds = previous.intents[intent.name] ?? [];
      if (!olds.length) continue;
      const row = await trx.selectFrom('bot_intents').select(['id', 'answer']).where('name', '=', intent.name).executeTakeFirst();
      const stored = row && decodeIntentAnswer(row.answer);
      if (!row || !stored || !olds.some((old) => canonical(parsedJson(encodeIntentAnswer(old))) === canonical(parsedJson(row.answer)))) continue;
      // The flow the new answer starts: shipped with it, so added when this install never had it.
      if (intent.answer.type === 'flow') {
        const slug = intent.answer.flow;
        const existing = await flowRow(slug);
        if (!existing && (await upgradeFlow(slug, shippedFlows.get(slug)!, undefined))) report.flows.push(slug);
      }
      const done = await trx.updateTable('bot_intents').set({ answer: encodeIntentAnswer(intent), updated_at: now }).where('id', '=', row.id).where('answer', '=', row.answer).executeTakeFirst();
      if (done.numUpdatedRows > 0n) report.intents.push(intent.name);
    }
    for (const [slug, current] of shippedFlows) {
      if (!previous.flows[slug]?.length || report.flows.includes(slug)) continue;
      const stored = await flowRow(slug);
      if (stored && (await upgradeFlow(slug, current, stored))) report.flows.push(slug);
    }
  });
  return report;
}

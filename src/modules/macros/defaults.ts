import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { newId, nowIso } from '../../platform/db/ids.js';
import { projectPath } from '../../platform/paths.js';
import { bodies, shortcode } from './http/cannedSchema.js';
import { claimOnce } from '../../platform/db/settings.js';

const MARKER = 'canned_responses_seeded';

const defaultsSchema = z.array(z.strictObject({ shortcode, title: z.string().min(1).max(120), bodies }));
export type CannedDefaults = z.infer<typeof defaultsSchema>;

/** The shipped shared replies (defaults/canned-responses.yaml), checked by the API's own rules. */
export function loadCannedDefaults(file = projectPath('src', 'modules', 'macros', 'defaults', 'canned-responses.yaml')): CannedDefaults {
  const parsed = defaultsSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Loads them once per installation (a settings marker claimed in the same transaction, so two
 * nodes starting together seed once); shortcodes a supervisor already used are left alone.
 */
export async function seedCannedDefaults(ctx: AppContext, defaults: CannedDefaults = loadCannedDefaults()): Promise<boolean> {
  return ctx.transaction(async (trx) => {
    const now = nowIso();
    if (!(await claimOnce(trx, MARKER))) return false;
    const rows = defaults.map((d) => ({
      id: newId(), scope: 'shared', shortcode: d.shortcode, title: d.title, bodies: JSON.stringify(d.bodies), uses: 0, created_by: null, created_at: now, updated_at: now,
    }));
    await trx.insertInto('canned_responses').values(rows).onConflict((oc) => oc.columns(['scope', 'shortcode']).doNothing()).execute();
    return true;
  });
}

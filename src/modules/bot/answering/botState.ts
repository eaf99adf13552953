import { z } from 'zod';
import type { FlowRun } from '../flows/engine.js';
import { normaliseAnswer } from '../text.js';

/**
 * What the bot remembers about one chat (`chats.bot_state`): the language it is speaking, the
 * flow that is running and the choices it just offered — a click on a choice arrives as the
 * label typed by the customer, so it is matched here. `rev` counts replies: a reply is only
 * stored if nobody else replied since it was planned.
 */
export interface Offered {
  label: string;
  /** `intent:<name>` or `article:<slug>`. */
  value: string;
}

export interface BotState {
  rev: number;
  locale?: string;
  flow?: FlowRun;
  offered?: Offered[];
}

const stateSchema = z.object({
  rev: z.number().int().catch(0),
  locale: z.string().max(10).optional().catch(undefined),
  flow: z
    .object({ slug: z.string(), step: z.string(), fields: z.record(z.string(), z.string()), attempts: z.number().int(), secret: z.literal(true).optional() })
    .optional()
    .catch(undefined),
  offered: z.array(z.object({ label: z.string(), value: z.string() })).optional().catch(undefined),
});

/** Tolerant: a state written by an older version, or hand-edited, starts afresh rather than failing the reply. */
export function parseBotState(json: string): BotState {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(json));
    return parsed.success ? (parsed.data as BotState) : { rev: 0 };
  } catch {
    return { rev: 0 };
  }
}

/** Whether the chat's next customer message answers a question for a one-time code (the chat seals it). */
export function awaitsSecretAnswer(json: string | null): boolean {
  return !!json && json.includes('"secret":true') && parseBotState(json).flow?.secret === true;
}

/** The offered choice the customer picked: by its label (what the widget sends), or its number. */
export function pickOffered(text: string, offered: readonly Offered[]): Offered | null {
  const said = normaliseAnswer(text);
  if (!said) return null;
  return offered.find((o, i) => normaliseAnswer(o.label) === said || said === String(i + 1)) ?? null;
}

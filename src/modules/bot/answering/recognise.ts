import type { AppContext } from '../../../context.js';
import { botOf } from '../brain.js';
import { loadBotSettings } from '../settings.js';
import { judge } from './responder.js';

/**
 * What the bot understands a text to be about, for channels the bot does not converse on (an
 * email, the portal's ticket form): the same model and the same "answer alone" threshold the chat
 * uses, so "my account was hacked" means the same emergency on every channel without a second
 * keyword list to keep in step. Each text (a subject, a paragraph) is judged on its own — a long
 * email dilutes what its first line says plainly — and only those the bot would answer alone count.
 */
export async function recogniseIntents(ctx: AppContext, texts: string[]): Promise<{ intent: string; confidence: number }[]> {
  const settings = await loadBotSettings(ctx.db);
  if (!settings.enabled) return [];
  // The stored model only, never a training run on the spot: every email and form would pay for
  // it on a fresh installation (the first model is trained 30 s after start anyway).
  const brain = botOf(ctx);
  const model = brain.current ?? (await brain.loadNewest());
  if (!model) return [];
  return texts
    .map((x) => x.trim())
    .filter(Boolean)
    .map((text) => model.classifier.predict(text.slice(0, 1000)))
    .filter((p) => judge(p, model, settings) === 'answer')
    .map((p) => ({ intent: p.intent, confidence: p.confidence }));
}

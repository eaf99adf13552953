import { t } from '../../../platform/i18n/index.js';
import type { DbOrTx } from '../../../platform/db/index.js';
import { publishedArticle } from '../../helpcenter/queries.js';
import { articleUrl } from '../../helpcenter/urls.js';
import type { AutomatedMessage as BotMessage } from '../../tickets/commands/automatedMessageWriter.js';
import type { BotTicketChanges } from '../ticketChanges.js';
import type { FlowEnd, FlowMessage } from '../flows/engine.js';
import type { FlowDefinition } from '../definitions.js';
import { chromeLocale, pick } from '../text.js';
import type { BotState } from './botState.js';

/** Everything one reply does, decided before its transaction (see botReplier). */
export interface ReplyPlan {
  messages: BotMessage[];
  state: BotState;
  handover?: { reason: 'bot' | 'flow'; category?: string };
  ticket?: BotTicketChanges;
  /** Recorded in bot_replies: what the bot understood (null: nothing it knows). */
  intent: string | null;
  confidence: number | null;
}

export interface ArticleCard {
  slug: string;
  title: string;
  summary: string;
  url: string;
}

/** An article in the reader's locale (or the help center's fallback), with an absolute link for widgets on other sites. */
export async function articleCard(db: DbOrTx, publicUrl: string, slug: string, locale: string): Promise<ArticleCard | null> {
  const article = await publishedArticle(db, slug, locale);
  if (!article) return null;
  return { slug, title: article.title, summary: article.summary, url: new URL(articleUrl(article.locale, slug), publicUrl).toString() };
}

export const articleMessage = (card: ArticleCard, locale: string): BotMessage => ({
  body: `${t(chromeLocale(locale), 'bot.article.lead')}\n${card.title}\n\n${card.summary}`,
  meta: { article: card },
});

/** A flow's messages as chat messages: its text, then a card per article it points to. */
export async function flowMessages(db: DbOrTx, publicUrl: string, messages: FlowMessage[], locale: string): Promise<BotMessage[]> {
  const out: BotMessage[] = [];
  for (const m of messages) {
    const cards = (await Promise.all((m.articles ?? []).map((slug) => articleCard(db, publicUrl, slug, locale)))).filter((c): c is ArticleCard => !!c);
    const [first, ...more] = cards;
    out.push({ body: m.body, meta: { ...(first ? { article: first } : {}), ...(m.choices ? { choices: m.choices } : {}) } });
    for (const card of more) out.push({ body: card.title, meta: { article: card } });
  }
  return out;
}

const whyKey: Record<Exclude<FlowEnd, { kind: 'done' }>['why'] | 'customer', string> = {
  step: 'bot.summary.why.step',
  stuck: 'bot.summary.why.stuck',
  action_failed: 'bot.summary.why.actionFailed',
  customer: 'bot.summary.why.customer',
};

/** The internal note an agent reads first: which flow, why it ended with them, what was collected. */
export function handoverSummary(flow: FlowDefinition, why: keyof typeof whyKey, fields: Record<string, string>, locale: string): BotMessage {
  const ui = chromeLocale(locale);
  const lines = Object.entries(fields).filter(([, v]) => v).map(([k, v]) => `- ${k}: ${v}`);
  const action = Object.values(flow.steps).find((s) => s.type === 'action');
  return {
    body: [
      t(ui, 'bot.summary.title', { flow: pick(flow.title, locale) }),
      t(ui, whyKey[why]!, { action: action?.type === 'action' ? action.action : '' }),
      lines.length ? `${t(ui, 'bot.summary.collected')}\n${lines.join('\n')}` : t(ui, 'bot.summary.nothing'),
    ].join('\n'),
    meta: { flowSummary: { fields } },
    visibility: 'internal',
  };
}

/** Every bot answer ends with a visible way to a person. */
export function withHandoverButton(messages: BotMessage[]): BotMessage[] {
  const lastPublic = messages.map((m) => m.visibility ?? 'public').lastIndexOf('public');
  return messages.map((m, i) => (i === lastPublic ? { ...m, meta: { ...(m.meta ?? {}), handover: true } } : m));
}

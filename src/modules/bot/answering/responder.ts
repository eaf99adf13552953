import { t } from '../../../platform/i18n/index.js';
import type { Db } from '../../../platform/db/index.js';
import { OUT_OF_SCOPE, type Prediction } from '../../../platform/nlu/index.js';
import type { KnowledgeBase } from '../../helpcenter/knowledgeBase.js';
import type { TicketRow } from '../../tickets/ticketEvents.js';
import type { BotBrain, LoadedModel } from '../brain.js';
import type { FlowDefinition } from '../definitions.js';
import { continueFlow, startFlow, type FlowEnv, type FlowTurn } from '../flows/engine.js';
import { enabledFlow, enabledIntents, type Intent } from '../queries.js';
import type { BotSettings } from '../settings.js';
import { chromeLocale, pick, scriptLocale } from '../text.js';
import { pickOffered, type BotState, type Offered } from './botState.js';
import { articleCard, articleMessage, flowMessages, handoverSummary, withHandoverButton, type ReplyPlan } from './replyPlan.js';

export interface ResponderDeps {
  db: Db;
  kb: KnowledgeBase;
  brain: BotBrain;
  publicUrl: string;
}

export interface Incoming {
  ticket: TicketRow;
  topic: string | null;
  state: BotState;
  text: string;
  settings: BotSettings;
}

type Verdict = 'answer' | 'suggest' | 'unknown';

/** Thresholds: an admin's pinned values, else the ones calibrated with the model. */
export function judge(p: Prediction, model: LoadedModel, settings: BotSettings): Verdict {
  if (p.intent === OUT_OF_SCOPE) return 'unknown';
  // Out of scope although confident enough: the model barely knows the words (mashing, another script).
  if (p.outOfScope && p.confidence >= model.classifier.threshold) return 'unknown';
  const answerAt = settings.answerThreshold ?? model.metrics.answerThreshold ?? 0.5;
  const suggestAt = settings.suggestThreshold ?? model.metrics.suggestThreshold ?? model.classifier.threshold;
  if (p.confidence >= answerAt) return 'answer';
  return p.confidence >= suggestAt ? 'suggest' : 'unknown';
}

/**
 * Decides the bot's reply to one customer message: continue the running flow, take an offered
 * choice, or classify and answer, suggest or search. Reads only; botReplier stores the plan.
 */
export async function planReply(deps: ResponderDeps, incoming: Incoming): Promise<ReplyPlan> {
  const { state, text, ticket } = incoming;
  const locale = scriptLocale(text) ?? state.locale ?? ticket.locale;
  const next: BotState = { rev: state.rev + 1, locale, ...(state.flow ? { flow: state.flow } : {}) };
  const reply = new Reply(deps, incoming, locale, next);

  if (!text.trim()) return reply.say(t(chromeLocale(locale), 'bot.noText'), { keepOffered: true });

  const picked = state.offered ? pickOffered(text, state.offered) : null;
  if (picked) return reply.chosen(picked);

  const model = await deps.brain.classifier();
  const prediction = model ? model.classifier.predict(text.slice(0, 1000)) : null;
  const verdict = prediction && model ? judge(prediction, model, incoming.settings) : 'unknown';

  if (state.flow) {
    const inFlow = await reply.inFlow(state.flow, prediction, verdict);
    if (inFlow) return inFlow;
  }
  if (!prediction || verdict === 'unknown') return reply.search(prediction);
  if (verdict === 'suggest') return reply.suggest(prediction);
  return reply.intent(prediction.intent, prediction.confidence);
}

/** Builds the plan for one message; each method is one way the bot can answer. */
class Reply {
  private readonly ui;

  constructor(
    private readonly deps: ResponderDeps,
    private readonly incoming: Incoming,
    private readonly locale: string,
    private readonly state: BotState,
  ) {
    this.ui = chromeLocale(locale);
  }

  private plan(messages: ReplyPlan['messages'], extra: Partial<ReplyPlan> = {}): ReplyPlan {
    return { messages: withHandoverButton(messages), state: this.state, intent: null, confidence: null, ...extra };
  }

  say(body: string, options: { keepOffered?: boolean } = {}): ReplyPlan {
    if (options.keepOffered && this.incoming.state.offered) this.state.offered = this.incoming.state.offered;
    return this.plan([{ body, meta: null }]);
  }

  async chosen(picked: Offered): Promise<ReplyPlan> {
    const [kind, name] = [picked.value.slice(0, picked.value.indexOf(':')), picked.value.slice(picked.value.indexOf(':') + 1)];
    // A new topic: whatever flow was running is left behind.
    delete this.state.flow;
    if (kind === 'article') {
      const card = await articleCard(this.deps.db, this.deps.publicUrl, name, this.locale);
      if (card) return this.plan([articleMessage(card, this.locale)]);
      return this.search(null);
    }
    return this.intent(name, 1);
  }

  /** The answer of a known intent; an intent that is gone or cannot answer falls back to search. */
  async intent(name: string, confidence: number): Promise<ReplyPlan> {
    const intent = (await enabledIntents(this.deps.db, [name])).get(name);
    if (!intent) return this.search(null);
    const understood = { intent: name, confidence };
    const { answer } = intent;
    switch (answer.type) {
      case 'text':
        return this.plan([{ body: pick(answer.text, this.locale), meta: null }], understood);
      case 'article': {
        const card = await articleCard(this.deps.db, this.deps.publicUrl, answer.slug, this.locale);
        return card ? this.plan([articleMessage(card, this.locale)], understood) : this.search(null, understood);
      }
      case 'flow': {
        const flow = await enabledFlow(this.deps.db, answer.flow);
        if (!flow) return this.search(null, understood);
        return this.flowTurn(flow, await startFlow(answer.flow, flow, this.flowEnv()), understood);
      }
      case 'handover': {
        const card = answer.article ? await articleCard(this.deps.db, this.deps.publicUrl, answer.article, this.locale) : null;
        const body = t(this.ui, answer.urgent ? 'bot.urgent' : 'bot.handover.connecting');
        delete this.state.flow;
        const category = intent.category ?? this.incoming.topic ?? undefined;
        return this.plan([{ body, meta: card ? { article: card } : null }], {
          ...understood,
          handover: { reason: 'bot', ...(category ? { category } : {}) },
          ...(answer.urgent ? { ticket: { priority: 'urgent' as const, ...(intent.category ? { category: intent.category } : {}) } } : {}),
        });
      }
    }
  }

  /** "Did you mean…": the best three intents the bot can name, as buttons. */
  async suggest(p: Prediction): Promise<ReplyPlan> {
    const names = p.ranking.map((r) => r.intent).filter((n) => n !== OUT_OF_SCOPE);
    const intents = await enabledIntents(this.deps.db, names);
    const offered = names.flatMap((n) => {
      const intent = intents.get(n);
      return intent ? [{ label: pick(intent.title, this.locale) || n, value: `intent:${n}` }] : [];
    });
    if (offered.length < 2) return offered.length === 1 ? this.intent(names[0]!, p.confidence) : this.search(p);
    this.state.offered = offered;
    return this.plan([{ body: t(this.ui, 'bot.suggest.prompt'), meta: { choices: offered } }], { intent: p.intent, confidence: p.confidence });
  }

  /** Nothing the bot knows: the help center's best hits as choices, or an apology. */
  search(p: Prediction | null, understood: Partial<ReplyPlan> = {}): ReplyPlan {
    const hits = this.deps.kb.search(this.incoming.text.slice(0, 200), { locale: this.locale, limit: 3 });
    const extra = { intent: null, confidence: p?.confidence ?? null, ...understood };
    if (hits.length === 0) return this.plan([{ body: t(this.ui, 'bot.apology'), meta: null }], extra);
    const offered = hits.map((h) => ({ label: h.title, value: `article:${h.slug}` }));
    this.state.offered = offered;
    return this.plan([{ body: t(this.ui, 'bot.search.lead'), meta: { choices: offered } }], extra);
  }

  /**
   * A running flow takes the message, unless the customer asks for a person, or has failed its
   * question `leaveFlowAfter` times and is clearly asking something else. null = not the flow's.
   */
  async inFlow(run: NonNullable<BotState['flow']>, p: Prediction | null, verdict: Verdict): Promise<ReplyPlan | null> {
    const flow = await enabledFlow(this.deps.db, run.slug);
    delete this.state.flow;
    if (!flow) return null;
    if (p && verdict === 'answer' && p.intent === 'talk_to_human') {
      return this.flowTurn(flow, { messages: [{ body: t(this.ui, 'bot.handover.connecting') }], run: null, end: { kind: 'handover', why: 'step', ...(flow.category ? { category: flow.category } : {}), fields: run.fields, urgent: false } }, { intent: p.intent, confidence: p.confidence }, 'customer');
    }
    const turn = await continueFlow(flow, run, this.incoming.text, this.flowEnv());
    if (!turn) return null;
    if (turn.invalid && turn.run && turn.run.attempts >= this.incoming.settings.leaveFlowAfter && p && verdict === 'answer') {
      const other = (await enabledIntents(this.deps.db, [p.intent])).get(p.intent);
      if (other && !startsFlow(other, run.slug)) return null;
    }
    return this.flowTurn(flow, turn, { intent: null, confidence: null });
  }

  private async flowTurn(flow: FlowDefinition, turn: FlowTurn, understood: Partial<ReplyPlan>, why?: 'customer'): Promise<ReplyPlan> {
    const messages = await flowMessages(this.deps.db, this.deps.publicUrl, turn.messages, this.locale);
    if (turn.run) this.state.flow = turn.run;
    else delete this.state.flow;
    const end = turn.end;
    if (end?.kind !== 'handover') return this.plan(messages, understood);
    if (end.why === 'stuck' || end.why === 'action_failed') {
      messages.push({ body: t(this.ui, end.why === 'stuck' ? 'bot.flow.stuck' : 'bot.flow.actionFailed'), meta: null });
    }
    messages.push(handoverSummary(flow, why ?? end.why, end.fields, this.locale));
    const category = end.category ?? this.incoming.topic ?? undefined;
    return this.plan(messages, {
      ...understood,
      handover: { reason: 'flow', ...(category ? { category } : {}) },
      ticket: { ...(end.category ? { category: end.category } : {}), fields: end.fields, ...(end.urgent ? { priority: 'urgent' as const } : {}) },
    });
  }

  private flowEnv(): FlowEnv {
    const { ticket } = this.incoming;
    return {
      locale: this.locale,
      runAction: (name, params, fields) => this.deps.brain.actions.run(name, { params, fields, locale: this.locale, ticketId: ticket.id, customerId: ticket.customer_id }),
    };
  }
}

const startsFlow = (intent: Intent, slug: string): boolean => intent.answer.type === 'flow' && intent.answer.flow === slug;

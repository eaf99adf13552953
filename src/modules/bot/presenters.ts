import type { Prediction } from '../../platform/nlu/index.js';
import type { AgentActor } from '../identity/actor.js';
import type { LoadedModel } from './brain.js';
import type { ReplyPlan } from './answering/replyPlan.js';
import type { FlowDefinition } from './definitions.js';
import type { FlowRow, Intent } from './queries.js';

/** Pure shapes of the bot API; they never query. */
export function presentIntent(intent: Intent, examples: Record<string, string[]>) {
  return {
    id: intent.id,
    name: intent.name,
    title: intent.title,
    category: intent.category ?? null,
    answer: intent.answer,
    enabled: intent.enabled,
    examples,
    exampleCount: Object.values(examples).reduce((n, list) => n + list.length, 0),
    createdAt: intent.createdAt,
    updatedAt: intent.updatedAt,
  };
}

export function presentFlow(row: FlowRow, definition: FlowDefinition | null) {
  return {
    id: row.id,
    slug: row.slug,
    enabled: row.enabled === 1,
    // A definition stored by an older version that no longer validates is shown raw, flagged.
    definition: definition ?? (JSON.parse(row.definition) as unknown),
    valid: definition !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentModel(model: LoadedModel | null, current: boolean) {
  if (!model) return { model: null, current: false };
  return { model: { id: model.id, createdAt: model.createdAt, ...model.metrics }, current };
}

export function presentPrediction(p: Prediction | null) {
  return p ? { intent: p.intent, confidence: p.confidence, ranking: p.ranking, outOfScope: p.outOfScope } : null;
}

/** What the bot would send: the customer's messages (and the agent note), no ids. */
export function presentPlan(plan: ReplyPlan) {
  return {
    messages: plan.messages.map((m) => ({ body: m.body, meta: m.meta, visibility: m.visibility ?? 'public' })),
    handover: plan.handover ?? null,
    ticket: plan.ticket ?? null,
    flow: plan.state.flow ? { slug: plan.state.flow.slug, step: plan.state.flow.step } : null,
  };
}

/** What the caller may do, so the console does not re-implement the rules. */
export function botAbilities(actor: AgentActor) {
  const admin = actor.role === 'admin' && actor.scopes.has('admin');
  return { edit: admin, train: admin, test: true };
}

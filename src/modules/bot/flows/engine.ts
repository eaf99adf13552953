import { t } from '../../../platform/i18n/index.js';
import type { Category } from '../../tickets/categories.js';
import type { ActionFailure, ActionResult } from '../actions/registry.js';
import type { AskStep, FlowDefinition } from '../definitions.js';
import { chromeLocale, fill, normaliseAnswer, pick } from '../text.js';

/**
 * Runs a flow definition one customer answer at a time. Pure apart from the actions it calls:
 * the caller stores the returned `run` in the chat's bot state and writes the messages.
 */
export interface FlowRun {
  slug: string;
  /** The ask step waiting for an answer. */
  step: string;
  fields: Record<string, string>;
  /** Answers in a row that did not fit this step. */
  attempts: number;
  /** The waiting step asked for a one-time code: the chat seals the next answer (security/sealedAnswers.ts). */
  secret?: true;
}

export interface FlowChoice {
  label: string;
  value: string;
}

export interface FlowMessage {
  body: string;
  articles?: string[];
  choices?: FlowChoice[];
}

export type FlowEnd =
  | { kind: 'done' }
  | { kind: 'handover'; why: 'step' | 'action_failed' | 'stuck'; category?: Category; fields: Record<string, string>; urgent: boolean };

export interface FlowTurn {
  messages: FlowMessage[];
  /** null once the flow has ended. */
  run: FlowRun | null;
  end?: FlowEnd;
  /** The answer did not fit the question (it was asked again, or the flow gave up). */
  invalid?: boolean;
}

export interface FlowEnv {
  locale: string;
  runAction(name: string, params: Record<string, string>, fields: Record<string, string>): Promise<ActionResult | ActionFailure>;
}

/** More steps than this in one turn means a definition the validator let through by mistake. */
const MAX_STEPS_PER_TURN = 40;

export function startFlow(slug: string, flow: FlowDefinition, env: FlowEnv): Promise<FlowTurn> {
  return walk(flow, { slug, step: flow.start, fields: {}, attempts: 0 }, flow.start, [], env);
}

/** The customer's answer to the waiting question; null when the flow no longer has that question (edited meanwhile). */
export async function continueFlow(flow: FlowDefinition, run: FlowRun, answer: string, env: FlowEnv): Promise<FlowTurn | null> {
  const step = flow.steps[run.step];
  if (!step || step.type !== 'ask') return null;
  const matched = matchAnswer(step, answer, env.locale);
  if (!matched) {
    const attempts = run.attempts + 1;
    if (attempts >= flow.maxAttempts) {
      return { messages: [], run: null, invalid: true, end: { kind: 'handover', why: 'stuck', ...(flow.category ? { category: flow.category } : {}), fields: run.fields, urgent: false } };
    }
    const reask = ask(step, run.fields, env.locale);
    const invalid = step.invalid ? fill(pick(step.invalid, env.locale), run.fields) : t(chromeLocale(env.locale), 'bot.flow.invalid');
    return { messages: [{ ...reask, body: `${invalid}\n\n${reask.body}` }], run: { ...run, attempts }, invalid: true };
  }
  const fields = { ...run.fields };
  if (step.field) {
    if (matched.value) fields[step.field] = matched.value;
    else delete fields[step.field];
  }
  const next = matched.next ?? step.next;
  if (!next) return { messages: [], run: null, end: { kind: 'done' } };
  const { secret: _, ...rest } = run;
  const turn = await walk(flow, { ...rest, fields, attempts: 0 }, next, [], env);
  return step.secret && step.field ? forget(turn, step.field) : turn;
}

/** A secret answer served the steps of this turn (the action that checks it) and is kept nowhere. */
function forget(turn: FlowTurn, field: string): FlowTurn {
  const drop = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).filter(([k]) => k !== field));
  return {
    ...turn,
    run: turn.run && { ...turn.run, fields: drop(turn.run.fields) },
    ...(turn.end?.kind === 'handover' ? { end: { ...turn.end, fields: drop(turn.end.fields) } } : {}),
  };
}

function ask(step: AskStep, fields: Record<string, string>, locale: string): FlowMessage {
  const choices = step.choices?.map((c) => ({ label: pick(c.label, locale) || c.value, value: c.value }));
  return { body: fill(pick(step.say, locale), fields), ...(choices?.length ? { choices } : {}) };
}

async function walk(flow: FlowDefinition, run: FlowRun, from: string, messages: FlowMessage[], env: FlowEnv): Promise<FlowTurn> {
  let id: string | undefined = from;
  let fields = run.fields;
  for (let hops = 0; id !== undefined && hops < MAX_STEPS_PER_TURN; hops++) {
    const step: FlowDefinition['steps'][string] | undefined = flow.steps[id];
    if (!step) break;
    switch (step.type) {
      case 'ask':
        messages.push(ask(step, fields, env.locale));
        return { messages, run: { ...run, step: id, fields, attempts: 0, ...(step.secret ? { secret: true as const } : {}) } };
      case 'message':
        messages.push({ body: fill(pick(step.say, env.locale), fields), ...(step.articles?.length ? { articles: step.articles } : {}) });
        if (!step.next) return { messages, run: null, end: { kind: 'done' } };
        id = step.next;
        break;
      case 'action': {
        const params = Object.fromEntries(Object.entries(step.input ?? {}).map(([k, v]) => [k, fill(v, fields)]));
        const result = await env.runAction(step.action, params, fields);
        if ('failed' in result) return handover(flow, messages, fields, 'action_failed');
        fields = { ...fields, ...(result.fields ?? {}) };
        id = step.outcomes[result.outcome] ?? step.default;
        break;
      }
      case 'handover': {
        if (step.say) messages.push({ body: fill(pick(step.say, env.locale), fields) });
        const category = step.category ?? flow.category;
        const ticketFields = Object.fromEntries(
          Object.entries(step.fields ?? {}).map(([k, v]) => [k, fill(v, fields).trim()] as const).filter(([, v]) => v !== ''),
        );
        return { messages, run: null, end: { kind: 'handover', why: 'step', ...(category ? { category } : {}), fields: ticketFields, urgent: step.urgent ?? false } };
      }
    }
  }
  // A step that vanished or a runaway chain: a person takes it from here.
  return handover(flow, messages, fields, 'action_failed');
}

function handover(flow: FlowDefinition, messages: FlowMessage[], fields: Record<string, string>, why: 'action_failed' | 'stuck'): FlowTurn {
  return { messages, run: null, end: { kind: 'handover', why, ...(flow.category ? { category: flow.category } : {}), fields, urgent: false } };
}

const transforms: Record<string, (s: string) => string> = {
  trim: (s) => s.trim(),
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  compact: (s) => s.replace(/\s+/g, ''),
  digits: (s) => s.replace(/\D+/g, ''),
};

/**
 * A choice by its label (any locale, as the widget sends the label), its value or its number;
 * else free text that fits the step's pattern; else any text when the step restricts nothing.
 */
export function matchAnswer(step: AskStep, answer: string, locale: string): { value: string; next?: string } | null {
  const said = normaliseAnswer(answer);
  const choices = step.choices ?? [];
  for (const [i, c] of choices.entries()) {
    const names = [c.value, ...Object.values(c.label ?? {}), String(i + 1)].map((x) => normaliseAnswer(String(x)));
    if (said && names.includes(said)) return { value: c.value, ...(c.next ? { next: c.next } : {}) };
  }
  // The label in the reader's own locale, once more without normalising away meaningful symbols.
  const exact = choices.find((c) => pick(c.label, locale).trim() === answer.trim());
  if (exact) return { value: exact.value, ...(exact.next ? { next: exact.next } : {}) };
  const value = (step.transform ?? []).reduce((s, name) => transforms[name]!(s), answer.trim()).slice(0, 500);
  if (step.pattern) return new RegExp(step.pattern, 'u').test(value) ? { value } : null;
  if (choices.length) return null;
  return value ? { value } : null;
}

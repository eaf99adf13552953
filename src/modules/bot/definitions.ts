import { z } from 'zod';
import { customerLocales } from '../identity/customers.js';
import { slug } from '../helpcenter/http/kbSchema.js';
import { categories, categoryFields, type Category } from '../tickets/categories.js';

/**
 * What admins edit: intents (examples per locale and what the bot answers) and flows (small
 * guided dialogues). The same schemas check the shipped YAML at start and every API write, so a
 * definition the API accepted always runs; a bad one is refused naming the exact field.
 */
export const localeSchema = z.enum(customerLocales);

/** Text in one or more customer locales; readers get theirs, else English, else any. */
export const localizedText = (max: number) =>
  z
    .partialRecord(localeSchema, z.string().trim().min(1).max(max))
    .refine((v) => Object.keys(v).length > 0, 'give the text in at least one locale');
export type LocalizedText = Partial<Record<(typeof customerLocales)[number], string>>;

/** Articles and flows share the help center's slug rule (lower-case letters, digits, single hyphens). */
export const articleSlug = slug.describe('Help-center article slug');
export const flowSlug = slug.describe('Flow slug');
export const intentName = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and underscores, starting with a letter');

export const answerSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('article'), slug: articleSlug.describe('Help-center article the bot summarises and links') }),
  z.strictObject({ type: z.literal('flow'), flow: flowSlug.describe('Guided flow the bot starts') }),
  z.strictObject({
    type: z.literal('handover'),
    urgent: z.boolean().optional().describe('Raise the ticket to urgent and tell the customer what to do right now'),
    article: articleSlug.optional().describe('Article shown while the customer waits'),
  }),
  z.strictObject({ type: z.literal('text'), text: localizedText(2000).describe('Reply per locale') }),
]);
export type IntentAnswer = z.infer<typeof answerSchema>;

export const examplesSchema = z
  .partialRecord(localeSchema, z.array(z.string().trim().min(1).max(300)).max(500))
  .describe('Example phrasings per locale');
export type IntentExamples = z.infer<typeof examplesSchema>;

/** An intent as the YAML and the API describe it. */
export const intentDefinitionSchema = z.strictObject({
  name: intentName.describe('Unique name, e.g. deposit_not_credited'),
  title: localizedText(60).describe('How the bot names the intent when it offers it as a choice'),
  category: z.enum(categories).optional().describe('Ticket category for routing when the bot hands over'),
  answer: answerSchema,
  enabled: z.boolean().default(true),
  examples: examplesSchema,
});
export type IntentDefinition = z.infer<typeof intentDefinitionSchema>;

/**
 * `bot_intents.answer` holds the answer plus the intent's title and category (the table has no
 * columns of their own for them): `{ type, …, title, category? }`.
 */
export interface StoredIntentAnswer {
  answer: IntentAnswer;
  title: LocalizedText;
  category?: Category;
}

const storedExtras = z.object({ title: localizedText(60).catch({}), category: z.enum(categories).optional().catch(undefined) });

export function encodeIntentAnswer(stored: StoredIntentAnswer): string {
  return JSON.stringify({ ...stored.answer, title: stored.title, ...(stored.category ? { category: stored.category } : {}) });
}

/** null when the row holds something no version of the bot wrote (then the intent cannot answer). */
export function decodeIntentAnswer(json: string): StoredIntentAnswer | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object') return null;
  const { title, category, ...answer } = raw as Record<string, unknown>;
  const parsedAnswer = answerSchema.safeParse(answer);
  if (!parsedAnswer.success) return null;
  const extras = storedExtras.parse({ title, category });
  return { answer: parsedAnswer.data, title: extras.title, ...(extras.category ? { category: extras.category } : {}) };
}

// ----- flows -----

const stepId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, 'a step id: a letter, then letters, digits, _ or -');
const fieldName = z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'a field name in camelCase, e.g. txHash');
const template = z.string().max(200);
/** Actions are named by the module that provides them, e.g. chain.checkTxHash, exchange.depositByTxHash. */
export const actionName = z.string().regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)+$/, 'a dotted action name, e.g. chain.checkTxHash');

const pattern = z
  .string()
  .min(1)
  .max(300)
  .refine((p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');

const choiceSchema = z.strictObject({
  value: z.string().max(100).describe('What is stored in the field; empty = skip the field'),
  label: localizedText(60).optional().describe('Button text per locale; default: the value'),
  next: stepId.optional().describe('Step after this choice; default: the step\'s next'),
});

const askStep = z.strictObject({
  type: z.literal('ask'),
  say: localizedText(1000),
  field: fieldName.optional().describe('Where the answer is stored'),
  choices: z.array(choiceSchema).min(1).max(8).optional(),
  pattern: pattern.optional().describe('Free-text answers must match (after transform)'),
  transform: z.array(z.enum(['trim', 'upper', 'lower', 'compact', 'digits'])).max(4).optional().describe('compact removes all spaces, digits all but digits'),
  invalid: localizedText(500).optional().describe('Said before asking again after an answer that does not fit'),
  secret: z.boolean().optional().describe('A one-time code: the answer is stored sealed, passed to the next steps once and never kept in the fields'),
  next: stepId.optional(),
});
const actionStep = z.strictObject({
  type: z.literal('action'),
  action: actionName,
  input: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/), template).optional().describe('Parameters; {field} is replaced by a collected answer'),
  outcomes: z.record(z.string().regex(/^[a-z][a-z0-9_]{0,39}$/), stepId).default({}),
  default: stepId.describe('Step for any other outcome'),
});
const messageStep = z.strictObject({
  type: z.literal('message'),
  say: localizedText(2000),
  articles: z.array(articleSlug).max(3).optional().describe('Article cards shown with the message'),
  next: stepId.optional().describe('Continue here; none = the flow ends'),
});
const handoverStep = z.strictObject({
  type: z.literal('handover'),
  say: localizedText(1000).optional(),
  category: z.enum(categories).optional().describe("Ticket category; default: the flow's"),
  fields: z.record(fieldName, template).optional().describe('Ticket fields filled from the answers, e.g. { txHash: "{txHash}" }'),
  urgent: z.boolean().optional(),
});

export const stepSchema = z.discriminatedUnion('type', [askStep, actionStep, messageStep, handoverStep]);
export type FlowStep = z.infer<typeof stepSchema>;
export type AskStep = z.infer<typeof askStep>;

/** Every step a step can lead to. */
export function nextSteps(step: FlowStep): string[] {
  switch (step.type) {
    case 'ask':
      return [step.next, ...(step.choices ?? []).map((c) => c.next)].filter((s): s is string => !!s);
    case 'action':
      return [...Object.values(step.outcomes), step.default];
    case 'message':
      return step.next ? [step.next] : [];
    case 'handover':
      return [];
  }
}

type Issue = { message: string; path: (string | number)[] };

function checkFlow(flow: { start: string; category?: Category; steps: Record<string, FlowStep> }): Issue[] {
  const issues: Issue[] = [];
  const ids = new Set(Object.keys(flow.steps));
  if (!ids.has(flow.start)) issues.push({ message: `no step "${flow.start}"`, path: ['start'] });
  for (const [id, step] of Object.entries(flow.steps)) {
    const at = ['steps', id];
    const refs: [string | undefined, (string | number)[]][] = [];
    if (step.type === 'ask') {
      refs.push([step.next, [...at, 'next']]);
      step.choices?.forEach((c, i) => refs.push([c.next, [...at, 'choices', i, 'next']]));
      if (!step.next && !(step.choices?.length && step.choices.every((c) => c.next))) {
        issues.push({ message: 'an ask step needs "next", or a "next" on every choice', path: [...at, 'next'] });
      }
      if (!step.choices?.length && !step.pattern && !step.field) issues.push({ message: 'store the answer ("field") or restrict it ("choices", "pattern")', path: [...at, 'field'] });
      // A secret answer is passed on once through its field and must have a shape to check (the code's digits).
      if (step.secret && (!step.field || !step.pattern || step.choices?.length)) issues.push({ message: 'a secret step needs "field" and "pattern" and no "choices"', path: [...at, 'secret'] });
    } else if (step.type === 'action') {
      for (const [outcome, target] of Object.entries(step.outcomes)) refs.push([target, [...at, 'outcomes', outcome]]);
      refs.push([step.default, [...at, 'default']]);
    } else if (step.type === 'message') {
      refs.push([step.next, [...at, 'next']]);
    } else {
      const category = step.category ?? flow.category;
      if (step.fields && !category) issues.push({ message: 'ticket fields need a category (on the step or the flow)', path: [...at, 'category'] });
      for (const name of Object.keys(step.fields ?? {})) {
        if (category && !categoryFields[category].some((f) => f.name === name)) {
          issues.push({ message: `the ${category} category has no field "${name}"`, path: [...at, 'fields', name] });
        }
      }
    }
    for (const [target, path] of refs) if (target !== undefined && !ids.has(target)) issues.push({ message: `no step "${target}"`, path });
  }
  if (issues.length === 0) issues.push(...loopsWithoutQuestion(flow.steps));
  return issues;
}

/** A cycle through actions and messages only would spin forever without the customer. */
function loopsWithoutQuestion(steps: Record<string, FlowStep>): Issue[] {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string): string | null => {
    const step = steps[id];
    if (!step || step.type === 'ask' || state.get(id) === 'done') return null;
    if (state.get(id) === 'open') return id;
    state.set(id, 'open');
    for (const next of nextSteps(step)) {
      const loop = visit(next);
      if (loop) return loop;
    }
    state.set(id, 'done');
    return null;
  };
  for (const id of Object.keys(steps)) {
    const loop = visit(id);
    if (loop) return [{ message: 'these steps form a loop without a question to the customer', path: ['steps', loop] }];
  }
  return [];
}

export const flowDefinitionSchema = z
  .strictObject({
    title: localizedText(80).describe('Shown to agents and in choices'),
    category: z.enum(categories).optional().describe('Ticket category the flow is about (routing, handover fields)'),
    start: stepId,
    maxAttempts: z.number().int().min(1).max(10).default(3).describe('Answers that do not fit before the flow hands over'),
    steps: z.record(stepId, stepSchema).refine((s) => Object.keys(s).length >= 1 && Object.keys(s).length <= 50, '1 to 50 steps'),
  })
  .superRefine((flow, ctx) => {
    for (const issue of checkFlow(flow)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
export type FlowDefinition = z.infer<typeof flowDefinitionSchema>;

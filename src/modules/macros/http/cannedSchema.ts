import { z } from 'zod';
import { locales } from '../../../platform/i18n/index.js';
import { unknownVariables, variables } from '../templates.js';

export const shortcode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, 'letters, digits, - and _ (2–40 characters), e.g. deposit-delay')
  .describe('What an agent types after "/" in the reply box');

const body = z
  .string()
  .trim()
  .min(1)
  .max(10_000)
  .superRefine((text, ctx) => {
    const unknown = unknownVariables(text);
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown variable {{${unknown[0]}}}; known: ${variables.join(', ')}` });
  });

export const bodies = z
  .strictObject(Object.fromEntries(locales.map((l) => [l, body.optional()])) as Record<(typeof locales)[number], z.ZodOptional<typeof body>>)
  .refine((b) => Object.values(b).some(Boolean), 'give the text in at least one language')
  .describe(`Text per language (zh-CN, en, ko); placeholders {{${variables.join('}}, {{')}}}, with a fallback as {{customer.name | there}}`);

export const createCannedBody = z.strictObject({
  shortcode,
  title: z.string().trim().min(1).max(120),
  bodies,
  personal: z.boolean().default(false).describe('Only for me; shared ones (the default) need a supervisor'),
});

export const updateCannedBody = z.strictObject({
  shortcode: shortcode.optional(),
  title: z.string().trim().min(1).max(120).optional(),
  bodies: bodies.optional().describe('Replaces every language'),
});

export const listCannedQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Matches shortcode or title'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const cannedIdParams = z.strictObject({ id: z.uuid().describe('Canned response id') });

export const renderCannedBody = z.strictObject({
  ticket: z.string().trim().min(1).max(64).describe('Ticket id or number the reply is for'),
  locale: z.enum(locales).optional().describe("Default: the ticket's language"),
});

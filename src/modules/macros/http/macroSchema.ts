import { z } from 'zod';
import { TAG } from '../../tickets/assignment.js';
import { priorities, statuses } from '../../tickets/categories.js';
import { bodies } from './cannedSchema.js';

const tag = z.string().trim().toLowerCase().regex(TAG, 'letters, digits, - _ : up to 40 characters');

/** What one click does: an optional reply or note, then field changes. */
export const macroActions = z
  .strictObject({
    reply: z
      .strictObject({
        cannedResponseId: z.uuid().optional().describe('Send this canned response, filled in for the ticket'),
        bodies: bodies.optional().describe('Or this text (same placeholders as canned responses)'),
        visibility: z.enum(['public', 'internal']).default('public'),
      })
      .refine((r) => (r.cannedResponseId ? 1 : 0) + (r.bodies ? 1 : 0) === 1, { message: 'give either cannedResponseId or bodies', path: ['bodies'] })
      .optional(),
    status: z.enum(statuses).optional(),
    priority: z.enum(priorities).optional(),
    assignee: z.union([z.enum(['me', 'nobody']), z.uuid()]).optional().describe('me, nobody, or an agent id'),
    teamId: z.uuid().nullable().optional(),
    addTags: z.array(tag).min(1).max(20).optional(),
    removeTags: z.array(tag).min(1).max(20).optional(),
  })
  .refine((a) => Object.keys(a).length > 0, 'a macro does at least one thing');
export type MacroActions = z.infer<typeof macroActions>;

const name = z.string().trim().min(1).max(80).describe('Shown on the macro button, e.g. "Deposit: ask for TxID and set pending"');

export const createMacroBody = z.strictObject({ name, actions: macroActions, personal: z.boolean().default(false) });
export const updateMacroBody = z.strictObject({ name: name.optional(), actions: macroActions.optional() });
export const macroIdParams = z.strictObject({ id: z.uuid().describe('Macro id') });
export const applyMacroBody = z.strictObject({
  ticket: z.string().trim().min(1).max(64).describe('Ticket id or number'),
  baseUpdatedAt: z.iso.datetime().optional().describe("The ticket's updatedAt as you last read it: if it changed since, nothing is done (409)"),
});

import { z } from 'zod';
import { roles } from '../actor.js';
import { pageQuery } from '../../../platform/http/pagination.js';

/** Agents administration. */
export const agentLocale = z.enum(['en', 'zh-CN', 'ko']).describe('Console language');

export const agentIdParams = z.strictObject({ id: z.uuid().describe('Agent id') });

export const listAgentsQuery = z.strictObject({
  ...pageQuery,
  role: z.enum(roles).optional().describe('Only agents with this role'),
});
export type ListAgentsQuery = z.infer<typeof listAgentsQuery>;

export const createAgentBody = z.strictObject({
  email: z.email().max(254).describe('Sign-in email, unique'),
  name: z.string().trim().min(1).max(120).describe('Display name'),
  role: z.enum(roles).describe('admin, supervisor or agent'),
  password: z.string().min(12, 'at least 12 characters').max(1024).optional().describe('Initial password; omitted = generated and returned once'),
  locale: agentLocale.optional(),
});
export type CreateAgentBody = z.infer<typeof createAgentBody>;

export const updateAgentBody = z.strictObject({
  name: z.string().trim().min(1).max(120).optional().describe('Display name'),
  role: z.enum(roles).optional().describe('New role'),
  disabled: z.boolean().optional().describe('true ends all their sessions and tokens at once'),
  locale: agentLocale.optional(),
});
export type UpdateAgentBody = z.infer<typeof updateAgentBody>;

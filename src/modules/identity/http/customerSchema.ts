import { z } from 'zod';
import { customerLocales, normaliseEmail, normalisePhone, PHONE_PATTERN } from '../customers.js';
import { pageQuery } from '../../../platform/http/pagination.js';

/** Customers (exchange users) as agents and integrations see them. */
const email = z.string().trim().max(254).pipe(z.email()).transform(normaliseEmail).describe('Email, stored lowercase');
const phone = z
  .string()
  .max(32)
  .transform(normalisePhone)
  .pipe(z.string().regex(PHONE_PATTERN, 'an international number like +821012345678'))
  .describe('Phone in international form (+ country code)');
const externalId = z.string().trim().min(1).max(64).describe('Exchange UID');
const name = z.string().trim().min(1).max(120).describe('Display name');
const locale = z.enum(customerLocales).describe('Preferred language');

export const customerIdParams = z.strictObject({ id: z.uuid().describe('Customer id') });

export const listCustomersQuery = z.strictObject({
  ...pageQuery,
  email: z.string().trim().max(254).optional().describe('Exact email (case-insensitive)'),
  externalId: z.string().trim().max(64).optional().describe('Exact exchange UID'),
  q: z.string().trim().min(1).max(254).optional().describe('Email or exchange UID starting with this text'),
});
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;

export const createCustomerBody = z.strictObject({
  externalId: externalId.optional(),
  email: email.optional(),
  phone: phone.optional(),
  name: name.optional(),
  locale: locale.default('en'),
  verified: z.boolean().optional().describe('Identity confirmed by the exchange'),
});
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

export const updateCustomerBody = z.strictObject({
  externalId: externalId.nullable().optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  name: name.nullable().optional(),
  locale: locale.optional(),
  verified: z.boolean().optional(),
});
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

import { z } from 'zod';
import { locales } from '../../../platform/i18n/index.js';
import { channelKinds } from '../officialChannels/channelCheck.js';

export const checkQuery = z.strictObject({
  value: z.string().trim().min(1).max(500).describe('A URL, email address, Telegram or X handle, or phone number someone contacted you from'),
  locale: z.enum(locales).optional().describe('Language of the advice (default: Accept-Language)'),
});

export const addChannelBody = z.strictObject({
  kind: z.enum(channelKinds),
  value: z.string().trim().min(3).max(200).describe('example.com · support@example.com or @example.com · @ExchangeOfficial · +82 2 1234 5678'),
  label: z.string().trim().min(1).max(80).describe('Shown to users, e.g. "Customer support email"'),
});

export const channelIdParams = z.strictObject({ id: z.uuid().describe('Registry entry id') });

import { z } from 'zod';
import { locales } from '../../../../platform/i18n/index.js';
import { identityAlgorithms } from '../../../identity/widgetIdentity.js';
import { greetingSchema, widgetColours } from '../settings.js';

/** PUT /api/v1/chat/settings: every part optional; what is left out stays as it is. */
export const settingsBody = z.strictObject({
  colours: widgetColours.optional().describe('Launcher/header colour and the text colour on it (#rrggbb)'),
  greeting: greetingSchema.optional().describe(`Greeting shown when the chat opens, per locale (${locales.join(', ')}); empty string removes one`),
  identity: z
    .strictObject({
      algorithm: z.enum(identityAlgorithms).describe('HS256 (shared secret) or RS256 / ES256 (the exchange keeps the private key)'),
      key: z.string().min(1).max(8192).describe('HS256: the secret (≥ 32 characters); RS256/ES256: PEM public key (SPKI)'),
    })
    .nullable()
    .optional()
    .describe('Key that verifies widget identity tokens; null removes it (then EXCHANGE_IDENTITY_SECRET, if set, applies)'),
});

export type SettingsBody = z.infer<typeof settingsBody>;

export const widgetConfigQuery = z.object({
  locale: z.enum(locales).default('en').describe('Language of the topic labels and greeting'),
});

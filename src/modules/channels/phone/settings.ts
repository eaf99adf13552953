import type { AppContext } from '../../../context.js';

export interface PhoneSettings {
  /** Key the telephony system signs call events with; null = the CTI webhook is off. */
  webhookSecret: string | null;
}

export const phoneSettings = (config: AppContext['config']): PhoneSettings => ({ webhookSecret: config.PHONE_WEBHOOK_SECRET ?? null });

/** Callback attempts before a request is given up as unreachable, and the wait before each retry. */
export const CALLBACK_MAX_ATTEMPTS = 3;
export const CALLBACK_RETRY_MINUTES = [15, 60] as const;

import { Api } from 'grammy';
import type { AppContext } from '../../../context.js';

export interface TelegramSettings {
  token: string;
  mode: 'polling' | 'webhook';
  webhookSecret: string | null;
  apiRoot: string;
}

/** The bot's settings, or null when no token is configured (the channel is off). */
export function telegramSettings(config: AppContext['config']): TelegramSettings | null {
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  return { token: config.TELEGRAM_BOT_TOKEN, mode: config.TELEGRAM_MODE, webhookSecret: config.TELEGRAM_WEBHOOK_SECRET ?? null, apiRoot: config.TELEGRAM_API_ROOT.replace(/\/$/, '') };
}

/** How long one Bot API call may take; long polls add their own timeout to this. */
export const API_TIMEOUT_SECONDS = 20;

const apis = new WeakMap<AppContext, Api>();

/** grammY's typed Bot API client for this app's bot (one per app, created on first use). */
export function telegramApi(ctx: AppContext, settings: TelegramSettings): Api {
  let api = apis.get(ctx);
  if (!api) apis.set(ctx, (api = new Api(settings.token, { apiRoot: settings.apiRoot, timeoutSeconds: API_TIMEOUT_SECONDS })));
  return api;
}

/** Downloads a file the customer sent (bots may fetch up to 20 MB). */
export async function downloadTelegramFile(ctx: AppContext, settings: TelegramSettings, fileId: string): Promise<Buffer> {
  const file = await telegramApi(ctx, settings).getFile(fileId);
  if (!file.file_path) throw new Error(`Telegram gave no path for file ${fileId}`);
  const response = await fetch(`${settings.apiRoot}/file/bot${settings.token}/${file.file_path}`, { signal: AbortSignal.timeout(API_TIMEOUT_SECONDS * 1000) });
  if (!response.ok) throw new Error(`downloading a Telegram file answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

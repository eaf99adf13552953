import { GrammyError } from 'grammy';
import type { AppContext } from '../../../context.js';
import { keepUpdates } from './updates.js';
import { telegramApi, type TelegramSettings } from './settings.js';

export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;
const LONG_POLL_SECONDS = 25;
const MAX_BACKOFF_MS = 30_000;

/**
 * Long polling (getUpdates) for installations Telegram cannot reach. Updates are confirmed to
 * Telegram (the next call's offset) only after they are kept as jobs here, so a crash loses
 * nothing: Telegram sends them again and their update_id keys make the copies no-ops. Telegram
 * allows one poller per bot; with several nodes use the webhook.
 */
export class TelegramPoller {
  private offset = 0;
  private stopped = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly ctx: AppContext,
    private readonly settings: TelegramSettings,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const api = telegramApi(this.ctx, this.settings);
    // grammY types its signal with the abort-controller polyfill; Node's own is what it uses at run time.
    const signal = this.abort.signal as Parameters<typeof api.getUpdates>[1];
    let backoff = 1_000;
    // A webhook left over from webhook mode makes getUpdates answer 409.
    await api.deleteWebhook({}, signal).catch((err: unknown) => this.ctx.log.warn({ err }, 'Telegram: could not remove the webhook before polling'));
    while (!this.stopped) {
      try {
        const updates = await api.getUpdates({ offset: this.offset, timeout: LONG_POLL_SECONDS, allowed_updates: [...ALLOWED_UPDATES] }, signal);
        await keepUpdates(this.ctx, updates);
        if (updates.length) this.offset = Math.max(...updates.map((u) => u.update_id)) + 1;
        backoff = 1_000;
      } catch (err) {
        if (this.stopped) break;
        const conflict = err instanceof GrammyError && err.error_code === 409;
        this.ctx.log.warn({ err, retryInMs: backoff }, conflict ? 'Telegram: another poller or a webhook is active for this bot' : 'Telegram: getUpdates failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }
}

import Fastify, { type FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';

/**
 * A loopback Telegram Bot API server (tests and the Telegram bench): the methods LedgerDesk
 * calls, on the real paths (`POST /bot<token>/<method>`, `GET /file/bot<token>/<path>`), with the
 * real envelopes (`{ ok, result }`, `{ ok: false, error_code, description, parameters }`) and JSON,
 * form or multipart bodies as grammY sends them. It keeps what the bot sent, serves files, queues
 * updates for getUpdates, and can be told to fail the next calls of a method.
 */
export interface SentMessage {
  method: string;
  chatId: number;
  text?: string;
  caption?: string;
  /** Inline keyboard as [text, callback_data | url] rows. */
  buttons?: string[][][];
  fileName?: string;
  messageId: number;
}

interface Failure {
  code: number;
  description: string;
  retryAfter?: number;
}

export interface TelegramLoopback {
  apiRoot: string;
  token: string;
  sent: SentMessage[];
  calls: string[];
  /** Makes a photo or document downloadable by file_id. */
  addFile(fileId: string, data: Buffer, filePath: string): void;
  /** Queues an update for getUpdates. */
  queueUpdate(update: Record<string, unknown>): void;
  /** The next `times` calls of `method` fail with this error (429 carries retry_after). */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Users who blocked the bot: sending to them answers 403. */
  blocked: Set<number>;
  /** Chat actions the bot showed (sendChatAction), in order. */
  actions: { chatId: number; action: string }[];
  /** Resolves once at least `count` messages were sent. */
  waitForSent(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

const BOT = { id: 7_000_000_001, is_bot: true, first_name: 'LedgerX Support', username: 'LedgerXSupportBot', can_join_groups: false };

export async function startTelegramLoopback(token = '7000000001:AAFloopbackTokenForLedgerDeskTests'): Promise<TelegramLoopback> {
  const app: FastifyInstance = Fastify({ bodyLimit: 60 * 1024 * 1024 });
  await app.register(multipart, { limits: { fileSize: 60 * 1024 * 1024 } });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const files = new Map<string, { data: Buffer; path: string }>();
  const updates: Record<string, unknown>[] = [];
  const failures = new Map<string, { failure: Failure; times: number }>();
  const waiters: (() => void)[] = [];
  const state = { nextMessageId: 1000, webhook: '' };
  const loopback: TelegramLoopback = {
    apiRoot: '', token, sent: [], calls: [], blocked: new Set(), actions: [],
    addFile: (fileId, data, filePath) => void files.set(fileId, { data, path: filePath }),
    queueUpdate: (update) => void updates.push(update),
    failNext: (method, failure, times = 1) => void failures.set(method, { failure, times }),
    waitForSent: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`waited for ${count} sent messages, have ${loopback.sent.length}: ${JSON.stringify(loopback.sent)}`)), timeoutMs);
        const check = () => {
          if (loopback.sent.length >= count) {
            clearTimeout(deadline);
            resolve(loopback.sent);
          } else waiters.push(check);
        };
        check();
      }),
    close: () => app.close(),
  };

  const fail = (code: number, description: string, parameters?: Record<string, unknown>) => ({ code, body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) } });
  const ok = (result: unknown) => ({ code: 200, body: { ok: true, result } });

  const record = (method: string, params: Record<string, unknown>, extra: Partial<SentMessage> = {}) => {
    const chatId = Number(params.chat_id);
    if (!Number.isSafeInteger(chatId)) return fail(400, 'Bad Request: chat not found');
    if (loopback.blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
    const markup = typeof params.reply_markup === 'string' ? JSON.parse(params.reply_markup) : params.reply_markup;
    const keyboard = (markup as { inline_keyboard?: { text: string; callback_data?: string; url?: string }[][] } | undefined)?.inline_keyboard;
    const messageId = state.nextMessageId++;
    loopback.sent.push({
      method, chatId, messageId, ...extra,
      ...(typeof params.text === 'string' ? { text: params.text } : {}),
      ...(typeof params.caption === 'string' ? { caption: params.caption } : {}),
      ...(keyboard ? { buttons: keyboard.map((row) => row.map((b) => [b.text, b.callback_data ?? b.url ?? ''])) } : {}),
    });
    waiters.splice(0).forEach((w) => w());
    return ok({ message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: BOT, ...(params.text ? { text: params.text } : {}) });
  };

  const methods: Record<string, (params: Record<string, unknown>, upload?: { name: string; size: number }) => { code: number; body: unknown } | Promise<{ code: number; body: unknown }>> = {
    getMe: () => ok(BOT),
    sendMessage: (p) => (typeof p.text === 'string' && p.text.length > 0 && p.text.length <= 4096 ? record('sendMessage', p) : fail(400, 'Bad Request: message text is empty or too long')),
    sendPhoto: (p, upload) => record('sendPhoto', p, upload ? { fileName: upload.name } : {}),
    sendDocument: (p, upload) => record('sendDocument', p, upload ? { fileName: upload.name } : {}),
    sendChatAction: (p) => {
      const chatId = Number(p.chat_id);
      if (loopback.blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
      const actions = ['typing', 'upload_photo', 'upload_document', 'choose_sticker', 'find_location', 'record_voice', 'upload_voice', 'record_video', 'upload_video', 'record_video_note', 'upload_video_note'];
      if (!Number.isSafeInteger(chatId) || !actions.includes(String(p.action))) return fail(400, 'Bad Request: wrong parameter action in request');
      loopback.actions.push({ chatId, action: String(p.action) });
      return ok(true);
    },
    answerCallbackQuery: () => ok(true),
    editMessageReplyMarkup: () => ok(true),
    getFile: (p) => {
      const file = files.get(String(p.file_id));
      if (!file) return fail(400, 'Bad Request: invalid file_id');
      return ok({ file_id: p.file_id, file_unique_id: `u${String(p.file_id)}`, file_size: file.data.length, file_path: file.path });
    },
    getUpdates: async (p) => {
      const offset = Number(p.offset ?? 0);
      // Confirming: updates below the offset are forgotten, as Telegram does.
      while (updates.length && Number(updates[0]!.update_id) < offset) updates.shift();
      if (updates.length === 0 && Number(p.timeout ?? 0) > 0) await new Promise((r) => setTimeout(r, 50));
      const limit = Math.min(100, Number(p.limit ?? 100));
      return ok(updates.filter((u) => Number(u.update_id) >= offset).slice(0, limit));
    },
    setWebhook: (p) => {
      state.webhook = String(p.url ?? '');
      return ok(true);
    },
    deleteWebhook: () => {
      state.webhook = '';
      return ok(true);
    },
    getWebhookInfo: () => ok({ url: state.webhook, has_custom_certificate: false, pending_update_count: 0 }),
  };

  app.post('/bot:token/:method', async (request, reply) => {
    const { token: given, method } = request.params as { token: string; method: string };
    loopback.calls.push(method);
    let result: { code: number; body: unknown };
    if (given !== token) result = fail(401, 'Unauthorized');
    else if (!methods[method]) result = fail(404, 'Not Found: method not found');
    else {
      const planned = failures.get(method);
      if (planned && planned.times > 0) {
        planned.times--;
        const { failure } = planned;
        result = fail(failure.code, failure.description, failure.retryAfter !== undefined ? { retry_after: failure.retryAfter } : undefined);
      } else {
        let params: Record<string, unknown> = (request.body as Record<string, unknown> | undefined) ?? {};
        let upload: { name: string; size: number } | undefined;
        if (request.isMultipart()) {
          params = {};
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              const data = await part.toBuffer();
              upload = { name: part.filename, size: data.length };
            } else params[part.fieldname] = part.value;
          }
        }
        result = await methods[method]!(params, upload);
      }
    }
    return reply.code(result.code).send(result.body);
  });

  app.get('/file/bot:token/*', async (request, reply) => {
    const { token: given, '*': path } = request.params as { token: string; '*': string };
    const file = [...files.values()].find((f) => f.path === path);
    if (given !== token || !file) return reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' });
    return reply.type('application/octet-stream').send(file.data);
  });

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  loopback.apiRoot = address;
  return loopback;
}

import type { AppContext } from '../../../../context.js';
import { AppError } from '../../../../platform/http/errors.js';
import { acceptAttachment, type AcceptedAttachment, type UploadedFile } from '../../../tickets/attachments.js';
import type { InboundOrigin, InboundResult } from '../../adapters.js';
import { conversationHandover, conversationWriter } from '../../conversations.js';
import type { TelegramInbound, TelegramSender } from '../inbound/normalise.js';
import { telegramText } from '../locales/index.js';
import { downloadTelegramFile, telegramApi, type TelegramSettings } from '../settings.js';
import { telegramCustomer, telegramIdentity, type TelegramCustomer } from './telegramCustomer.js';

type Deps = { ctx: AppContext; settings: TelegramSettings };

const ignored = (): InboundResult => ({ outcome: 'ignored', ticketId: null, created: false });

async function say(deps: Deps, chatId: number, text: string): Promise<void> {
  await telegramApi(deps.ctx, deps.settings).sendMessage(chatId, text);
}

/** Fetches and checks the customer's files; refused ones are named back to them, the rest kept. */
async function fetchFiles(deps: Deps, inbound: Extract<TelegramInbound, { kind: 'message' }>, locale: string): Promise<{ files: UploadedFile[]; accepted: AcceptedAttachment[] }> {
  const files: UploadedFile[] = [];
  const accepted: AcceptedAttachment[] = [];
  for (const ref of inbound.files.slice(0, deps.ctx.config.MAX_ATTACHMENTS_PER_MESSAGE)) {
    try {
      if (ref.size !== null && ref.size > deps.ctx.config.MAX_ATTACHMENT_BYTES) throw new AppError('payload_too_large', `larger than ${deps.ctx.config.MAX_ATTACHMENT_BYTES} bytes`, 'attachments');
      const file = { filename: ref.filename, data: await downloadTelegramFile(deps.ctx, deps.settings, ref.fileId) };
      accepted.push(await acceptAttachment(file, deps.ctx.config));
      files.push(file);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      await say(deps, inbound.from.chatId, telegramText(locale, 'fileRejected', { file: ref.filename, reason: err.message }));
    }
  }
  return { files, accepted };
}

/** Stores what a Telegram user wrote in their conversation (see conversations.ts). */
const storeMessage = (deps: Deps, from: TelegramSender, customer: TelegramCustomer, body: string, updateId: number, files: UploadedFile[], accepted: AcceptedAttachment[]): Promise<InboundResult> =>
  conversationWriter(deps.ctx, { identity: telegramIdentity(from), customer, channel: 'telegram', body, clientId: `tg:${updateId}`, userAgent: `telegram:${from.userId}`, emptySubject: '(Telegram)', files, accepted });

/** "Talk to a person": the open conversation's bot steps aside (routing takes it), or the customer is asked what it is about. */
async function requestPerson(deps: Deps, from: TelegramSender, customer: TelegramCustomer): Promise<InboundResult> {
  const ticketId = await conversationHandover(deps.ctx, customer.customerId, 'telegram');
  if (ticketId) return { outcome: 'stored', ticketId, created: false };
  await say(deps, from.chatId, telegramText(customer.locale, 'describeFirst'));
  return ignored();
}

/** The adapter's `accept`: one normalised update, handled. */
export async function telegramInboundWriter(deps: Deps, inbound: TelegramInbound, _origin: InboundOrigin): Promise<InboundResult> {
  if (inbound.kind === 'ignored') return ignored();
  const api = telegramApi(deps.ctx, deps.settings);
  const customer = await telegramCustomer(deps.ctx, inbound.from);
  switch (inbound.kind) {
    case 'start':
      await say(deps, inbound.from.chatId, telegramText(customer.locale, 'welcome'));
      return ignored();
    case 'handover':
      if (inbound.callbackId) await api.answerCallbackQuery(inbound.callbackId);
      return requestPerson(deps, inbound.from, customer);
    case 'pick':
      await api.answerCallbackQuery(inbound.callbackId);
      return storeMessage(deps, inbound.from, customer, inbound.label, inbound.updateId, [], []);
    case 'message': {
      if (inbound.unsupported) {
        await say(deps, inbound.from.chatId, telegramText(customer.locale, 'unsupported'));
        return ignored();
      }
      const { files, accepted } = await fetchFiles(deps, inbound, customer.locale);
      const body = inbound.edited ? telegramText(customer.locale, 'edited', { text: inbound.text }) : inbound.text;
      if (!body && files.length === 0) return ignored();
      return storeMessage(deps, inbound.from, customer, body || files.map((f) => f.filename).join(', '), inbound.updateId, files, accepted);
    }
  }
}


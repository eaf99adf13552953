import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { JobInfo } from '../../platform/jobs/jobs.js';
import type { Channel } from '../tickets/categories.js';

/** Where an inbound payload came from: the mailbox, listener or webhook that received it. */
export interface InboundOrigin {
  /** e.g. `support@imap.example/INBOX`, `smtp-listener`, `telegram-webhook`. */
  source: string;
  ip?: string;
}

/** What an adapter did with one inbound payload. */
export interface InboundResult {
  /** stored = on a ticket; ignored = recognised and kept aside (auto-reply, bounce, loop); duplicate = seen before; failed = kept for admins. */
  outcome: 'stored' | 'ignored' | 'duplicate' | 'failed';
  ticketId: string | null;
  /** True when the payload opened a new ticket. */
  created: boolean;
}

/** An agent's public reply that the ticket's channel must deliver to the customer. */
export interface ReplyToDeliver {
  ticketId: string;
  messageId: string;
}

/**
 * One adapter per channel (chatwoot's inbox/channel split): the payload schema checked at the
 * boundary, the normaliser that turns a payload into what the desk stores, the writer that
 * stores it on a ticket, and the sender of agents' replies. Webhook routes and pollers only
 * verify and hand the payload to `receive`; `deliverReply` is picked by the ticket's channel from
 * the registry below, never by an if/else on channel names.
 */
export interface ChannelAdapter<Payload = unknown, Normalised = unknown> {
  readonly channel: Channel;
  readonly payload: z.ZodType<Payload>;
  /** Pure of the database: parses and classifies. Throws when the payload cannot be understood. */
  normalise(ctx: AppContext, payload: Payload): Promise<Normalised>;
  /** Stores a normalised message: joins its ticket or opens one (one transaction). */
  accept(ctx: AppContext, normalised: Normalised, origin: InboundOrigin): Promise<InboundResult>;
  /** Verify → normalise → accept; a payload that cannot be normalised is kept as failed, never dropped. */
  receive(ctx: AppContext, payload: Payload, origin: InboundOrigin): Promise<InboundResult>;
  /**
   * Whose public messages this channel sends to the customer: email only agents' replies (its
   * acknowledgements have their own job); a live channel such as Telegram also the bot's and the
   * desk's, since nothing else shows them there.
   */
  readonly delivers: readonly ('agent' | 'bot' | 'system')[];
  /** Sends a public message; runs inside a durable job (`job` says which attempt), so throwing retries it with backoff. */
  deliverReply(ctx: AppContext, reply: ReplyToDeliver, job: JobInfo): Promise<void>;
}

const registries = new WeakMap<AppContext, Map<Channel, ChannelAdapter>>();

/** This app's adapters by channel; modules add theirs when they register. */
export function channelAdapters(ctx: AppContext): Map<Channel, ChannelAdapter> {
  let registry = registries.get(ctx);
  if (!registry) registries.set(ctx, (registry = new Map()));
  return registry;
}

export function registerChannelAdapter<P, N>(ctx: AppContext, adapter: ChannelAdapter<P, N>): void {
  const registry = channelAdapters(ctx);
  if (registry.has(adapter.channel)) throw new Error(`channel ${adapter.channel} has two adapters`);
  registry.set(adapter.channel, adapter as unknown as ChannelAdapter);
}

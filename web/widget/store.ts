/**
 * The widget's copy of a conversation: messages ordered by id (UUIDv7, so time order), each
 * id kept once however often it arrives (ack, live frame, replay after a reconnect), plus the
 * client's own sends that wait for their ack. Pure: no DOM, unit-tested in Node.
 */
export interface WireAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  url: string;
}

export interface WireMessage {
  id: string;
  chatId: string;
  clientId: string | null;
  author: { type: 'customer' | 'agent' | 'bot' | 'system'; name: string | null };
  body: string;
  meta: Record<string, unknown> | null;
  attachments: WireAttachment[];
  createdAt: string;
}

export interface PendingMessage {
  clientId: string;
  body: string;
  failed: boolean;
}

export class MessageStore {
  private readonly byId = new Map<string, WireMessage>();
  private ordered: WireMessage[] = [];
  readonly pending = new Map<string, PendingMessage>();

  /** Adds a message; false when it was already there. */
  add(message: WireMessage): boolean {
    if (this.byId.has(message.id)) return false;
    this.byId.set(message.id, message);
    if (message.clientId) this.pending.delete(message.clientId);
    const last = this.ordered[this.ordered.length - 1];
    if (!last || last.id < message.id) this.ordered.push(message);
    else {
      // Rare: a message committed a moment before one we already show.
      const at = this.ordered.findIndex((m) => m.id > message.id);
      this.ordered.splice(at, 0, message);
    }
    return true;
  }

  /** The resume cursor: the newest message received. */
  get lastId(): string | null {
    return this.ordered[this.ordered.length - 1]?.id ?? null;
  }

  get messages(): readonly WireMessage[] {
    return this.ordered;
  }

  /** The newest message not written by the customer (what a read receipt points at). */
  lastFromSupport(): WireMessage | undefined {
    for (let i = this.ordered.length - 1; i >= 0; i--) if (this.ordered[i]!.author.type !== 'customer') return this.ordered[i];
    return undefined;
  }

  /** The customer's newest message the agent has read, given the agent's read marker. */
  lastReadByAgent(agentReadId: string | null): WireMessage | undefined {
    if (!agentReadId) return undefined;
    for (let i = this.ordered.length - 1; i >= 0; i--) {
      const m = this.ordered[i]!;
      if (m.author.type === 'customer' && m.id <= agentReadId) return m;
    }
    return undefined;
  }

  clear(): void {
    this.byId.clear();
    this.ordered = [];
  }
}

/** A client id for a send: random, so a resend after reconnect carries the same one. */
export function newClientId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

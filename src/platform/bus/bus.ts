import type { Logger } from 'pino';

/** A fact that happened, published after the transaction that recorded it committed. */
export interface DomainEvent {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  createdAt: string;
}

export type EventHandler = (event: DomainEvent) => void | Promise<void>;

/**
 * Fan-out of committed events to subscribers. In-process by default; with REDIS_URL every
 * node's subscribers see every node's events. Delivery is at-least-once: handlers must
 * tolerate seeing an event id twice.
 */
export interface Bus {
  publish(events: DomainEvent[]): Promise<void>;
  /** `topic` is exact (`ticket.created`) or a prefix wildcard (`ticket.*`, `*`). */
  subscribe(topic: string, handler: EventHandler): () => void;
  close(): Promise<void>;
}

/** Local subscriber table shared by both drivers. */
export class Subscribers {
  private readonly handlers = new Map<string, Set<EventHandler>>();
  constructor(private readonly log: Logger) {}

  add(topic: string, handler: EventHandler): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  async dispatch(event: DomainEvent): Promise<void> {
    const dot = event.topic.indexOf('.');
    const keys = [event.topic, '*', dot > 0 ? `${event.topic.slice(0, dot)}.*` : ''];
    for (const key of keys) {
      for (const handler of this.handlers.get(key) ?? []) {
        try {
          await handler(event);
        } catch (err) {
          // One failing subscriber must not stop the others or the relay.
          this.log.error({ err, topic: event.topic, eventId: event.id }, 'event handler failed');
        }
      }
    }
  }
}

export class InProcessBus implements Bus {
  private readonly subscribers: Subscribers;
  constructor(log: Logger) {
    this.subscribers = new Subscribers(log);
  }
  async publish(events: DomainEvent[]): Promise<void> {
    for (const event of events) await this.subscribers.dispatch(event);
  }
  subscribe(topic: string, handler: EventHandler): () => void {
    return this.subscribers.add(topic, handler);
  }
  async close(): Promise<void> {}
}

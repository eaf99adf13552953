import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Subscribers, type Bus, type DomainEvent, type EventHandler } from './bus.js';

const CHANNEL = 'ledgerdesk:events';

/** Redis pub/sub: each node publishes the events it relayed; every node dispatches them locally. */
export class RedisBus implements Bus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly subscribers: Subscribers;

  private constructor(url: string, private readonly log: Logger) {
    this.subscribers = new Subscribers(log);
    this.pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { lazyConnect: true });
    for (const c of [this.pub, this.sub]) c.on('error', (err) => log.warn({ err }, 'redis error'));
  }

  static async connect(url: string, log: Logger): Promise<RedisBus> {
    const bus = new RedisBus(url, log);
    await Promise.all([bus.pub.connect(), bus.sub.connect()]);
    await bus.sub.subscribe(CHANNEL);
    bus.sub.on('message', (_channel: string, message: string) => {
      let event: DomainEvent;
      try {
        event = JSON.parse(message) as DomainEvent;
      } catch (err) {
        bus.log.error({ err }, 'undecodable event on the bus');
        return;
      }
      void bus.subscribers.dispatch(event);
    });
    return bus;
  }

  async publish(events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.pub.pipeline();
    for (const event of events) pipeline.publish(CHANNEL, JSON.stringify(event));
    await pipeline.exec();
  }

  subscribe(topic: string, handler: EventHandler): () => void {
    return this.subscribers.add(topic, handler);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}

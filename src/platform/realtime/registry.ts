import type { OutboundFrame } from './frames.js';
import type { Connection } from './connection.js';

/**
 * Which local sockets listen to which topic. The bus feeds it (every node hears every event
 * and delivers to its own sockets), so a topic never needs to know about other nodes.
 */
export class TopicRegistry<P> {
  private readonly byTopic = new Map<string, Set<Connection<P>>>();

  /** false when the connection already holds its maximum of topics. */
  add(conn: Connection<P>, topic: string): boolean {
    if (conn.topics.has(topic)) return true;
    if (conn.topics.size >= conn.limits.maxTopics) return false;
    let set = this.byTopic.get(topic);
    if (!set) this.byTopic.set(topic, (set = new Set()));
    set.add(conn);
    conn.topics.add(topic);
    return true;
  }

  remove(conn: Connection<P>, topic: string): void {
    conn.topics.delete(topic);
    const set = this.byTopic.get(topic);
    if (!set) return;
    set.delete(conn);
    if (set.size === 0) this.byTopic.delete(topic);
  }

  removeAll(conn: Connection<P>): void {
    for (const topic of [...conn.topics]) this.remove(conn, topic);
  }

  has(topic: string): boolean {
    return this.byTopic.has(topic);
  }

  listeners(topic: string): ReadonlySet<Connection<P>> {
    return this.byTopic.get(topic) ?? new Set();
  }

  /**
   * Sends `frame` (serialised once) to every listener of `topic` that `only` accepts, or a
   * per-connection frame when `frame` is a function. Returns how many sockets got it.
   */
  deliver(topic: string, frame: OutboundFrame | ((conn: Connection<P>) => OutboundFrame | null), only?: (conn: Connection<P>) => boolean): number {
    const set = this.byTopic.get(topic);
    if (!set) return 0;
    const shared = typeof frame === 'function' ? null : JSON.stringify(frame);
    let sent = 0;
    for (const conn of [...set]) {
      if (only && !only(conn)) continue;
      if (shared !== null) {
        if (conn.sendRaw(shared)) sent++;
        continue;
      }
      const own = (frame as (c: Connection<P>) => OutboundFrame | null)(conn);
      if (own && conn.send(own)) sent++;
    }
    return sent;
  }

  get topicCount(): number {
    return this.byTopic.size;
  }
}

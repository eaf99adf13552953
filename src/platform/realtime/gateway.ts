import type { FastifyInstance, FastifyRequest } from 'fastify';
import websocket from '@fastify/websocket';
import type { RawData, WebSocket } from 'ws';
import { ZodError } from 'zod';
import type { Logger } from 'pino';
import { AppError } from '../http/errors.js';
import { Connection, defaultLimits, type ConnectionLimits } from './connection.js';
import { closeCodes, FrameError, gatewayErrorCodes, parseFrame, type InboundFrame } from './frames.js';
import { TopicRegistry } from './registry.js';

/** What a frame handler may return: the ack's data, or nothing (no ack). */
export type FrameHandler<P> = (conn: Connection<P>, frame: InboundFrame) => Promise<Record<string, unknown> | void> | Record<string, unknown> | void;

export interface GatewayOptions<P> {
  /** URL of the WebSocket endpoint, e.g. `/api/v1/chat/ws`. */
  path: string;
  /**
   * Runs on the upgrade request after the app's own hooks (cookies, credentials). Throwing an
   * AppError answers the upgrade with that HTTP error; otherwise the returned principal is
   * attached to the connection.
   */
  authenticate(request: FastifyRequest): Promise<P> | P;
  handlers: Record<string, FrameHandler<P>>;
  onOpen?(conn: Connection<P>, request: FastifyRequest): void;
  onClose?(conn: Connection<P>): void;
  limits?: Partial<ConnectionLimits>;
  /** Protocol ping interval; a peer that missed one pong is cut at the next. */
  heartbeatMs?: number;
  /** Hard cap enforced by ws itself (close 1009); the soft cap is `limits.maxFrameBytes`. */
  hardMaxFrameBytes?: number;
  log: Logger;
}

export interface Gateway<P> {
  readonly registry: TopicRegistry<P>;
  readonly connections: ReadonlySet<Connection<P>>;
  /** Closes every socket with 1001 and stops the heartbeat. Also runs on app close. */
  shutdown(graceMs?: number): Promise<void>;
}

/**
 * A WebSocket endpoint with no domain knowledge: authentication at upgrade, JSON frames,
 * heartbeats, per-connection rate limits and frame-size caps, backpressure towards slow
 * readers, a topic registry for fan-out and a clean shutdown. Bad input from a client costs
 * it an error frame, never the process.
 */
export async function registerGateway<P>(app: FastifyInstance, options: GatewayOptions<P>): Promise<Gateway<P>> {
  const limits: ConnectionLimits = { ...defaultLimits, ...options.limits };
  const registry = new TopicRegistry<P>();
  const connections = new Set<Connection<P>>();
  const log = options.log;
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  let stopping = false;

  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      try {
        conn.socket.ping();
      } catch {
        conn.socket.terminate();
      }
    }
  }, heartbeatMs);
  heartbeat.unref();

  const shutdown = async (graceMs = 1000): Promise<void> => {
    if (stopping) return;
    stopping = true;
    clearInterval(heartbeat);
    const closed = [...connections].map((conn) => new Promise<void>((resolve) => {
      if (conn.socket.readyState === conn.socket.CLOSED) return resolve();
      conn.socket.once('close', () => resolve());
      conn.close(closeCodes.goingAway, 'server shutting down', graceMs);
    }));
    await Promise.all(closed);
  };

  await app.register(websocket, {
    options: { maxPayload: options.hardMaxFrameBytes ?? 1024 * 1024, perMessageDeflate: false },
    // A socket error is the peer's problem (oversized frame, broken TCP): note it, cut it.
    errorHandler: (err: Error, socket: WebSocket) => {
      log.debug({ err }, 'websocket error');
      socket.terminate();
    },
    // Our shutdown closes every socket with 1001 and cuts the ones that do not answer.
    preClose: function (done: (err?: Error) => void) {
      shutdown().then(() => done(), done);
    },
  });

  const slowConsumer = (conn: Connection<P>) => log.warn({ conn: conn.id, buffered: conn.socket.bufferedAmount }, 'dropping slow websocket consumer');

  async function handle(conn: Connection<P>, frame: InboundFrame): Promise<void> {
    const handler = Object.hasOwn(options.handlers, frame.type) ? options.handlers[frame.type] : undefined;
    if (!handler) {
      conn.error('unknown_type', `${gatewayErrorCodes.unknown_type} ("${frame.type.slice(0, 64)}")`, frame.id);
      return;
    }
    try {
      const data = await handler(conn, frame);
      if (data !== undefined) conn.send({ type: 'ack', for: frame.type, ...(frame.id ? { ref: frame.id } : {}), data });
    } catch (err) {
      sendError(conn, err, frame);
    }
  }

  function sendError(conn: Connection<P>, err: unknown, frame: InboundFrame): void {
    if (err instanceof FrameError) return conn.error(err.code, err.message, frame.id, err.field);
    if (err instanceof AppError) return conn.error(err.code, err.message, frame.id, err.field);
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      const field = issue?.path.join('.') || undefined;
      const code = issue?.code === 'unrecognized_keys' ? 'field_unknown' : 'field_invalid';
      return conn.error(code, field ? `"${field}": ${issue?.message}` : (issue?.message ?? 'Invalid frame.'), frame.id, field);
    }
    log.error({ err, type: frame.type, conn: conn.id }, 'websocket handler failed');
    conn.error('internal', gatewayErrorCodes.internal, frame.id);
  }

  function onMessage(conn: Connection<P>, raw: RawData, isBinary: boolean): void {
    conn.alive = true;
    const size = Array.isArray(raw) ? raw.reduce((n, b) => n + b.length, 0) : (raw as Buffer | ArrayBuffer).byteLength;
    if (!conn.admit(size)) {
      conn.consecutiveDrops++;
      if (conn.consecutiveDrops >= limits.maxConsecutiveDrops) return conn.close(closeCodes.policyViolation, 'flood');
      // One error per second at most: answering every dropped frame would amplify a flood.
      const now = Date.now();
      if (now - conn.lastRateError >= 1000) {
        conn.lastRateError = now;
        conn.error('rate_limited', gatewayErrorCodes.rate_limited);
      }
      return;
    }
    conn.consecutiveDrops = 0;
    if (size > limits.maxFrameBytes) return conn.error('frame_too_large', `${gatewayErrorCodes.frame_too_large} (limit ${limits.maxFrameBytes} bytes)`);
    if (isBinary) return conn.error('bad_json', gatewayErrorCodes.bad_json);
    let frame: InboundFrame;
    try {
      frame = parseFrame(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.concat(Array.isArray(raw) ? raw : [Buffer.from(raw)]).toString('utf8'));
    } catch (err) {
      return sendError(conn, err, { type: '?' });
    }
    if (conn.pending >= limits.maxPending) return conn.error('busy', gatewayErrorCodes.busy, frame.id);
    conn.pending++;
    // Frames of one connection are handled in order: a reply never overtakes an earlier one.
    const previous = (conn.state.get('gateway.chain') as Promise<void> | undefined) ?? Promise.resolve();
    const next = previous.then(() => handle(conn, frame)).finally(() => {
      conn.pending--;
    });
    conn.state.set('gateway.chain', next);
  }

  app.get(options.path, {
    websocket: true,
    preHandler: async (request) => {
      if (stopping) throw new AppError('service_unavailable');
      principals.set(request, await options.authenticate(request));
    },
  }, (socket: WebSocket, request: FastifyRequest) => {
    const principal = principals.get(request) as P;
    const conn = new Connection<P>(socket, principal, limits, slowConsumer);
    connections.add(conn);
    socket.on('pong', () => {
      conn.alive = true;
    });
    socket.on('message', (raw, isBinary) => onMessage(conn, raw, isBinary));
    socket.on('error', (err) => log.debug({ err, conn: conn.id }, 'websocket error'));
    socket.on('close', () => {
      connections.delete(conn);
      registry.removeAll(conn);
      options.onClose?.(conn);
    });
    options.onOpen?.(conn, request);
  });

  return { registry, connections, shutdown };
}

const principals = new WeakMap<FastifyRequest, unknown>();

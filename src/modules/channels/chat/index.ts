import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { registerGateway, type Gateway } from '../../../platform/realtime/gateway.js';
import type { Module } from '../../module.js';
import { bridgeBusToSockets } from './bridge.js';
import { chatHandlers, newNodeId } from './handlers.js';
import { registerChatSettingsRoutes } from './http/settingsRoutes.js';
import { registerChatUploadRoutes } from './http/uploadRoutes.js';
import { registerWidgetRoutes } from './http/widgetRoutes.js';
import { bridgeInboxFeed, inboxHandlers } from './inboxFeed.js';
import { newCustomerSide, type ChatPrincipal } from './principal.js';

export const CHAT_WS_PATH = '/api/v1/chat/ws';

const gateways = new WeakMap<AppContext, Gateway<ChatPrincipal>>();
/** This app's chat gateway (tests and the benchmark look at its connections). */
export const chatGatewayOf = (ctx: AppContext): Gateway<ChatPrincipal> | undefined => gateways.get(ctx);

const nodeIds = new WeakMap<AppContext, string>();
/**
 * Whether an ephemeral chat event (typing) was raised by a socket of this node: with Redis every
 * node hears it, and a side effect outside the desk (Telegram's "typing…") must happen once.
 */
export const raisedOnThisNode = (ctx: AppContext, origin: unknown): boolean => typeof origin === 'string' && origin.startsWith(`${nodeIds.get(ctx)}/`);

/**
 * A console cookie rides along on any WebSocket the browser opens to our host, even from
 * another site's page: only a same-origin upgrade may use it (a bearer token is explicit).
 */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/**
 * Live chat: the WebSocket endpoint customers (widget) and agents share, the bridge from the
 * event bus to sockets, attachment uploads, the widget's script and settings, and the demo page.
 */
export const chatModule: Module = {
  name: 'chat',
  async register(app, ctx) {
    const nodeId = newNodeId();
    nodeIds.set(ctx, nodeId);
    // Handlers reach the gateway lazily: they only run once it exists.
    const gateway: Gateway<ChatPrincipal> = await registerGateway<ChatPrincipal>(app, {
      path: CHAT_WS_PATH,
      log: ctx.log,
      authenticate: (request) => {
        const actor = request.actor;
        if (actor?.kind === 'agent' && (actor.via === 'token' || sameOrigin(request))) return { kind: 'agent', actor };
        return newCustomerSide();
      },
      onOpen: (conn, request) => {
        conn.state.set('ip', request.ip);
        conn.state.set('userAgent', request.headers['user-agent'] ?? null);
      },
      handlers: { ...chatHandlers(ctx, () => gateway, nodeId), ...inboxHandlers(() => gateway) },
    });
    gateways.set(ctx, gateway);
    const unbridge = bridgeBusToSockets(ctx, gateway, nodeId);
    const unfeed = bridgeInboxFeed(ctx, gateway);
    app.addHook('onClose', async () => {
      unbridge();
      unfeed();
    });
    registerChatSettingsRoutes(app, ctx);
    registerChatUploadRoutes(app, ctx);
    registerWidgetRoutes(app, ctx);
  },
  async bootstrap(ctx) {
    ctx.log.info({ url: `${ctx.config.PUBLIC_URL.replace(/\/$/, '')}/chat-demo` }, 'chat widget demo page');
  },
};

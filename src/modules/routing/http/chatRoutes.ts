import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError } from '../../../platform/http/errors.js';
import type { AgentActor } from '../../identity/actor.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { findTicketForActor } from '../../tickets/queries.js';
import { chatAccepter } from '../commands/chatAccepter.js';
import { chatEnder } from '../commands/chatEnder.js';
import { chatTransferrer } from '../commands/chatTransferrer.js';
import { chatAbilities, routingAbilities } from '../policies.js';
import { activeChatCounts, presenceOf } from '../presence.js';
import { presentChat, presentPresence, presentTransferTargets } from '../presenters.js';
import { agentLoads, listAssignedTo, listQueued, loadChatView, type ChatView } from '../queries.js';
import { routingOf } from '../routingState.js';
import { loadTeams, teamIdsOf } from '../teams.js';
import { chatParams, endBody, queueQuery, transferBody } from './chatSchema.js';

/** The agent side of live chat: the queue, picking from it, transferring and ending chats. */
export function registerChatRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['chat routing'];
  const read = requireAgent('tickets:read');
  const write = requireAgent('tickets:write');
  const now = () => routingOf(ctx).now();

  const present = (actor: AgentActor, myTeams: string[], view: ChatView, at: Date) =>
    presentChat(view, chatAbilities(actor, { state: view.chat.state, assigneeId: view.agent?.id ?? null, member: !!view.chat.team_id && myTeams.includes(view.chat.team_id) }), at);

  /** The chat as the caller now sees it, after a command committed. */
  const chatResponse = async (actor: AgentActor, ticketId: string) => {
    const at = now();
    const view = await loadChatView(ctx.db, ticketId, at);
    if (!view) throw new AppError('not_found', 'This ticket is not a chat.');
    return { chat: present(actor, await teamIdsOf(ctx.db, actor.agentId), view, at) };
  };

  /** The supervisor board's extra: every agent's load and every chat being answered. */
  const supervision = async (actor: AgentActor, myTeams: string[], at: Date) => {
    const [agents, active] = await Promise.all([agentLoads(ctx.db), listAssignedTo(ctx.db, null)]);
    return { agents, active: active.map((v) => present(actor, myTeams, v, at)) };
  };

  app.get('/api/v1/chat-queue', {
    preHandler: read,
    schema: {
      tags, querystring: queueQuery,
      summary: 'Waiting chats of my teams (supervisors: every team, plus agents online and their load), and the chats I am answering',
    },
  }, async (request) => {
    const actor = agentActor(request);
    const abilities = routingAbilities(actor);
    const at = now();
    const myTeams = await teamIdsOf(ctx.db, actor.agentId);
    const { teamId } = request.query;
    const visible = abilities.viewAllQueues ? (teamId ? [teamId] : null) : teamId ? myTeams.filter((id) => id === teamId) : myTeams;
    const [waiting, mine, presence, loads] = await Promise.all([
      listQueued(ctx.db, visible, at),
      listAssignedTo(ctx.db, actor.agentId),
      presenceOf(ctx.db, actor.agentId),
      activeChatCounts(ctx.db, [actor.agentId]),
    ]);
    return {
      items: waiting.map((v) => present(actor, myTeams, v, at)),
      mine: mine.map((v) => present(actor, myTeams, v, at)),
      me: { ...presentPresence(presence, loads.get(actor.agentId) ?? 0), teamIds: myTeams },
      ...(abilities.viewAllQueues ? await supervision(actor, myTeams, at) : {}),
      abilities,
    };
  });

  app.get('/api/v1/chats/:ticket', { preHandler: read, schema: { tags, summary: 'A chat’s routing state, queue place and your abilities', params: chatParams } }, async (request) => {
    const actor = agentActor(request);
    const ticket = await findTicketForActor(ctx, actor, request.params.ticket);
    return chatResponse(actor, ticket.id);
  });

  app.get('/api/v1/chats/:ticket/transfer-targets', {
    preHandler: read,
    schema: { tags, summary: 'Agents (with status and load; `available` ones accept a transfer) and teams this chat can be transferred to', params: chatParams },
  }, async (request) => {
    const actor = agentActor(request);
    const ticket = await findTicketForActor(ctx, actor, request.params.ticket);
    const { chat } = await chatResponse(actor, ticket.id);
    if (!chat.abilities.transfer) throw new AppError('forbidden', 'Only the agent answering this chat, or a supervisor, can transfer it.');
    const [agents, teams] = await Promise.all([agentLoads(ctx.db), loadTeams(ctx.db)]);
    return presentTransferTargets(agents, teams.sort((a, b) => a.name.localeCompare(b.name)), chat.agent?.id ?? null);
  });

  app.post('/api/v1/chat-queue/:ticket/accept', {
    preHandler: write,
    schema: { tags, summary: 'Take a waiting chat (409 when someone else took it first or you are at your limit)', params: chatParams },
  }, async (request) => {
    const actor = agentActor(request);
    return chatResponse(actor, await chatAccepter({ ctx, actor, ticketId: request.params.ticket }));
  });

  app.post('/api/v1/chats/:ticket/transfer', {
    preHandler: write,
    schema: { tags, summary: 'Give the chat to an agent or route it to a team', params: chatParams, body: transferBody },
  }, async (request) => {
    const actor = agentActor(request);
    const { agentId, teamId } = request.body;
    if (agentId && teamId) throw new AppError('field_invalid', 'Give agentId or teamId, not both.', 'teamId');
    if (!agentId && !teamId) throw new AppError('field_required', 'Give agentId or teamId.', 'agentId');
    const moved = await chatTransferrer({ ctx, actor, ticketId: request.params.ticket, to: agentId ? { agentId } : { teamId: teamId! } });
    return { ...(await chatResponse(actor, moved.ticketId)), outcome: moved.outcome };
  });

  app.post('/api/v1/chats/:ticket/end', {
    preHandler: write,
    schema: { tags, summary: 'End a live chat (and by default mark its ticket solved)', params: chatParams, body: endBody },
  }, async (request) => {
    const actor = agentActor(request);
    return chatResponse(actor, await chatEnder({ ctx, actor, ticketId: request.params.ticket, solve: request.body?.solve ?? true }));
  });
}

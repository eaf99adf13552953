import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import type { AgentActor } from '../identity/actor.js';
import { agentActor, requireAgent } from '../identity/http/authenticate.js';
import { abilitiesOf } from '../identity/policies.js';
import { botAbilities } from '../bot/presenters.js';
import { canManageWidget } from '../channels/chat/http/settingsRoutes.js';
import { callbackAbilities } from '../channels/phone/policies.js';
import { helpCenterAbilities } from '../helpcenter/policies.js';
import { savedReplyPolicy } from '../macros/policies.js';
import { routingAbilities } from '../routing/policies.js';

/**
 * Which admin screens (and work queues beyond the inbox: `callbacks`) the console may offer the caller, each decided by the policy of the module
 * that owns the screen's API (so a link shows exactly when its requests would be accepted).
 */
export function presentConsoleAreas(actor: AgentActor) {
  const help = helpCenterAbilities(actor);
  return {
    agents: abilitiesOf(actor).manageAgents,
    teams: routingAbilities(actor).manageTeams,
    replies: savedReplyPolicy.createPersonal(actor),
    sharedReplies: savedReplyPolicy.createShared(actor),
    helpCenter: help.editArticles,
    publishArticles: help.publishArticles,
    contentGaps: help.readContentGaps,
    bot: botAbilities(actor).edit,
    widget: canManageWidget(actor),
    callbacks: callbackAbilities(actor).readQueue,
  };
}

export function registerAbilitiesRoutes(app: FastifyInstance, _ctx: AppContext): void {
  app.get('/api/v1/console/areas', {
    preHandler: requireAgent('tickets:read'),
    schema: { tags: ['console'], summary: 'The admin screens the caller may open (each from its owning module’s policy)' },
  }, async (request) => ({ areas: presentConsoleAreas(agentActor(request)) }));
}

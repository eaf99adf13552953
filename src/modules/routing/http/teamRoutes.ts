import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../../context.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import { decodeCursor, toPage } from '../../../platform/http/pagination.js';
import { audit, originOf } from '../../identity/audit.js';
import { agentActor, requireAgent } from '../../identity/http/authenticate.js';
import { teamCreator, teamUpdater } from '../commands/teamEditor.js';
import { routingAbilities } from '../policies.js';
import { presentTeam } from '../presenters.js';
import { loadRoutingSettings, saveRoutingSettings } from '../routingState.js';
import { membersOf, parseTeam, type Team } from '../teams.js';
import { createTeamBody, listTeamsQuery, routingSettingsBody, teamIdParams, updateTeamBody } from './teamSchema.js';

/** Teams with their routing skills: every agent reads them, supervisors change them. */
export function registerTeamRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['teams'];
  const read = requireAgent('tickets:read');
  const supervisor = requireAgent('tickets:write', 'supervisor');

  const withMembers = async (teams: Team[]) => {
    const members = await membersOf(ctx.db, teams.map((t) => t.id));
    const ids = [...new Set([...members.values()].flat())];
    const names = ids.length ? await ctx.db.selectFrom('agents').select(['id', 'name']).where('id', 'in', ids).execute() : [];
    return teams.map((team) => presentTeam(team, (members.get(team.id) ?? []).map((id) => ({ id, name: names.find((n) => n.id === id)?.name ?? '' }))));
  };

  app.get('/api/v1/teams', { preHandler: read, schema: { tags, summary: 'List teams with their languages, categories, hours and members', querystring: listTeamsQuery } }, async (request) => {
    const { cursor, limit } = request.query;
    let q = ctx.db.selectFrom('teams').selectAll().orderBy('id').limit(limit + 1);
    if (cursor) q = q.where('id', '>', decodeCursor(cursor));
    const page = toPage(await q.execute(), limit, parseTeam);
    return { ...page, items: await withMembers(page.items), abilities: routingAbilities(agentActor(request)) };
  });

  app.get('/api/v1/teams/:id', { preHandler: read, schema: { tags, summary: 'One team', params: teamIdParams } }, async (request) => {
    const row = await ctx.db.selectFrom('teams').selectAll().where('id', '=', request.params.id).executeTakeFirst();
    if (!row) throw notFound('No such team.');
    const [team] = await withMembers([parseTeam(row)]);
    return { team, abilities: routingAbilities(agentActor(request)) };
  });

  app.post('/api/v1/teams', { preHandler: supervisor, schema: { tags, summary: 'Create a team', body: createTeamBody } }, async (request, reply) => {
    const team = await teamCreator({ ctx, actor: agentActor(request), origin: originOf(request), input: request.body });
    const [presented] = await withMembers([team]);
    return reply.code(201).send({ team: presented });
  });

  app.patch('/api/v1/teams/:id', { preHandler: supervisor, schema: { tags, summary: 'Rename a team, change its skills, hours or members', params: teamIdParams, body: updateTeamBody } }, async (request) => {
    const team = await teamUpdater({ ctx, actor: agentActor(request), origin: originOf(request), input: request.body, teamId: request.params.id });
    const [presented] = await withMembers([team]);
    return { team: presented };
  });

  app.get('/api/v1/routing/settings', { preHandler: read, schema: { tags, summary: 'Routing settings (the default team)' } }, async () => loadRoutingSettings(ctx.db));

  app.put('/api/v1/routing/settings', { preHandler: supervisor, schema: { tags, summary: 'Change the default team', body: routingSettingsBody } }, async (request) => {
    const settings = request.body;
    await ctx.transaction(async (trx) => {
      if (settings.defaultTeamId) {
        const team = await trx.selectFrom('teams').select('id').where('id', '=', settings.defaultTeamId).executeTakeFirst();
        if (!team) throw new AppError('field_invalid', 'No team has this id.', 'defaultTeamId');
      }
      await saveRoutingSettings(trx, settings);
      await audit(trx, { actor: agentActor(request), action: 'routing.settings_changed', origin: originOf(request), details: settings });
    });
    return settings;
  });
}

import { z } from 'zod';
import { pageQuery } from '../../../platform/http/pagination.js';
import { customerLocales } from '../../identity/customers.js';
import { categories } from '../../tickets/categories.js';
import { HHMM, isTimeZone } from '../hours.js';

/** Teams and their routing skills (/api/v1/teams), and routing settings. */
export const teamIdParams = z.strictObject({ id: z.uuid().describe('Team id') });
export const listTeamsQuery = z.strictObject({ ...pageQuery });

const hhmm = z.string().regex(HHMM, 'HH:MM between 00:00 and 24:00');

export const hoursSchema = z
  .strictObject({
    timezone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai or UTC').describe('IANA time zone the hours are in'),
    days: z
      .array(
        z
          .strictObject({
            day: z.number().int().min(0).max(6).describe('0 = Sunday … 6 = Saturday'),
            from: hhmm.describe('Opening time, inclusive'),
            to: hhmm.describe('Closing time, exclusive; earlier than `from` = runs past midnight'),
          })
          .refine((w) => w.from !== w.to, { message: 'must differ from "from"', path: ['to'] }),
      )
      .min(1)
      .max(28)
      .describe('Opening windows; a day without one is closed'),
  })
  .describe('Business hours; null = 7×24');

const teamFields = {
  name: z.string().trim().min(1).max(80).describe('Team name, unique'),
  languages: z.array(z.enum(customerLocales)).max(customerLocales.length).describe('Customer languages the team answers; empty = any'),
  categories: z.array(z.enum(categories)).max(categories.length).describe('Ticket categories the team handles; empty = any'),
  hours: hoursSchema.nullable(),
  members: z.array(z.uuid()).max(500).describe('Agent ids; replaces the current members'),
};

export const createTeamBody = z.strictObject({
  name: teamFields.name,
  languages: teamFields.languages.optional(),
  categories: teamFields.categories.optional(),
  hours: teamFields.hours.optional(),
  members: teamFields.members.optional(),
});
export type CreateTeamBody = z.infer<typeof createTeamBody>;

export const updateTeamBody = createTeamBody.partial();
export type UpdateTeamBody = z.infer<typeof updateTeamBody>;

export const routingSettingsBody = z.strictObject({
  defaultTeamId: z.uuid().nullable().describe('Team for chats no team speaks the language of; null = any team'),
});

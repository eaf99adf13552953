import type { Team } from './teams.js';

/**
 * Which team answers a chat. Pure: the caller says what each team can do right now.
 *
 * Tiers, best first — a lower tier is used only when every higher tier is empty:
 *   1. teams speaking the customer's language that handle the chat's category;
 *   2. teams speaking the language, whatever their categories;
 *   3. the configured default team, or (none configured) every team.
 * An empty `languages`/`categories` list means "any" and matches, but a team that names the
 * language or category explicitly ranks above a catch-all one in the same tier. Inside the
 * chosen tier a team that can take the chat now beats one that would queue it, which beats one
 * that is closed or has nobody online; availability never moves a chat to a lower tier, so a
 * Korean chat is not handed to a team that cannot read it just because that team is free.
 */
export type TeamReadiness = 'free' | 'busy' | 'unavailable';

export interface Wanted {
  locale: string;
  category: string | null;
}

const speaks = (team: Team, locale: string) => team.languages.length === 0 || team.languages.includes(locale);
const handles = (team: Team, category: string | null) => team.categories.length === 0 || (category !== null && team.categories.includes(category));

function specificity(team: Team, want: Wanted): number {
  return (team.languages.includes(want.locale) ? 2 : 0) + (want.category !== null && team.categories.includes(want.category) ? 1 : 0);
}

/** The candidate tiers for a chat, each ordered by specificity then age. */
export function teamTiers(teams: readonly Team[], want: Wanted, defaultTeamId: string | null): Team[][] {
  const bySpecificity = (list: Team[]) => [...list].sort((a, b) => specificity(b, want) - specificity(a, want));
  const speaking = teams.filter((t) => speaks(t, want.locale));
  const fallback = teams.filter((t) => t.id === defaultTeamId);
  return [
    bySpecificity(speaking.filter((t) => handles(t, want.category))),
    bySpecificity(speaking),
    fallback.length ? fallback : [...teams],
  ];
}

const rank: Record<TeamReadiness, number> = { free: 0, busy: 1, unavailable: 2 };

/** The team to route to, or null when there are no teams at all. */
export function chooseTeam(tiers: Team[][], readiness: (teamId: string) => TeamReadiness): Team | null {
  const tier = tiers.find((t) => t.length > 0);
  if (!tier) return null;
  // Array.prototype.sort is stable: equal readiness keeps the specificity order.
  return [...tier].sort((a, b) => rank[readiness(a.id)] - rank[readiness(b.id)])[0] ?? null;
}

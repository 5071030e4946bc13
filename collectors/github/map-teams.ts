import { z } from "zod";

const PageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** A page of a team's members. */
export const TeamMembersSchema = z.object({
  pageInfo: PageInfoSchema,
  nodes: z.array(z.object({ login: z.string().min(1), name: z.string().nullable() }).nullable()).nullable(),
});

/** A page of a team's repositories with the team's permission on each. */
export const TeamRepositoriesSchema = z.object({
  pageInfo: PageInfoSchema,
  edges: z
    .array(z.object({ permission: z.string(), node: z.object({ nameWithOwner: z.string() }) }).nullable())
    .nullable(),
});

/** A team as the organisation query returns it. */
export const TeamNodeSchema = z.object({
  slug: z.string().min(1),
  name: z.string(),
  parentTeam: z.object({ slug: z.string() }).nullable(),
  members: TeamMembersSchema,
  repositories: TeamRepositoriesSchema,
});

/** A team with all its members and repositories, after any further pages. */
export interface Team {
  slug: string;
  name: string;
  parentSlug: string | null;
  members: { login: string; name: string | null }[];
  repositories: { id: string; permission: string }[];
}

const PERMISSION_RANK: Record<string, number> = { ADMIN: 5, MAINTAIN: 4, WRITE: 3, TRIAGE: 2, READ: 1 };
const bySlug = (a: Team, b: Team) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

/**
 * The team owning each repository. A repository several teams can reach
 * belongs to the one with the highest permission on it (admin, maintain,
 * write, triage, read); among equals, the first by slug.
 */
export function repositoryOwners(teams: readonly Team[]): Map<string, string> {
  const best = new Map<string, { slug: string; rank: number }>();
  for (const team of [...teams].sort(bySlug)) {
    for (const repo of team.repositories) {
      const rank = PERMISSION_RANK[repo.permission] ?? 0;
      const current = best.get(repo.id);
      if (!current || rank > current.rank) best.set(repo.id, { slug: team.slug, rank });
    }
  }
  return new Map([...best].map(([repo, { slug }]) => [repo, slug]));
}

/** Each member's team: a person in several teams belongs to the first by slug (direct membership only). */
export function memberTeams(teams: readonly Team[]): Map<string, string> {
  const teamOf = new Map<string, string>();
  for (const team of [...teams].sort(bySlug)) {
    for (const m of team.members) if (!teamOf.has(m.login)) teamOf.set(m.login, team.slug);
  }
  return teamOf;
}

/** The `team` records, and a `person` record for every member with their team. */
export function teamRecords(teams: readonly Team[]): object[] {
  const teamOf = memberTeams(teams);
  const records: object[] = teams.map((t) => ({ type: "team", id: t.slug, name: t.name, parentId: t.parentSlug }));
  const named = new Map<string, string | null>();
  for (const t of teams) for (const m of t.members) if (!named.has(m.login)) named.set(m.login, m.name);
  for (const [login, name] of named)
    records.push({ type: "person", id: login, name, teamId: teamOf.get(login)!, isBot: false });
  return records;
}

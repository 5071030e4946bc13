import type { Db } from "@/db/client";
import { isBot } from "@/lib/metrics/facts";
import { identitiesOf } from "./people";
import { getMetricRecords, workspaceFacts, type MetricsQuery } from "./metrics";
import { repositoryActivity, type RepositoryWithActivity } from "./repository-list";
import { listRepositories } from "@/lib/queries/repositories";

/** A member of a team as the team page lists them. */
export interface TeamMember {
  id: string;
  name: string | null;
  isBot: boolean;
  /** The other ids merged into this person (`altimeter people`), each with why. */
  aliases: { id: string; reason: string }[];
  /** When they started (UTC ms) and what says so; null without any activity or joinedAt. */
  start: { at: number; source: "joinedAt" | "firstCommit" | "firstPullRequest" } | null;
  /** Set when they are a newcomer of the window (spec/metrics.md §5). */
  newcomer: {
    onboardingDays: number | null;
    firstMerged: { repositoryId: string; number: number; at: number; url: string | null } | null;
  } | null;
}

/** A team's repositories (with their activity in the window) and people (newcomers marked). */
export interface TeamDetails {
  repositories: RepositoryWithActivity[];
  people: TeamMember[];
}

/** The repositories and people of the query's team; newcomers are the onboarding metric's, for the window. */
export async function getTeamDetails(db: Db, q: MetricsQuery & { team: string }): Promise<TeamDetails> {
  const { query, records } = await getMetricRecords(db, q);
  const facts = await workspaceFacts(db, query.workspace);
  const newcomers = new Map(records.onboarding.map((r) => [r.person.id, r]));
  // The metrics' people: one row per person, merged ids folded in, so the page and the numbers agree.
  const aliases = new Map((await identitiesOf(db, query.workspace.id)).groups.map((g) => [g.id, g.members]));
  const team = facts.data.people.filter((p) => p.teamId === q.team).sort((a, b) => (a.id < b.id ? -1 : 1));
  const people = team.map((p): TeamMember => {
    const n = newcomers.get(p.id);
    return {
      id: p.id,
      name: p.name,
      isBot: isBot({ id: p.id, isBot: p.isBot }),
      aliases: aliases.get(p.id) ?? [],
      start: facts.starts.get(p.id) ?? null,
      newcomer: n ? { onboardingDays: n.onboardingDays, firstMerged: n.firstMerged } : null,
    };
  });
  const repositories = repositoryActivity(await listRepositories(db, query.workspace.id, { teamId: q.team }), records);
  return { repositories, people };
}

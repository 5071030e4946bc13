import { z } from "zod";
import { UpstreamError } from "@/lib/errors";
import type { GithubClient } from "./client";
import type { GithubConfig } from "./config";
import { TeamMembersSchema, TeamNodeSchema, TeamRepositoriesSchema, type Team } from "./map-teams";
import { ORGANIZATION_QUERY, TEAM_QUERY } from "./queries";

const PageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

const OrganizationPayloadSchema = z.object({
  organization: z
    .object({
      login: z.string(),
      teams: z.object({ pageInfo: PageInfoSchema, nodes: z.array(TeamNodeSchema.nullable()).nullable() }).optional(),
      repositories: z
        .object({
          totalCount: z.number().int(),
          pageInfo: PageInfoSchema,
          nodes: z
            .array(
              z.object({ nameWithOwner: z.string(), isFork: z.boolean(), pushedAt: z.string().nullable() }).nullable(),
            )
            .nullable(),
        })
        .optional(),
    })
    .nullable(),
});

const TeamPayloadSchema = z.object({
  organization: z
    .object({
      team: z
        .object({
          slug: z.string(),
          members: TeamMembersSchema.optional(),
          repositories: TeamRepositoriesSchema.optional(),
        })
        .nullable(),
    })
    .nullable(),
});

/** A repository to collect; `pushedAt` (from the organisation's listing) tells whether its files can have changed. */
export interface RepositoryTarget {
  id: string;
  pushedAt: string | null;
}

/** The organisation's teams in full and the repositories to collect. */
export interface OrganizationSnapshot {
  teams: Team[];
  repositories: RepositoryTarget[];
}

/** Hard stop for a misbehaving server that never ends a connection. */
const MAX_PAGES = 10_000;

function notFound(org: string): UpstreamError {
  return new UpstreamError(
    `organization ${JSON.stringify(org)} not found on GitHub, or the token cannot see it`,
    "client",
  );
}

/** Fetches the members and repositories past a team's first 100. */
async function completeTeam(
  client: GithubClient,
  org: string,
  team: Team,
  members: string | null,
  repositories: string | null,
): Promise<void> {
  let membersAfter = members,
    repositoriesAfter = repositories;
  for (let pages = 0; membersAfter !== null || repositoriesAfter !== null; pages++) {
    if (pages > MAX_PAGES) throw new UpstreamError(`team ${team.slug}: GitHub never ended its pages`, "server");
    const data = await client.query(
      TEAM_QUERY,
      {
        org,
        slug: team.slug,
        withMembers: membersAfter !== null,
        membersAfter,
        withRepositories: repositoriesAfter !== null,
        repositoriesAfter,
      },
      TeamPayloadSchema,
    );
    const found = data.organization?.team;
    if (!found) throw new UpstreamError(`team ${team.slug} of ${org} disappeared during the sync`, "client");
    if (found.members) {
      for (const m of found.members.nodes ?? []) if (m) team.members.push(m);
      membersAfter = found.members.pageInfo.hasNextPage ? found.members.pageInfo.endCursor : null;
    }
    if (found.repositories) {
      for (const e of found.repositories.edges ?? [])
        if (e) team.repositories.push({ id: e.node.nameWithOwner, permission: e.permission });
      repositoriesAfter = found.repositories.pageInfo.hasNextPage ? found.repositories.pageInfo.endCursor : null;
    }
  }
}

/**
 * Reads the organisation: every team with its direct members and its
 * repositories (the team mapping), and, unless the config names them, the
 * repositories to collect (forks left out unless `includeForks`). Teams and
 * repositories page together, 100 at a time.
 */
export async function readOrganization(client: GithubClient, config: GithubConfig): Promise<OrganizationSnapshot> {
  const teams: Team[] = [];
  const followUps: [Team, string | null, string | null][] = [];
  const listed: RepositoryTarget[] = [];
  let teamsAfter: string | null = null,
    repositoriesAfter: string | null = null;
  let withTeams = true,
    withRepositories = !config.repos;
  for (let pages = 0; withTeams || withRepositories; pages++) {
    if (pages > MAX_PAGES)
      throw new UpstreamError(`organization ${config.org}: GitHub never ended its pages`, "server");
    const data: z.infer<typeof OrganizationPayloadSchema> = await client.query(
      ORGANIZATION_QUERY,
      { org: config.org, withTeams, teamsAfter, withRepositories, repositoriesAfter },
      OrganizationPayloadSchema,
    );
    const org = data.organization;
    if (!org) throw notFound(config.org);
    if (withTeams) {
      if (!org.teams) throw new UpstreamError(`organization ${config.org}: GitHub sent no teams`, "server");
      for (const node of org.teams.nodes ?? []) {
        if (!node) continue;
        const team: Team = {
          slug: node.slug,
          name: node.name,
          parentSlug: node.parentTeam?.slug ?? null,
          members: (node.members.nodes ?? []).flatMap((m) => (m ? [m] : [])),
          repositories: (node.repositories.edges ?? []).flatMap((e) =>
            e ? [{ id: e.node.nameWithOwner, permission: e.permission }] : [],
          ),
        };
        teams.push(team);
        const more = (p: { hasNextPage: boolean; endCursor: string | null }) => (p.hasNextPage ? p.endCursor : null);
        if (node.members.pageInfo.hasNextPage || node.repositories.pageInfo.hasNextPage)
          followUps.push([team, more(node.members.pageInfo), more(node.repositories.pageInfo)]);
      }
      withTeams = org.teams.pageInfo.hasNextPage;
      teamsAfter = org.teams.pageInfo.endCursor;
    }
    if (withRepositories) {
      if (!org.repositories)
        throw new UpstreamError(`organization ${config.org}: GitHub sent no repositories`, "server");
      for (const r of org.repositories.nodes ?? [])
        if (r && (config.includeForks || !r.isFork)) listed.push({ id: r.nameWithOwner, pushedAt: r.pushedAt });
      withRepositories = org.repositories.pageInfo.hasNextPage;
      repositoriesAfter = org.repositories.pageInfo.endCursor;
    }
  }
  for (const [team, members, repositories] of followUps)
    await completeTeam(client, config.org, team, members, repositories);
  const repositories = config.repos ? config.repos.map((id) => ({ id, pushedAt: null })) : listed;
  return { teams, repositories };
}

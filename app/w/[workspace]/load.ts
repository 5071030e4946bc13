import type { Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { getOverview, type Overview } from "@/lib/service/dashboard";
import { requestDb } from "@/app/_lib/db";
import { workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { listWorkspaceTeams } from "@/lib/service/lookups";
import {
  parseWorkspaceSearchParams,
  rawFilters,
  single,
  workspacePath,
  type SearchParams,
  type WorkspaceFilters,
} from "./search-params";

/** The URL's filters parsed, or the problem with them in words (a bad date) with the filters as typed. */
export type Parsed =
  | { filters: WorkspaceFilters }
  | { problem: string; raw: { from: string; to: string; team: string | null } };

/** Parses a workspace page's window and team; a bad date becomes a problem to show, not an error page. */
export function parseFilters(query: SearchParams, now: number): Parsed {
  try {
    return { filters: parseWorkspaceSearchParams(query, now) };
  } catch (error) {
    if (error instanceof ValidationError) return { problem: error.message, raw: rawFilters(query) };
    throw error;
  }
}

/** The overview of a workspace or team for the URL's window, or the problem with the URL. */
export async function loadOverview(
  db: Db,
  slug: string,
  team: string | null,
  query: SearchParams,
  now: number,
): Promise<
  | { filters: WorkspaceFilters; overview: Overview }
  | { problem: string; raw: { from: string; to: string; team: string | null } }
> {
  const parsed = parseFilters(query, now);
  if ("problem" in parsed) return parsed;
  const filters = { ...parsed.filters, team };
  return { filters, overview: await getOverview(db, { workspace: slug, from: filters.from, to: filters.to, team }) };
}

/**
 * What a workspace's list page (repositories, incidents) starts from: the
 * workspace (404 when unknown), its teams, the URL's window, team and search,
 * and the problem with them in words (a bad date, an unknown team), if any.
 */
export async function loadListPage(
  params: Promise<{ workspace: string }>,
  searchParams: Promise<SearchParams>,
  page: "repositories" | "incidents",
) {
  const slug = segment((await params).workspace);
  const query = await searchParams;
  const db = await requestDb();
  const now = Date.now();
  const workspace = await workspaceOr404(db, slug);
  const teams = await listWorkspaceTeams(db, workspace.id);
  const parsed = parseFilters(query, now);
  const filters = "filters" in parsed ? parsed.filters : { ...parsed.raw, preset: null };
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  const problem =
    "problem" in parsed
      ? parsed.problem
      : filters.team !== null && !teamNames.has(filters.team)
        ? `unknown team ${JSON.stringify(filters.team)} in workspace ${JSON.stringify(slug)}`
        : null;
  return {
    slug,
    query,
    db,
    now,
    teams,
    teamNames,
    filters,
    problem,
    valid: "filters" in parsed,
    path: `${workspacePath(slug)}/${page}`,
    search: single(query.q),
  };
}

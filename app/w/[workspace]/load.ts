import type { Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { getOverview, type Overview } from "@/lib/service/dashboard";
import { parseWorkspaceSearchParams, rawFilters, type SearchParams, type WorkspaceFilters } from "./search-params";

/** The URL's filters parsed, or the problem with them in words (a bad date) with the filters as typed. */
export type Parsed = { filters: WorkspaceFilters } | { problem: string; raw: { from: string; to: string; team: string | null } };

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
): Promise<{ filters: WorkspaceFilters; overview: Overview } | { problem: string; raw: { from: string; to: string; team: string | null } }> {
  const parsed = parseFilters(query, now);
  if ("problem" in parsed) return parsed;
  const filters = { ...parsed.filters, team };
  return { filters, overview: await getOverview(db, { workspace: slug, from: filters.from, to: filters.to, team }) };
}

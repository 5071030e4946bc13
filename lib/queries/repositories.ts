import { and, asc, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { repositories, type Repository } from "@/db/schema";

export type { Repository };

/** What the repositories list can be narrowed to. */
export interface RepositoryFilter {
  /** Only this team's repositories. */
  teamId?: string | null;
  /** A piece of the name or id, case-insensitive (ASCII). */
  search?: string | null;
}

/** `%text%` for LIKE … ESCAPE '\', with LIKE's own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The repositories of a workspace matching the filter, by name then id. */
export async function listRepositories(
  db: Db,
  workspaceId: number,
  filter: RepositoryFilter = {},
): Promise<Repository[]> {
  const conditions: (SQL | undefined)[] = [eq(repositories.workspaceId, workspaceId)];
  if (filter.teamId) conditions.push(eq(repositories.teamId, filter.teamId));
  if (filter.search) {
    const pattern = containsPattern(filter.search);
    conditions.push(
      or(sql`${repositories.name} LIKE ${pattern} ESCAPE '\\'`, sql`${repositories.id} LIKE ${pattern} ESCAPE '\\'`),
    );
  }
  return db
    .select()
    .from(repositories)
    .where(and(...conditions))
    .orderBy(asc(repositories.name), asc(repositories.id))
    .all();
}

import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { people } from "@/db/schema";

/** SQLite's default limit on bound parameters is 32,766; stay well under it. */
const CHUNK = 500;

/**
 * Which of these person ids the workspace already holds. Collectors that only
 * know a name (local git) create people they have not seen, and leave alone
 * those another source (GitHub teams, an import) described more fully.
 */
export async function knownPersonIds(db: Db, workspaceId: number, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.workspaceId, workspaceId), inArray(people.id, ids.slice(i, i + CHUNK) as string[])))
      .all();
    for (const r of rows) known.add(r.id);
  }
  return known;
}

import type { Db } from "@/db/client";

/** Ids per query: far under SQLite's 32,766 bound parameters and PostgreSQL's 65,535. */
const CHUNK = 500;

/**
 * Which of these person ids the workspace already holds. Collectors that only
 * know a name (local git) create people they have not seen, and leave alone
 * those another source (GitHub teams, an import) described more fully.
 */
export async function knownPersonIds(db: Db, workspaceId: number, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await db.tuples(
      `SELECT id FROM people WHERE workspace_id = ? AND id IN (${chunk.map(() => "?").join(", ")})`,
      [workspaceId, ...chunk],
    );
    for (const [id] of rows) known.add(id as string);
  }
  return known;
}

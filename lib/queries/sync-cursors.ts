import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncCursors } from "@/db/schema";

/**
 * Where a collector left off for one source, scope and stream, or null before
 * its first completed sync. The cursor text is opaque to the store.
 */
export async function getCursor(
  db: Db,
  workspaceId: number,
  source: string,
  scope: string,
  stream: string,
): Promise<string | null> {
  const row = db
    .select({ cursor: syncCursors.cursor })
    .from(syncCursors)
    .where(
      and(
        eq(syncCursors.workspaceId, workspaceId),
        eq(syncCursors.source, source),
        eq(syncCursors.scope, scope),
        eq(syncCursors.stream, stream),
      ),
    )
    .get();
  return row?.cursor ?? null;
}

/**
 * Moves a cursor. Call it only after the rows it covers are stored, so a sync
 * killed in between re-fetches them instead of skipping them.
 */
export async function setCursor(
  db: Db,
  workspaceId: number,
  source: string,
  scope: string,
  stream: string,
  cursor: string,
  now: number,
): Promise<void> {
  db.insert(syncCursors)
    .values({ workspaceId, source, scope, stream, cursor, updatedAt: now })
    .onConflictDoUpdate({
      target: [syncCursors.workspaceId, syncCursors.source, syncCursors.scope, syncCursors.stream],
      set: { cursor, updatedAt: now },
    })
    .run();
}

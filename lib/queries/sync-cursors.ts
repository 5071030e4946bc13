import type { Db } from "@/db/client";

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
  const cursor = await db.value<string>(
    "SELECT cursor FROM sync_cursors WHERE workspace_id = ? AND source = ? AND scope = ? AND stream = ?",
    [workspaceId, source, scope, stream],
  );
  return cursor ?? null;
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
  await db.exec(
    `INSERT INTO sync_cursors (workspace_id, source, scope, stream, cursor, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, source, scope, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
    [workspaceId, source, scope, stream, cursor, now],
  );
}

import type { Db } from "@/db/client";
import { TUPLE_CODEC_VERSION } from "./tuple-codec";

/** A fingerprint of the reads a snapshot holds and of its encoding (FNV-1a; not a secret). */
export function snapshotShape(reads: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const c of `${TUPLE_CODEC_VERSION}\u0000${reads.join("\u0000")}`)
    h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `${TUPLE_CODEC_VERSION}-${h.toString(16)}`;
}

/** A workspace's snapshot when it was kept at exactly this data version and shape, else null. */
export async function readMetricSnapshot(
  db: Db,
  workspaceId: number,
  dataVersion: number,
  shape: string,
): Promise<Uint8Array | null> {
  // The largest value any read takes (tens of MB): the engine's fastest way to a blob.
  const bytes = await db.bytes(
    "SELECT bytes FROM metric_snapshots WHERE workspace_id = ? AND data_version = ? AND shape = ?",
    [workspaceId, dataVersion, shape],
  );
  return bytes ?? null;
}

/**
 * Keeps a workspace's snapshot, replacing the one before, unless the workspace
 * has moved past `dataVersion` meanwhile. Whether it was kept.
 */
export async function writeMetricSnapshot(
  db: Db,
  workspaceId: number,
  dataVersion: number,
  shape: string,
  bytes: Uint8Array,
): Promise<boolean> {
  return db.atomic(async (tx) => {
    const current = await tx.value("SELECT data_version FROM workspaces WHERE id = ?", [workspaceId]);
    if (Number(current) !== dataVersion) return false;
    await tx.exec(
      `INSERT INTO metric_snapshots (workspace_id, data_version, shape, bytes) VALUES (?, ?, ?, ?)
       ON CONFLICT (workspace_id) DO UPDATE SET data_version = excluded.data_version, shape = excluded.shape, bytes = excluded.bytes`,
      [workspaceId, dataVersion, shape, bytes],
    );
    return true;
  });
}

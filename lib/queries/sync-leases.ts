import type { Db } from "@/db/client";

/** Who holds a source's lease, as a refused claim reports it. */
export interface SyncLeaseHolder {
  /** The worker holding it, or null when it was released. */
  holder: string | null;
  claimedAt: number;
  expiresAt: number;
  /** The scheduled time of the latest claimed run, or null when no scheduled run claimed it. */
  slot: number | null;
}

/** What a claim asks for. */
export interface SyncLeaseClaim {
  workspaceId: number;
  source: string;
  /** This worker (host, process and a random part: unique per process). */
  holder: string;
  now: number;
  /** How long the lease holds without renewal. */
  leaseMs: number;
  /**
   * The scheduled time this run is for; a claim for a slot no later than the
   * latest claimed one is refused, so two workers ticking for the same time
   * run it once. Null for a run asked for by hand (`altimeter sync`).
   */
  slot: number | null;
  /** A holder known to be dead (a process of this host that no longer runs): its lease is taken over at once. */
  replacing?: string;
}

/**
 * Claims a workspace source's sync for `holder`: granted when nobody holds
 * it, or the holder's lease expired (it died), and the slot was not claimed
 * before. One UPDATE … WHERE … RETURNING decides, so two processes (on one
 * SQLite file or one PostgreSQL server) never both get it. Returns null when
 * granted, else who holds it.
 */
export async function claimSyncLease(db: Db, c: SyncLeaseClaim): Promise<SyncLeaseHolder | null> {
  await db.exec(
    `INSERT INTO sync_leases (workspace_id, source, holder, claimed_at, expires_at, slot) VALUES (?, ?, NULL, 0, 0, NULL)
     ON CONFLICT (workspace_id, source) DO NOTHING`,
    [c.workspaceId, c.source],
  );
  const granted = await db.value<string>(
    `UPDATE sync_leases SET holder = ?, claimed_at = ?, expires_at = ?, slot = coalesce(CAST(? AS bigint), slot)
     WHERE workspace_id = ? AND source = ? AND (holder IS NULL OR expires_at <= ? OR holder = ?)
       AND (CAST(? AS bigint) IS NULL OR slot IS NULL OR slot < CAST(? AS bigint))
     RETURNING holder`,
    [c.holder, c.now, c.now + c.leaseMs, c.slot, c.workspaceId, c.source, c.now, c.replacing ?? null, c.slot, c.slot],
  );
  if (granted !== undefined) return null;
  const row = await db.row<{ holder: string | null; claimed_at: number; expires_at: number; slot: number | null }>(
    "SELECT holder, claimed_at, expires_at, slot FROM sync_leases WHERE workspace_id = ? AND source = ?",
    [c.workspaceId, c.source],
  );
  return {
    holder: row?.holder ?? null,
    claimedAt: Number(row?.claimed_at ?? 0),
    expiresAt: Number(row?.expires_at ?? 0),
    slot: row?.slot === null || row?.slot === undefined ? null : Number(row.slot),
  };
}

/**
 * Extends `holder`'s lease to `now + leaseMs`. False when it no longer holds
 * it (it expired and another worker took it over): the sync must stop.
 */
export async function renewSyncLease(
  db: Db,
  r: { workspaceId: number; source: string; holder: string; now: number; leaseMs: number },
): Promise<boolean> {
  const changed = await db.exec(
    "UPDATE sync_leases SET expires_at = ? WHERE workspace_id = ? AND source = ? AND holder = ?",
    [r.now + r.leaseMs, r.workspaceId, r.source, r.holder],
  );
  return changed > 0;
}

/** Releases `holder`'s lease (nothing when another worker holds it now). */
export async function releaseSyncLease(
  db: Db,
  r: { workspaceId: number; source: string; holder: string; now: number },
): Promise<void> {
  await db.exec(
    "UPDATE sync_leases SET holder = NULL, expires_at = ? WHERE workspace_id = ? AND source = ? AND holder = ?",
    [r.now, r.workspaceId, r.source, r.holder],
  );
}

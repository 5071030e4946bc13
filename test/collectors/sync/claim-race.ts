import { closeDatabase, openDatabase } from "@/db/client";
import { claimSyncLease, releaseSyncLease } from "@/lib/queries/sync-leases";
import { ensureWorkspace } from "@/lib/queries/workspaces";

/**
 * One racer of the cross-process claim test: after "go" on stdin, claims the
 * same source for slots 1..count as fast as it can, releasing each one it
 * wins, and prints the slots it won.
 */
export async function race(file: string, holder: string, count: number): Promise<void> {
  const db = await openDatabase(file);
  const workspace = await ensureWorkspace(db, "acme");
  process.stdout.write("ready\n");
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  const won: number[] = [];
  for (let slot = 1; slot <= count; slot++) {
    const lease = { workspaceId: workspace.id, source: "pagerduty", holder };
    const held = await claimSyncLease(db, { ...lease, now: Date.now(), leaseMs: 60_000, slot });
    if (held === null) {
      won.push(slot);
      await releaseSyncLease(db, { ...lease, now: Date.now() });
    }
  }
  process.stdout.write(`won ${JSON.stringify(won)}\n`);
  await closeDatabase(db);
}

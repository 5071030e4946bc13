import type { Db } from "@/db/client";

/** Whether this delivery was already ingested (GitHub redelivers, and attackers replay). */
export async function hasDelivery(db: Db, workspaceId: number, source: string, deliveryId: string): Promise<boolean> {
  const found = await db.value(
    "SELECT 1 FROM webhook_deliveries WHERE workspace_id = ? AND source = ? AND delivery_id = ?",
    [workspaceId, source, deliveryId],
  );
  return found !== undefined;
}

/**
 * Remembers an ingested delivery. Called after its records are stored, so a
 * crash in between means a redelivery is ingested again (idempotently) rather
 * than lost. Returns false when another request recorded it first.
 */
export async function recordDelivery(
  db: Db,
  delivery: { workspaceId: number; source: string; deliveryId: string; event: string; receivedAt: number },
): Promise<boolean> {
  const changed = await db.exec(
    `INSERT INTO webhook_deliveries (workspace_id, source, delivery_id, event, received_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (workspace_id, source, delivery_id) DO NOTHING`,
    [delivery.workspaceId, delivery.source, delivery.deliveryId, delivery.event, delivery.receivedAt],
  );
  return changed > 0;
}

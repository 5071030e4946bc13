import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";

/** Whether this delivery was already ingested (GitHub redelivers, and attackers replay). */
export async function hasDelivery(db: Db, workspaceId: number, source: string, deliveryId: string): Promise<boolean> {
  const row = db
    .select({ id: webhookDeliveries.deliveryId })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, workspaceId),
        eq(webhookDeliveries.source, source),
        eq(webhookDeliveries.deliveryId, deliveryId),
      ),
    )
    .get();
  return row !== undefined;
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
  const result = db.insert(webhookDeliveries).values(delivery).onConflictDoNothing().run();
  return result.changes > 0;
}

import type { Db } from "@/db/client";
import type { DigestSend } from "@/db/schema";
import type { Row, Sql } from "@/db/store";

export type { DigestSend };

/** One digest: a workspace, an ISO week and a channel (the table's key). */
export interface DigestSendKey {
  workspaceId: number;
  week: string;
  channel: string;
}

/** When a claim may take a row that is already there. */
export interface ClaimRules {
  /** Who claims: host, process and a random part, so logs say which worker sent. */
  by: string;
  now: number;
  /** A `sending` row older than this was left by a process that died mid-send; it is taken over. */
  staleAfterMs: number;
  /** A `failed` row is retried while its attempts are below this… */
  maxAttempts: number;
  /** …and at least this long after its last claim (the backoff between retry rounds). */
  retryAfterMs: number;
  /** Take even a `sent` row (an explicit resend). */
  force?: boolean;
}

/** What a claim found: whether this caller now owns the send, and the row as it stands. */
export interface ClaimResult {
  claimed: boolean;
  /** `taken-over` when a stale `sending` row was claimed; `retry` for a failed one. */
  how: "new" | "retry" | "taken-over" | "forced" | null;
  row: DigestSend;
}

const COLUMNS = "workspace_id, week, channel, status, attempts, claimed_by, claimed_at, sent_at, last_error";
const KEY = "workspace_id = ? AND week = ? AND channel = ?";
const key = (k: DigestSendKey) => [k.workspaceId, k.week, k.channel];
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

const toSend = (r: Row): DigestSend => ({
  workspaceId: Number(r.workspace_id),
  week: r.week as string,
  channel: r.channel as string,
  status: r.status as string,
  attempts: Number(r.attempts),
  claimedBy: (r.claimed_by as string | null) ?? null,
  claimedAt: numOrNull(r.claimed_at),
  sentAt: numOrNull(r.sent_at),
  lastError: (r.last_error as string | null) ?? null,
});

async function read(db: Sql, k: DigestSendKey): Promise<DigestSend | undefined> {
  const row = await db.row(`SELECT ${COLUMNS} FROM digest_sends WHERE ${KEY}`, key(k));
  return row ? toSend(row) : undefined;
}

/** How an existing row may be claimed under `rules`, or null when it may not. */
function claimable(row: DigestSend, rules: ClaimRules): ClaimResult["how"] {
  const since = rules.now - (row.claimedAt ?? 0);
  if (rules.force && row.status !== "sending") return "forced";
  if (row.status === "failed" && row.attempts < rules.maxAttempts && since >= rules.retryAfterMs) return "retry";
  if (row.status === "sending" && since >= rules.staleAfterMs) return "taken-over";
  return null;
}

/**
 * Claims a digest before it is sent, so two workers (or a worker and
 * `altimeter digest`), in one process or on different machines, never both
 * send it. A new row is created as `sending` by an INSERT that does nothing
 * when the row exists; an existing one is taken only when it failed and may be
 * retried, when its sender died mid-send, or when forced — by an UPDATE that
 * also requires the row to be still as it was read (status, attempts and
 * claim), so of two claimers reading the same row only one changes it. No
 * transaction or lock is needed on either engine: each statement is atomic.
 */
export async function claimDigestSend(db: Db, k: DigestSendKey, rules: ClaimRules): Promise<ClaimResult> {
  for (;;) {
    const inserted = await db.row(
      `INSERT INTO digest_sends (workspace_id, week, channel, status, attempts, claimed_by, claimed_at)
       VALUES (?, ?, ?, 'sending', 0, ?, ?) ON CONFLICT (workspace_id, week, channel) DO NOTHING RETURNING ${COLUMNS}`,
      [...key(k), rules.by, rules.now],
    );
    if (inserted) return { claimed: true, how: "new", row: toSend(inserted) };
    const row = await read(db, k);
    // Deleted between the two statements: claim it anew.
    if (!row) continue;
    const how = claimable(row, rules);
    if (!how) return { claimed: false, how: null, row };
    const taken = await db.row(
      `UPDATE digest_sends SET status = 'sending', claimed_by = ?, claimed_at = ?
       WHERE ${KEY} AND status = ? AND attempts = ?
         AND claimed_by IS NOT DISTINCT FROM CAST(? AS text) AND claimed_at IS NOT DISTINCT FROM CAST(? AS bigint)
       RETURNING ${COLUMNS}`,
      [rules.by, rules.now, ...key(k), row.status, row.attempts, row.claimedBy, row.claimedAt],
    );
    if (taken) return { claimed: true, how, row: toSend(taken) };
    // Somebody else changed the row since it was read: judge it again as it now stands.
  }
}

/** Records a failed attempt and its error (never a secret: callers redact); `final` ends the claim as `failed`. */
export async function recordDigestFailure(
  db: Db,
  k: DigestSendKey,
  error: string,
  final: boolean,
): Promise<DigestSend> {
  const row = await db.row(
    `UPDATE digest_sends SET attempts = attempts + 1, last_error = ?${final ? ", status = 'failed'" : ""}
     WHERE ${KEY} RETURNING ${COLUMNS}`,
    [error.slice(0, 2000), ...key(k)],
  );
  return toSend(row!);
}

/** Records the attempt that succeeded. The last error stays, as the history of a send that needed retries. */
export async function markDigestSent(db: Db, k: DigestSendKey, sentAt: number): Promise<DigestSend> {
  const row = await db.row(
    `UPDATE digest_sends SET attempts = attempts + 1, status = 'sent', sent_at = ? WHERE ${KEY} RETURNING ${COLUMNS}`,
    [sentAt, ...key(k)],
  );
  return toSend(row!);
}

/** One digest's row, or null before its first claim. */
export async function getDigestSend(db: Db, k: DigestSendKey): Promise<DigestSend | null> {
  return (await read(db, k)) ?? null;
}

/** A workspace's digests, newest week first. */
export async function listDigestSends(db: Db, workspaceId: number): Promise<DigestSend[]> {
  const rows = await db.rows(`SELECT ${COLUMNS} FROM digest_sends WHERE workspace_id = ? ORDER BY week DESC, channel`, [
    workspaceId,
  ]);
  return rows.map(toSend);
}

/** Failed digests of a workspace that may still be retried (fewer attempts than `maxAttempts`). */
export async function listRetryableDigestSends(
  db: Db,
  workspaceId: number,
  maxAttempts: number,
): Promise<DigestSend[]> {
  const rows = await db.rows(
    `SELECT ${COLUMNS} FROM digest_sends WHERE workspace_id = ? AND status = 'failed' AND attempts < ? ORDER BY week, channel`,
    [workspaceId, maxAttempts],
  );
  return rows.map(toSend);
}

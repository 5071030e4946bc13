import type { Db } from "@/db/client";
import type { DigestSend } from "@/db/schema";

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

const COLUMNS =
  "workspace_id AS workspaceId, week, channel, status, attempts, claimed_by AS claimedBy, claimed_at AS claimedAt, sent_at AS sentAt, last_error AS lastError";
const KEY = "workspace_id = ? AND week = ? AND channel = ?";

function read(db: Db, k: DigestSendKey): DigestSend | undefined {
  return db.$client.prepare(`SELECT ${COLUMNS} FROM digest_sends WHERE ${KEY}`).get(k.workspaceId, k.week, k.channel) as
    | DigestSend
    | undefined;
}

/**
 * Claims a digest before it is sent, in one immediate transaction, so two
 * workers (or a worker and `altimeter digest`) never both send it: a new row
 * is created as `sending`; an existing one is taken only when it failed and
 * may be retried, when its sender died mid-send, or when forced.
 */
export async function claimDigestSend(db: Db, k: DigestSendKey, rules: ClaimRules): Promise<ClaimResult> {
  const claim = db.$client.transaction((): ClaimResult => {
    const inserted = db.$client
      .prepare(
        "INSERT INTO digest_sends (workspace_id, week, channel, status, attempts, claimed_by, claimed_at) VALUES (?, ?, ?, 'sending', 0, ?, ?) ON CONFLICT DO NOTHING",
      )
      .run(k.workspaceId, k.week, k.channel, rules.by, rules.now);
    if (inserted.changes === 1) return { claimed: true, how: "new", row: read(db, k)! };
    const row = read(db, k)!;
    const since = rules.now - (row.claimedAt ?? 0);
    const how =
      rules.force && row.status !== "sending"
        ? "forced"
        : row.status === "failed" && row.attempts < rules.maxAttempts && since >= rules.retryAfterMs
          ? "retry"
          : row.status === "sending" && since >= rules.staleAfterMs
            ? "taken-over"
            : null;
    if (!how) return { claimed: false, how: null, row };
    db.$client
      .prepare(`UPDATE digest_sends SET status = 'sending', claimed_by = ?, claimed_at = ? WHERE ${KEY}`)
      .run(rules.by, rules.now, k.workspaceId, k.week, k.channel);
    return { claimed: true, how, row: read(db, k)! };
  });
  return claim.immediate();
}

/** Records a failed attempt and its error (never a secret: callers redact); `final` ends the claim as `failed`. */
export async function recordDigestFailure(
  db: Db,
  k: DigestSendKey,
  error: string,
  final: boolean,
): Promise<DigestSend> {
  db.$client
    .prepare(
      `UPDATE digest_sends SET attempts = attempts + 1, last_error = ?, status = CASE WHEN ? THEN 'failed' ELSE status END WHERE ${KEY}`,
    )
    .run(error.slice(0, 2000), final ? 1 : 0, k.workspaceId, k.week, k.channel);
  return read(db, k)!;
}

/** Records the attempt that succeeded. The last error stays, as the history of a send that needed retries. */
export async function markDigestSent(db: Db, k: DigestSendKey, sentAt: number): Promise<DigestSend> {
  db.$client
    .prepare(`UPDATE digest_sends SET attempts = attempts + 1, status = 'sent', sent_at = ? WHERE ${KEY}`)
    .run(sentAt, k.workspaceId, k.week, k.channel);
  return read(db, k)!;
}

/** One digest's row, or null before its first claim. */
export async function getDigestSend(db: Db, k: DigestSendKey): Promise<DigestSend | null> {
  return read(db, k) ?? null;
}

/** A workspace's digests, newest week first. */
export async function listDigestSends(db: Db, workspaceId: number): Promise<DigestSend[]> {
  return db.$client
    .prepare(`SELECT ${COLUMNS} FROM digest_sends WHERE workspace_id = ? ORDER BY week DESC, channel`)
    .all(workspaceId) as DigestSend[];
}

/** Failed digests of a workspace that may still be retried (fewer attempts than `maxAttempts`). */
export async function listRetryableDigestSends(
  db: Db,
  workspaceId: number,
  maxAttempts: number,
): Promise<DigestSend[]> {
  return db.$client
    .prepare(
      `SELECT ${COLUMNS} FROM digest_sends WHERE workspace_id = ? AND status = 'failed' AND attempts < ? ORDER BY week, channel`,
    )
    .all(workspaceId, maxAttempts) as DigestSend[];
}

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, type Db, openDatabase } from "@/db/client";
import {
  type ClaimResult,
  type ClaimRules,
  claimDigestSend,
  type DigestSendKey,
  getDigestSend,
  markDigestSent,
  recordDigestFailure,
} from "@/lib/queries/digest-sends";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { freshDatabase } from "../../support/db";

const NOW = Date.parse("2026-11-25T10:00:00Z");
const LIMITS = { maxAttempts: 5, retryAfterMs: 60_000, staleAfterMs: 600_000 };
const WEEKS = Array.from({ length: 40 }, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`);

/**
 * The once-only claim of a weekly digest, raced by two claimers on two
 * separate connections to one store (two processes or machines in
 * production): whichever way their statements interleave, exactly one of
 * them owns each send.
 */
describe("two claimers on one store never both own a digest", async () => {
  const store = await freshDatabase();
  let other: Db;
  let workspaceId: number;
  const key = (week: string): DigestSendKey => ({ workspaceId, week, channel: "email" });
  const rules = (by: string, now = NOW, extra: Partial<ClaimRules> = {}): ClaimRules => ({
    by,
    now,
    ...LIMITS,
    ...extra,
  });
  const race = (week: string, now = NOW) =>
    Promise.all([
      claimDigestSend(store.db, key(week), rules("a", now)),
      claimDigestSend(other, key(week), rules("b", now)),
    ]);
  const winners = (pairs: ClaimResult[][]) => pairs.map((pair) => pair.filter((c) => c.claimed).length);

  beforeAll(async () => {
    other = await openDatabase(store.file);
    workspaceId = (await ensureWorkspace(store.db, "claims")).id;
  });
  afterAll(async () => {
    await closeDatabase(other);
    await store.dispose();
  });

  test("a new digest: one claimer creates the row as sending, the other is told it is taken", async () => {
    const pairs = await Promise.all(WEEKS.map((w) => race(w)));
    expect(winners(pairs)).toEqual(WEEKS.map(() => 1));
    for (const [i, pair] of pairs.entries()) {
      const won = pair.find((c) => c.claimed)!;
      const lost = pair.find((c) => !c.claimed)!;
      expect(won.how).toBe("new");
      expect(lost).toMatchObject({
        claimed: false,
        how: null,
        row: { status: "sending", claimedBy: won.row.claimedBy },
      });
      expect(await getDigestSend(store.db, key(WEEKS[i]!))).toEqual({
        workspaceId,
        week: WEEKS[i],
        channel: "email",
        status: "sending",
        attempts: 0,
        claimedBy: won.row.claimedBy,
        claimedAt: NOW,
        sentAt: null,
        lastError: null,
      });
    }
  });

  test("a sender that died mid-send: its stale claim is taken over by exactly one of two claimers", async () => {
    const later = NOW + LIMITS.staleAfterMs;
    const pairs = await Promise.all(WEEKS.map((w) => race(w, later)));
    expect(winners(pairs)).toEqual(WEEKS.map(() => 1));
    for (const pair of pairs) expect(pair.find((c) => c.claimed)).toMatchObject({ how: "taken-over" });
  });

  test("a failed send due for retry is retried by exactly one claimer; a sent one by neither", async () => {
    const later = NOW + LIMITS.staleAfterMs;
    for (const [i, w] of WEEKS.entries()) {
      if (i % 2 === 0) await recordDigestFailure(store.db, key(w), "SMTP 451", true);
      else await markDigestSent(store.db, key(w), later);
    }
    const pairs = await Promise.all(WEEKS.map((w) => race(w, later + LIMITS.retryAfterMs)));
    expect(winners(pairs)).toEqual(WEEKS.map((_, i) => (i % 2 === 0 ? 1 : 0)));
    for (const [i, pair] of pairs.entries()) {
      if (i % 2 === 0) expect(pair.find((c) => c.claimed)).toMatchObject({ how: "retry", row: { attempts: 1 } });
      else expect(pair).toMatchObject([{ row: { status: "sent" } }, { row: { status: "sent" } }]);
    }
  });

  test("a forced resend of a sent digest is taken by one claimer, and never from a sender still sending", async () => {
    const later = NOW + 2 * LIMITS.staleAfterMs;
    const force = (db: Db, by: string, w: string) => claimDigestSend(db, key(w), rules(by, later, { force: true }));
    const sent = WEEKS.filter((_, i) => i % 2 === 1);
    const pairs = await Promise.all(sent.map((w) => Promise.all([force(store.db, "a", w), force(other, "b", w)])));
    expect(winners(pairs)).toEqual(sent.map(() => 1));
    for (const pair of pairs) expect(pair.find((c) => c.claimed)).toMatchObject({ how: "forced" });
    const again = await Promise.all(sent.map((w) => force(other, "c", w)));
    expect(again.map((c) => c.claimed)).toEqual(sent.map(() => false));
  });
});

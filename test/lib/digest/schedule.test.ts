import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseConfig, type AltimeterConfig } from "@/collectors/config";
import { closeDatabase, openDatabase } from "@/db/client";
import { createDemoWorkspace } from "@/lib/service/demo";
import { startWorker, type Worker } from "@/lib/service/worker";
import { freshDatabase } from "../../support/db";
import { startSmtp, type TestSmtp } from "./servers";

// The worker's clock: Monday 23 November 2026, 08:30 UTC, half an hour after the default digest time, moving on in real time.
const MONDAY = Date.parse("2026-11-23T08:30:00Z");
const started = Date.now();
const clock = () => MONDAY + (Date.now() - started);
const FAST = { attempts: 3, delaysMs: [20] };

function config(digest: Record<string, unknown>): AltimeterConfig {
  return parseConfig(
    {
      workspaces: [{ slug: "demo", digest: { channels: ["email"], email: { to: ["lead@example.test"] }, ...digest } }],
    },
    "test config",
    process.cwd(),
  );
}

/** Waits until `condition` holds, however slow the machine; only vitest's hang guard ends a wait that never does. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 25));
}

/** A worker process as far as the database goes: its own connection to the file, its own log, stopped by abort. */
async function worker(
  file: string,
  cfg: AltimeterConfig,
  env: Record<string, string>,
  extra: { sweepEveryMs?: number; limits?: { maxAttempts: number; retryAfterMs: number; staleAfterMs: number } } = {},
) {
  const db = await openDatabase(file);
  const log: string[] = [];
  const controller = new AbortController();
  const w: Worker = startWorker({
    db,
    config: cfg,
    log: (l) => log.push(l),
    signal: controller.signal,
    now: clock,
    digests: { env, retry: FAST, ...extra },
  });
  return {
    log,
    worker: w,
    stop: async () => {
      controller.abort();
      await w.stopped;
      await closeDatabase(db);
    },
  };
}

describe("the weekly digest scheduled by altimeter worker", async () => {
  const store = await freshDatabase();
  let smtp: TestSmtp;
  const sends = () =>
    store.db.rows(`SELECT week, channel, status, attempts, claimed_by AS "claimedBy" FROM digest_sends ORDER BY week`);

  beforeAll(async () => {
    await createDemoWorkspace(store.db, { slug: "demo", now: Date.parse("2026-11-25T10:00:00Z") });
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
    await store.dispose();
  });

  test("two workers started together after Monday 08:00 send last week's digest exactly once, and a restart sends nothing more", async () => {
    const cfg = config({});
    const a = await worker(store.file, cfg, smtp.env);
    const b = await worker(store.file, cfg, smtp.env);
    expect(a.worker.digests).toEqual([
      { workspace: "demo", cron: "0 8 * * 1", timeZone: "UTC", channels: ["email"], nextRun: expect.any(Date) },
    ]);
    await until(() => [...a.log, ...b.log].filter((l) => l.includes("digest 2026-W47 email")).length === 2);
    await a.stop();
    await b.stop();
    const lines = [...a.log, ...b.log].filter((l) => l.includes("digest 2026-W47 email"));
    expect(lines.filter((l) => l.endsWith("digest 2026-W47 email sent"))).toHaveLength(1);
    expect(lines.filter((l) => /skipped: (already sent|being sent) /.test(l))).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.subject).toContain("weekly digest 2026-W47");

    const restarted = await worker(store.file, cfg, smtp.env);
    await until(() => restarted.log.some((l) => l.includes("digest 2026-W47 email")));
    await restarted.stop();
    expect(restarted.log.find((l) => l.includes("digest 2026-W47 email"))).toMatch(/skipped: already sent at /);
    expect(smtp.messages).toHaveLength(1);
    expect(await sends()).toEqual([
      { week: "2026-W47", channel: "email", status: "sent", attempts: 1, claimedBy: expect.any(String) },
    ]);
  });

  test("cron ticks at the fake clock (every second here) keep finding the week sent and send nothing", async () => {
    const ticking = await worker(store.file, config({ cron: "* * * * * *", timeZone: "Europe/Berlin" }), smtp.env);
    await until(() => ticking.log.filter((l) => l.includes("digest 2026-W47 email skipped: already sent")).length >= 3);
    await ticking.stop();
    expect(smtp.messages).toHaveLength(1);
  });

  test("a send that fails every attempt is recorded as failed, then retried by the worker's sweep after the backoff", async () => {
    const flaky = await startSmtp({ refuse: (n) => (n <= 3 ? 451 : null) });
    try {
      // The same week again, from scratch, against a server that is down for the whole first round.
      const cfg = parseConfig(
        { workspaces: [{ slug: "demo", digest: { channels: ["email"], email: { to: ["ops@example.test"] } } }] },
        "test config",
        process.cwd(),
      );
      await store.db.exec("DELETE FROM digest_sends");
      const w = await worker(store.file, cfg, flaky.env, {
        sweepEveryMs: 100,
        limits: { maxAttempts: 9, retryAfterMs: 300, staleAfterMs: 60_000 },
      });
      await until(() => w.log.some((l) => l.includes("email failed:")));
      expect(w.log.find((l) => l.includes("email failed:"))).toMatch(/digest 2026-W47 email failed: SMTP: .*451/);
      await until(() => w.log.some((l) => l.endsWith("digest 2026-W47 email sent after 4 attempts")));
      await w.stop();
      expect(flaky.messages).toHaveLength(1);
      expect(await sends()).toEqual([expect.objectContaining({ status: "sent", attempts: 4 })]);
    } finally {
      await flaky.close();
    }
  });
});

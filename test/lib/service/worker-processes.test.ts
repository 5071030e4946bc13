import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { HOUR_MS } from "@/lib/time";
import { FakePagerduty, fakeIncident } from "../../collectors/pagerduty/server";
import { startAltimeter } from "../../collectors/sync/spawn";
import { freshDatabase } from "../../support/db";
import { startSmtp } from "../digest/servers";

const TOKEN = "pd-two-workers";
const env = { PD_TWO_TOKEN: TOKEN };
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-workers-"));
const server = new FakePagerduty(TOKEN);
let baseUrl = "";

beforeAll(async () => {
  baseUrl = await server.start();
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let n = 1; n <= 40; n++) server.incidents.push(fakeIncident(n, new Date(start + n * HOUR_MS).toISOString()));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("two worker processes on one store: while one syncs a source the other skips it, naming the holder, and their runs never overlap", async () => {
  const store = await freshDatabase();
  const config = path.join(dir, "two.json");
  writeFileSync(
    config,
    JSON.stringify({
      workspaces: [
        {
          slug: "acme",
          schedule: { cron: "* * * * * *" },
          sources: [
            {
              kind: "pagerduty",
              tokenEnv: "PD_TWO_TOKEN",
              baseUrl,
              since: "2026-01-01",
              services: { PSVC001: { repository: "acme/shop" } },
            },
          ],
        },
      ],
    }),
  );
  // The upstream holds its answers until released: whichever worker claimed the source is stuck in the middle.
  let release!: () => void;
  server.hold = new Promise<void>((resolve) => (release = resolve));
  const firstRequest = new Promise<void>((resolve) => (server.onRequest = () => resolve()));
  const workers = [1, 2].map(() => startAltimeter(["worker", "--config", config], { db: store.file, env }));
  try {
    await firstRequest;
    const heldBy = /acme: sync skipped: pagerduty skipped \(being synced by (\S+) since /;
    await Promise.any(workers.map((w) => w.waitFor(heldBy)));
    const skipping = workers.find((w) => heldBy.test(w.stdout()))!;
    const holding = workers.find((w) => w !== skipping)!;
    // The holder it names is the other process (host:pid:random).
    expect(heldBy.exec(skipping.stdout())![1]).toMatch(new RegExp(`:${holding.child.pid}:[0-9a-f]{6}$`));
    expect(server.requests.length).toBe(1);

    release();
    server.hold = null;
    await holding.waitFor(/acme: sync ok in \d+\.\d s: pagerduty ok \(40 records\)/);
  } finally {
    release();
    server.hold = null;
    server.onRequest = null;
    for (const w of workers) w.child.kill("SIGTERM");
    const ended = await Promise.all(workers.map((w) => w.exited));
    expect(ended.map((e) => e.status)).toEqual([0, 0]);
  }
  const db = await openDatabase(store.file);
  try {
    const runs = await db.rows<{ s: number; f: number | null }>(
      "SELECT started_at AS s, finished_at AS f FROM sync_runs WHERE source = 'pagerduty' ORDER BY started_at, id",
    );
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.f !== null)).toBe(true);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.s).toBeGreaterThanOrEqual(runs[i - 1]!.f!);
    // Nobody holds the source once both stopped.
    expect(await db.value("SELECT holder FROM sync_leases WHERE source = 'pagerduty'")).toBeNull();
  } finally {
    await closeDatabase(db);
    await store.dispose();
  }
});

/** Waits until `condition` holds, however slow the machine; only vitest's hang guard ends a wait that never does. */
async function until(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 100));
}

test("two worker processes ticking every second for two workspaces: no source syncs twice for one scheduled time or at once, and each week's digest reaches each recipient once", async () => {
  const store = await freshDatabase();
  const smtp = await startSmtp();
  const recipients = ["lead@example.test", "ops@example.test"];
  const slugs = ["acme", "beta"];
  const config = path.join(dir, "ticking.json");
  writeFileSync(
    config,
    JSON.stringify({
      workspaces: slugs.map((slug) => ({
        slug,
        schedule: { cron: "* * * * * *" },
        sources: [
          {
            kind: "pagerduty",
            tokenEnv: "PD_TWO_TOKEN",
            baseUrl,
            since: "2026-01-01",
            services: { PSVC001: { repository: `${slug}/shop` } },
          },
        ],
        // Every second too: each tick asks for last week's digest again.
        digest: { cron: "* * * * * *", channels: ["email"], email: { to: recipients } },
      })),
    }),
  );
  const workers = [1, 2].map(() =>
    startAltimeter(["worker", "--config", config], { db: store.file, env: { ...env, ...smtp.env } }),
  );
  const output = () => workers.map((w) => w.stdout()).join("");
  const db = store.db;
  const finishedRuns = (slug: string) =>
    db.value<number>(
      `SELECT count(*) FROM sync_runs r JOIN workspaces w ON w.id = r.workspace_id
       WHERE w.slug = ? AND r.source = 'pagerduty' AND r.finished_at IS NOT NULL`,
      [slug],
    );
  try {
    // Until each workspace synced three scheduled times, a claim was refused (two workers met on one
    // source), each digest went out and each worker has asked for both digests at least twice.
    await until(async () => {
      for (const w of workers) if (w.child.exitCode !== null) throw new Error(`a worker exited:\n${w.stderr()}`);
      for (const slug of slugs) if (((await finishedRuns(slug)) ?? 0) < 3) return false;
      if (!/sync skipped: pagerduty skipped \(/.test(output())) return false;
      const sent = await db.value<number>("SELECT count(*) FROM digest_sends WHERE status = 'sent'");
      if ((sent ?? 0) < slugs.length) return false;
      return workers.every((w) =>
        slugs.every((slug) => (w.stdout().match(new RegExp(` ${slug}: digest \\S+ email `, "g")) ?? []).length >= 2),
      );
    });
  } finally {
    for (const w of workers) w.child.kill("SIGTERM");
    const ended = await Promise.all(workers.map((w) => w.exited));
    expect(ended.map((e) => e.status)).toEqual([0, 0]);
    await smtp.close();
  }
  try {
    const holders = workers.map((w) => w.child.pid);
    for (const slug of slugs) {
      const runs = (
        await db.rows<{ s: number; f: number | null; summary: string | null }>(
          `SELECT r.started_at AS s, r.finished_at AS f, r.summary FROM sync_runs r JOIN workspaces w ON w.id = r.workspace_id
           WHERE w.slug = ? AND r.source = 'pagerduty' ORDER BY r.started_at, r.id`,
          [slug],
        )
      ).map((r) => ({ ...r, slot: (JSON.parse(r.summary ?? "{}") as { slot?: string }).slot }));
      expect(runs.length).toBeGreaterThanOrEqual(3);
      // Every run finished and ran for a scheduled time of its own, later than the one before; no two overlapped.
      expect(runs.every((r) => r.f !== null && r.slot !== undefined)).toBe(true);
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i]!.s).toBeGreaterThanOrEqual(runs[i - 1]!.f!);
        expect(Date.parse(runs[i]!.slot!)).toBeGreaterThan(Date.parse(runs[i - 1]!.slot!));
      }
      // A refused claim names the other worker, or a scheduled time that one of the runs was for.
      const slots = new Set(runs.map((r) => r.slot));
      for (const line of output()
        .split("\n")
        .filter((l) => l.includes(` ${slug}: sync skipped:`))) {
        const held = /being synced by \S+:(\d+):[0-9a-f]{6} since /.exec(line);
        const done = /already synced for (\S+)\)/.exec(line);
        expect(held || done, line).toBeTruthy();
        if (held) expect(holders).toContain(Number(held[1]));
        if (done) expect(slots).toContain(done[1]);
      }
    }
    expect(await db.value("SELECT count(*) FROM sync_leases WHERE holder IS NOT NULL")).toBe(0);

    // One mail per workspace and week, to every recipient; the other ticks found it sent.
    const sends = await db.rows<{ slug: string; week: string; status: string; attempts: number }>(
      `SELECT w.slug, d.week, d.status, d.attempts FROM digest_sends d JOIN workspaces w ON w.id = d.workspace_id
       WHERE d.channel = 'email' ORDER BY w.slug, d.week`,
    );
    expect(new Set(sends.map((s) => s.slug))).toEqual(new Set(slugs));
    expect(sends.every((s) => s.status === "sent" && s.attempts === 1)).toBe(true);
    const received = new Map<string, number>();
    for (const mail of smtp.messages) {
      const [, slug, week] = /^(\S+) weekly digest (\d{4}-W\d{2})/.exec(mail.subject ?? "") ?? [];
      const to = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address));
      for (const address of to)
        received.set(`${slug} ${week} ${address}`, (received.get(`${slug} ${week} ${address}`) ?? 0) + 1);
    }
    const expected = sends.flatMap((s) => recipients.map((r) => `${s.slug} ${s.week} ${r}`));
    expect(Object.fromEntries(received)).toEqual(Object.fromEntries(expected.map((k) => [k, 1])));
    expect(output().match(/: digest \S+ email sent/g)).toHaveLength(sends.length);
  } finally {
    await store.dispose();
  }
});

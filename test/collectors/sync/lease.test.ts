import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { syncWorkspace } from "@/collectors/sync";
import type { WorkspaceConfig } from "@/collectors/config";
import { claimSyncLease, releaseSyncLease, renewSyncLease } from "@/lib/queries/sync-leases";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { HOUR_MS, MINUTE_MS } from "@/lib/time";
import { freshDatabase } from "../../support/db";
import { FakePagerduty, fakeIncident } from "../pagerduty/server";

const TOKEN = "pd-lease-token";
const server = new FakePagerduty(TOKEN);
let baseUrl = "";

beforeAll(async () => {
  baseUrl = await server.start();
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let n = 1; n <= 30; n++) server.incidents.push(fakeIncident(n, new Date(start + n * HOUR_MS).toISOString()));
  process.env.PD_LEASE_TOKEN = TOKEN;
});
afterAll(async () => {
  delete process.env.PD_LEASE_TOKEN;
  await server.stop();
});

const T0 = Date.parse("2026-03-02T10:00:00Z");

describe("sync leases", () => {
  test("a claim is granted once per slot, refused while held, and taken over only once the holder's lease expired", async () => {
    const store = await freshDatabase();
    try {
      const { id } = await ensureWorkspace(store.db, "acme");
      const lease = (holder: string, now: number, slot: number | null) =>
        claimSyncLease(store.db, { workspaceId: id, source: "git", holder, now, leaseMs: 5 * MINUTE_MS, slot });

      expect(await lease("a", T0, T0)).toBeNull();
      // Held: another worker ticking for the same time, or later, or by hand, is refused and told by whom.
      expect(await lease("b", T0 + 1000, T0)).toMatchObject({ holder: "a", claimedAt: T0, slot: T0 });
      expect(await lease("b", T0 + 1000, T0 + HOUR_MS)).toMatchObject({ holder: "a" });
      expect(await lease("b", T0 + 1000, null)).toMatchObject({ holder: "a" });

      await releaseSyncLease(store.db, { workspaceId: id, source: "git", holder: "b", now: T0 + 2000 });
      expect(await lease("b", T0 + 3000, null)).toMatchObject({ holder: "a" }); // only the holder releases
      await releaseSyncLease(store.db, { workspaceId: id, source: "git", holder: "a", now: T0 + 4000 });
      // Released: the same scheduled time is still taken (a slower worker's tick must not run it again)…
      expect(await lease("b", T0 + 5000, T0)).toMatchObject({ holder: null, slot: T0 });
      // …the next one is free, and so is a run by hand.
      expect(await lease("b", T0 + HOUR_MS, T0 + HOUR_MS)).toBeNull();

      // b dies holding it. Before its lease expires nobody gets it; at expiry c takes it over for the next slot.
      const expiry = T0 + HOUR_MS + 5 * MINUTE_MS;
      expect(await lease("c", expiry - 1, T0 + 2 * HOUR_MS)).toMatchObject({ holder: "b", expiresAt: expiry });
      expect(await lease("c", expiry, T0 + 2 * HOUR_MS)).toBeNull();
      // b wakes up: its renewal fails (so its sync stops), and its release leaves c's lease alone.
      const renew = (holder: string) =>
        renewSyncLease(store.db, { workspaceId: id, source: "git", holder, now: expiry + 1, leaseMs: 5 * MINUTE_MS });
      expect(await renew("b")).toBe(false);
      await releaseSyncLease(store.db, { workspaceId: id, source: "git", holder: "b", now: expiry + 2 });
      expect(await renew("c")).toBe(true);
      expect(await lease("d", expiry + 3, null)).toMatchObject({ holder: "c", expiresAt: expiry + 1 + 5 * MINUTE_MS });
      // Leases are per source: another source of the workspace is free.
      expect(
        await claimSyncLease(store.db, {
          workspaceId: id,
          source: "pagerduty",
          holder: "d",
          now: expiry,
          leaseMs: MINUTE_MS,
          slot: T0,
        }),
      ).toBeNull();
    } finally {
      await store.dispose();
    }
  });

  test("two processes racing for the same slots on one store (a SQLite file, or PostgreSQL on the postgres project) never win the same slot twice", async () => {
    const store = await freshDatabase();
    try {
      await ensureWorkspace(store.db, "acme");
      const script = fileURLToPath(new URL("./claim-race.mjs", import.meta.url));
      const count = 300;
      const racers = ["racer-1", "racer-2"].map((holder) => {
        const child = spawn(process.execPath, [script, store.file, holder, String(count)], {
          stdio: ["pipe", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.setEncoding("utf8").on("data", (c: string) => (out += c));
        const ready = new Promise<void>((resolve) => {
          const check = () => /ready\n/.test(out) && resolve();
          child.stdout.on("data", check);
        });
        const done = new Promise<number[]>((resolve, reject) =>
          child.on("close", (status) => {
            const won = /won (\[.*\])/.exec(out);
            if (status !== 0 || !won) reject(new Error(`racer ${holder} exited ${status}: ${out}`));
            else resolve(JSON.parse(won[1]!) as number[]);
          }),
        );
        return { child, ready, done };
      });
      await Promise.all(racers.map((r) => r.ready));
      for (const r of racers) r.child.stdin.end("go\n");
      const [first, second] = await Promise.all(racers.map((r) => r.done));
      const all = [...first!, ...second!].sort((a, b) => a - b);
      // No slot is ever won twice. A slot may be won by nobody: while one racer holds slot n, the other
      // fails n + 1 and may win n + 2 before the first asks for n + 1, which is then older than the
      // claimed slot (a worker's stale tick, rightly refused). The last slot always goes to someone.
      expect(new Set(all).size).toBe(all.length);
      expect(all.every((slot) => slot >= 1 && slot <= count)).toBe(true);
      expect(all).toContain(count);
      expect(all.length).toBeGreaterThan(count / 4);
    } finally {
      await store.dispose();
    }
  });
});

describe("syncWorkspace and the lease", () => {
  const config: WorkspaceConfig = {
    slug: "acme",
    sources: [
      {
        kind: "pagerduty",
        tokenEnv: "PD_LEASE_TOKEN",
        baseUrl: "",
        since: "2026-01-01",
        services: { PSVC001: { repository: "acme/shop" } },
      },
    ],
  } as unknown as WorkspaceConfig;
  const withUrl = (): WorkspaceConfig =>
    ({ ...config, sources: [{ ...config.sources[0]!, baseUrl }] }) as unknown as WorkspaceConfig;

  test("a source another live worker holds is skipped and named; a dead worker's expired lease is taken over", async () => {
    const store = await freshDatabase();
    try {
      const { id } = await ensureWorkspace(store.db, "acme");
      const now = Date.now();
      expect(
        await claimSyncLease(store.db, {
          workspaceId: id,
          source: "pagerduty",
          holder: "other-host:4242:abcdef",
          now,
          leaseMs: 5 * MINUTE_MS,
          slot: null,
        }),
      ).toBeNull();
      const requestsBefore = server.requests.length;
      const ctx = { db: store.db, now: () => now + 1000, progress: () => {}, holder: "this-host:1:000000" };
      const skipped = await syncWorkspace(ctx, withUrl());
      expect(skipped.sources).toEqual([]);
      expect(skipped.skipped).toEqual([
        { source: "pagerduty", reason: `being synced by other-host:4242:abcdef since ${new Date(now).toISOString()}` },
      ]);
      expect(server.requests.length).toBe(requestsBefore);
      expect(await store.db.value("SELECT count(*) FROM sync_runs")).toBe(0);

      // The other worker died: once its lease expired, this one takes the source over and syncs it.
      const later = { ...ctx, now: () => now + 5 * MINUTE_MS };
      const ran = await syncWorkspace(later, withUrl());
      expect(ran.skipped).toBeUndefined();
      expect(ran.sources.map((s) => [s.source, s.status, s.records])).toEqual([["pagerduty", "ok", { incident: 30 }]]);
      expect(
        await store.db.row(
          "SELECT holder, expires_at FROM sync_leases WHERE workspace_id = ? AND source = 'pagerduty'",
          [id],
        ),
      ).toEqual({ holder: null, expires_at: now + 5 * MINUTE_MS });
    } finally {
      await store.dispose();
    }
  });

  test("two syncs for the same scheduled time run once, even one after the other", async () => {
    const store = await freshDatabase();
    try {
      const slot = Date.parse("2026-03-02T10:00:00Z");
      const ctx = (holder: string) => ({ db: store.db, now: Date.now, progress: () => {}, holder, slot });
      const first = await syncWorkspace(ctx("worker-a"), withUrl());
      const second = await syncWorkspace(ctx("worker-b"), withUrl());
      expect(first.sources.map((s) => s.status)).toEqual(["ok"]);
      expect(second.sources).toEqual([]);
      expect(second.skipped).toEqual([{ source: "pagerduty", reason: "already synced for 2026-03-02T10:00:00.000Z" }]);
      const next = await syncWorkspace({ ...ctx("worker-b"), slot: slot + HOUR_MS }, withUrl());
      expect(next.sources.map((s) => s.status)).toEqual(["ok"]);
      expect(await store.db.value("SELECT count(*) FROM sync_runs")).toBe(2);
    } finally {
      await store.dispose();
    }
  });
});

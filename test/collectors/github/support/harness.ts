import { createHash } from "node:crypto";
import { afterEach } from "vitest";
import type { Db } from "@/db/client";
import { createGithubCollector, GithubConfigSchema } from "@/collectors/github";
import type { CollectorResult, ProgressEvent } from "@/collectors/types";
import { freshDatabase } from "../../../support/db";
import type { FakeOrg } from "./model";
import { startFakeGithub, type FakeGithub } from "./server";

/** The time every test sync runs at, so snapshots' `observedAt` match between runs. */
export const SYNC_NOW = Date.parse("2026-03-06T00:00:00Z");

/** A sync of the fake into `db`, with sleeps recorded instead of waited. */
export interface SyncRun {
  result: CollectorResult;
  sleeps: number[];
  progress: ProgressEvent[];
}

/** Options of one test sync: config overrides, a signal, the token in the environment. */
export interface SyncOptions {
  config?: Record<string, unknown>;
  signal?: AbortSignal;
  token?: string;
  workspace?: string;
  now?: number;
}

/** Runs the real collector against the fake GitHub. */
export async function syncFake(db: Db, fake: FakeGithub, options: SyncOptions = {}): Promise<SyncRun> {
  const sleeps: number[] = [];
  const progress: ProgressEvent[] = [];
  const collector = createGithubCollector({
    env: { GITHUB_TOKEN: options.token ?? fake.token } as unknown as NodeJS.ProcessEnv,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  const config = GithubConfigSchema.parse({ kind: "github", org: fake.org.login, apiUrl: fake.url, ...options.config });
  const result = await collector.collect(
    {
      db,
      workspace: options.workspace ?? "acme",
      now: () => options.now ?? SYNC_NOW,
      progress: (e) => progress.push(e),
      signal: options.signal,
    },
    config,
  );
  return { result, sleeps, progress };
}

const RECORD_TABLES = {
  teams: "id",
  repositories: "id",
  people: "id",
  commits: "repository_id, sha",
  pull_requests: "repository_id, number",
  deployments: "id",
  ci_runs: "id",
  incidents: "id",
  repository_files: "repository_id",
} as const;

type Row = Record<string, unknown>;
/** Rows per record table. */
export type StoredRecords = { -readonly [T in keyof typeof RECORD_TABLES]: Row[] };

/** Every stored record of a workspace, per table, in identity order, without the workspace column. */
export async function storedRecords(db: Db, workspace = "acme"): Promise<StoredRecords> {
  const ws = await db.row<{ id: number }>("SELECT id FROM workspaces WHERE slug = ?", [workspace]);
  const out = {} as StoredRecords;
  for (const [table, order] of Object.entries(RECORD_TABLES) as [keyof StoredRecords, string][]) {
    const rows = ws
      ? await db.rows<Row>(`SELECT * FROM ${table} WHERE workspace_id = ? ORDER BY ${order}`, [ws.id])
      : [];
    out[table] = rows.map(({ workspace_id: _, ...rest }) => rest);
  }
  return out;
}

/** The workspace's cursors, without their update times. */
export async function storedCursors(db: Db, workspace = "acme"): Promise<Record<string, unknown>[]> {
  return db.rows(
    "SELECT c.scope, c.stream, c.cursor FROM sync_cursors c JOIN workspaces w ON w.id = c.workspace_id WHERE w.slug = ? ORDER BY c.scope, c.stream",
    [workspace],
  );
}

/**
 * A hash of every record and cursor of the workspace: equal hashes, equal
 * data. `ignoreObservedAt` leaves out when snapshots were taken, for syncs
 * that ran at different times (the CLI's clock is real).
 */
export async function contentHash(
  db: Db,
  workspace = "acme",
  options: { ignoreObservedAt?: boolean } = {},
): Promise<string> {
  const records = await storedRecords(db, workspace);
  if (options.ignoreObservedAt)
    records.repository_files = records.repository_files.map(({ observed_at: _, ...rest }) => rest);
  return createHash("sha256")
    .update(JSON.stringify({ records, cursors: await storedCursors(db, workspace) }))
    .digest("hex");
}

/** How many rows each record table holds for the workspace. */
export async function rowCounts(db: Db, workspace = "acme"): Promise<Record<string, number>> {
  return Object.fromEntries(Object.entries(await storedRecords(db, workspace)).map(([t, rows]) => [t, rows.length]));
}

/**
 * A per-test setup: a fresh database and a fake GitHub serving `org`, both
 * closed after the test. Call once at the top of a test file.
 */
export function fakeGithubPerTest(defaultOrg?: () => FakeOrg) {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  return async (org: FakeOrg | undefined = defaultOrg?.()) => {
    if (!org) throw new Error("fakeGithubPerTest: no organisation given");
    const store = await freshDatabase();
    const fake = await startFakeGithub(org);
    cleanups.push(
      () => fake.close(),
      () => store.dispose(),
    );
    return { store, fake };
  };
}

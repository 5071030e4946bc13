import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDatabase, openDatabase } from "@/db/client";
import { freshDatabase } from "../../support/db";
import { TestRepository } from "../git/repo";
import { FakePagerduty, fakeIncident } from "../pagerduty/server";
import { writeHistory } from "./history";
import { runAltimeter, startAltimeter } from "./spawn";
import { HOUR_MS, DAY_MS } from "@/lib/time";

const TOKEN = "pd-sync-token";
const env = { PD_SYNC_TOKEN: TOKEN, OG_UNSET_KEY: "" };
const dir = mkdtempSync(path.join(tmpdir(), "altimeter-sync-"));
const server = new FakePagerduty(TOKEN);
const repo = new TestRepository("shop");
let pagerdutyUrl = "";

beforeAll(async () => {
  pagerdutyUrl = await server.start();
  writeHistory(repo.dir, 12_000);
  const start = Date.parse("2026-01-01T00:00:00Z");
  for (let n = 1; n <= 600; n++) server.incidents.push(fakeIncident(n, new Date(start + n * HOUR_MS).toISOString()));
});
afterAll(async () => {
  await server.stop();
  repo.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A config with a git source, a PagerDuty source and, optionally, an Opsgenie source whose key is not set. */
function writeConfig(name: string, options: { failing?: boolean; cron?: string } = {}): string {
  const file = path.join(dir, name);
  const sources: object[] = [
    { kind: "git", repositories: [{ path: repo.dir, id: "acme/shop" }] },
    {
      kind: "pagerduty",
      tokenEnv: "PD_SYNC_TOKEN",
      baseUrl: pagerdutyUrl,
      since: "2026-01-01",
      services: { PSVC001: { repository: "acme/shop" } },
    },
  ];
  if (options.failing) sources.push({ kind: "opsgenie", apiKeyEnv: "OG_UNSET_KEY", baseUrl: "http://127.0.0.1:9" });
  writeFileSync(
    file,
    JSON.stringify(
      { workspaces: [{ slug: "acme", ...(options.cron ? { schedule: { cron: options.cron } } : {}), sources }] },
      null,
      2,
    ),
  );
  return file;
}

const TABLES = {
  repositories: "id",
  commits: "sha",
  people: "id",
  pull_requests: "number",
  deployments: "id",
  incidents: "id",
} as const;

/** Every record of the workspace, table by table, in a stable order. */
async function dump(file: string): Promise<Record<string, unknown[]>> {
  const db = await openDatabase(file);
  try {
    const out: Record<string, unknown[]> = {};
    for (const [table, key] of Object.entries(TABLES))
      out[table] = await db.rows(`SELECT * FROM ${table} ORDER BY ${key}`);
    return out;
  } finally {
    await closeDatabase(db);
  }
}

describe("altimeter sync", () => {
  test("every configured source runs; one failing source is reported, the others are stored, and the exit status says partial", async () => {
    const store = await freshDatabase();
    try {
      const config = writeConfig("partial.json", { failing: true });
      const r = await runAltimeter(["sync", "--config", config, "--json"], { db: store.file, env });
      expect(r.status, r.stderr).toBe(2);
      const report = JSON.parse(r.stdout);
      expect(report.status).toBe("partial");
      expect(report.workspaces[0].sources.map((s: { source: string; status: string }) => [s.source, s.status])).toEqual(
        [
          ["git", "ok"],
          ["pagerduty", "ok"],
          ["opsgenie", "failed"],
        ],
      );
      expect(report.workspaces[0].sources[0].records).toMatchObject({
        commit: 12_000,
        deployment: 120,
        pull_request: 1200,
        person: 4,
        repository: 1,
      });
      // Six pages, plus one request for each empty 90-day span up to today.
      expect(report.workspaces[0].sources[1]).toMatchObject({
        records: { incident: 600 },
        requests: 6 + Math.ceil((Date.now() - Date.parse("2026-01-01")) / (90 * DAY_MS)) - 1,
      });
      expect(report.workspaces[0].sources[2].failures).toEqual([
        {
          scope: "opsgenie",
          message: "Opsgenie: environment variable OG_UNSET_KEY is not set (it must hold an API integration key)",
        },
      ]);

      const db = await openDatabase(store.file);
      const runs = await db.rows(
        "SELECT source, status, CASE WHEN finished_at IS NOT NULL THEN 1 ELSE 0 END AS finished FROM sync_runs ORDER BY id",
      );
      await closeDatabase(db);
      expect(runs).toEqual([
        { source: "git", status: "ok", finished: 1 },
        { source: "pagerduty", status: "ok", finished: 1 },
        { source: "opsgenie", status: "failed", finished: 1 },
      ]);

      const text = await runAltimeter(["sync", "--config", config, "--source", "git"], { db: store.file, env });
      expect(text.status).toBe(0);
      expect(text.stdout).toMatch(/^acme: sync ok in \d+\.\d s\n {2}git +ok +1 repository, 120 deployment\n$/);
    } finally {
      await store.dispose();
    }
  });

  test("an unknown workspace or source is an error naming what is configured", async () => {
    const config = writeConfig("names.json");
    const r = await runAltimeter(["sync", "--config", config, "--workspace", "nope"], {
      db: path.join(dir, "unused.db"),
      env,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('altimeter sync: workspace "nope" is not in the config (configured: acme)\n');
    const s = await runAltimeter(["sync", "--config", config, "--source", "jira"], {
      db: path.join(dir, "unused.db"),
      env,
    });
    expect(s.stderr).toBe('altimeter sync: no source named "jira" (configured: git, pagerduty)\n');
  });

  test("a sync killed at a random point and re-run ends with exactly the data of an uninterrupted sync", async () => {
    const config = writeConfig("kill.json");
    const reference = await freshDatabase();
    const killed = await freshDatabase();
    try {
      server.delayMs = 150;
      const started = Date.now();
      const full = await runAltimeter(["sync", "--config", config], { db: reference.file, env });
      expect(full.status, full.stderr).toBe(0);
      const duration = Date.now() - started;

      // Anywhere from the git history (stored 5,000 records at a time) to the last PagerDuty page (stored page by page).
      const delay = Math.round(duration * (0.3 + Math.random() * 0.65));
      const run = startAltimeter(["sync", "--config", config], { db: killed.file, env });
      const timer = setTimeout(() => run.child.kill("SIGKILL"), delay);
      const ended = await run.exited;
      clearTimeout(timer);
      expect(ended.signal, `killed after ${delay} ms of ${duration} ms`).toBe("SIGKILL");

      const again = await runAltimeter(["sync", "--config", config], { db: killed.file, env });
      expect(again.status, again.stderr).toBe(0);
      expect(await dump(killed.file), `killed after ${delay} ms of ${duration} ms`).toEqual(await dump(reference.file));
    } finally {
      server.delayMs = 0;
      await reference.dispose();
      await killed.dispose();
    }
  });
});

describe("altimeter worker", () => {
  test("runs syncs on the cron schedule, one log line each, and stops after --max-runs", async () => {
    const store = await freshDatabase();
    try {
      const config = writeConfig("every-second.json", { cron: "* * * * * *" });
      const r = await runAltimeter(["worker", "--config", config, "--max-runs", "2"], { db: store.file, env });
      expect(r.status, r.stderr).toBe(0);
      const lines = r.stdout.trim().split("\n");
      expect(lines[0]).toMatch(/ worker started with .*every-second\.json$/);
      expect(lines[1]).toMatch(/^ {2}acme: "\* \* \* \* \* \*" \(UTC\), next at \d{4}-/);
      const runs = lines.filter((l) => / acme: sync /.test(l));
      expect(runs).toHaveLength(2);
      // 12,000 commits, 1,200 pull requests, 120 deployments, 4 people, the repository and its file snapshot.
      expect(runs[0]).toMatch(
        /^\S+Z acme: sync ok in \d+\.\d s: git ok \(13326 records\), pagerduty ok \(600 records\)$/,
      );
      expect(lines.at(-1)).toMatch(/ worker stopped$/);
    } finally {
      await store.dispose();
    }
  });

  test("never syncs a workspace twice at once, and stops cleanly on SIGTERM in the middle of a sync", async () => {
    const store = await freshDatabase();
    try {
      server.delayMs = 400;
      const config = writeConfig("slow.json", { cron: "* * * * * *" });
      const worker = startAltimeter(["worker", "--config", config], { db: store.file, env });
      await worker.waitFor(/acme: skipped, the previous sync is still running/);
      worker.child.kill("SIGTERM");
      const ended = await worker.exited;
      expect(ended.status, worker.stderr()).toBe(0);
      expect(worker.stdout()).toMatch(/SIGTERM: stopping\n(.*\n)*.* worker stopped\n$/);

      const db = await openDatabase(store.file);
      const runs = await db.rows<{ s: number; f: number | null; status: string }>(
        "SELECT started_at AS s, finished_at AS f, status FROM sync_runs ORDER BY started_at, id",
      );
      await closeDatabase(db);
      expect(runs.every((r) => r.f !== null)).toBe(true);
      // Sources of one workspace run one after the other, and the workspace's syncs never overlap.
      for (let i = 1; i < runs.length; i++) expect(runs[i]!.s).toBeGreaterThanOrEqual(runs[i - 1]!.f!);
    } finally {
      server.delayMs = 0;
      await store.dispose();
    }
  });
});

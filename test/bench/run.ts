/**
 * `npm run bench [-- --scale 0.1] [--seed N] [--end ISO] [--store sqlite|postgres] [--keep] [--profile] [--core-only]`
 *
 * 1. generates a large workspace as NDJSON (streamed to a temp dir);
 * 2. imports it through the real CLI in a child process (wall time, peak RSS);
 * 3. writes the same rows the plainest way the store has (the raw baseline):
 *    SQLite, prepared INSERTs 5,000 to a transaction; PostgreSQL, the rows as
 *    COPY text files, then plain `COPY … FROM STDIN` (only the COPY is timed);
 * 4. times getMetricsReport cold and warm in a child process (its own peak RSS);
 * 5. prints every number with its target and writes test/bench/out/results.json
 *    (results-postgres.json for --store postgres; the load average is recorded
 *    at every phase: the machine is shared);
 * 6. runs the other parts' benchmarks (GitHub requests, the dashboard on this
 *    workspace, the demo's PDF report), each printing its own table (unless --core-only).
 *
 * --store postgres runs the same phases on PostgreSQL: on the server of
 * ALTIMETER_BENCH_POSTGRES_URL (a superuser's postgres:// URL; two databases
 * are created there and dropped at the end) or, without it, on an embedded
 * PostgreSQL 18 started for the run (test/support/postgres.ts: loopback, fsync
 * off, removed at the end). The CLI child imports with `--db postgres://…`.
 *
 * --scale N multiplies every count (1 ≈ 1.6 M records, 10 ≈ 16 M; the file
 * and the rows are streamed, never held). Targets are those of scale 1; the
 * total-time target applies at scale ≤ 1 only.
 *
 * --profile runs the two children under --cpu-prof and lists their hotspots
 * (timings are then inflated; results go to results.profile.json).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { metricsTable } from "@/lib/cli/format";
import type { Engine } from "@/db/store";
import {
  adminConnection,
  databaseUrl,
  startEmbeddedPostgres,
  type TestPostgres,
  uniqueDatabaseName,
} from "../support/postgres";
import { expectedCounts, shapeAt } from "./generate";
import { runCliImport } from "./import-child";
import type { MetricsBenchResult } from "./metrics-child";
import { copyRaw, generateNdjson, insertRaw, storeBytes, storedCounts } from "./phases";
import { describeHotspots, hotspots, newestProfile } from "./profile";
import { totalOf } from "./records";
import { checks, formatTable, MB, metricsTimings, type PhaseResults } from "./report";
import { HOUR_MS } from "@/lib/time";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(root, "test/bench/out");
const WORKSPACE = "bench";

const say = (text: string) => process.stdout.write(`${text}\n`);
/** The 1-, 5- and 15-minute load averages, as `uptime` prints them. */
const load = () => os.loadavg().map((l) => Number(l.toFixed(2))) as [number, number, number];

/**
 * The two databases a PostgreSQL run writes (the import's and the raw
 * baseline's), on the given server or an embedded one; `close` drops them
 * (unless kept on a given server) and stops the embedded server.
 */
async function postgresTargets(keep: boolean) {
  let server: TestPostgres | null = null;
  let serverUrl = process.env.ALTIMETER_BENCH_POSTGRES_URL;
  if (!serverUrl) {
    const started = performance.now();
    server = await startEmbeddedPostgres();
    serverUrl = server.url;
    say(`embedded PostgreSQL 18 started in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const admin = adminConnection(serverUrl);
  const names = [uniqueDatabaseName("altimeter_bench_import"), uniqueDatabaseName("altimeter_bench_raw")];
  for (const name of names) await admin.unsafe(`CREATE DATABASE "${name}"`);
  const [importDb, rawDb] = names.map((name) => databaseUrl(serverUrl, name)) as [string, string];
  return {
    importDb,
    rawDb,
    async close() {
      if (!server && keep) say(`kept databases ${names.join(", ")}`);
      else
        for (const name of names) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.end({ timeout: 1 });
      await server?.stop();
    },
  };
}

function runMetricsChild(dbFile: string, resultFile: string, nodeFlags: string[]): Promise<MetricsBenchResult> {
  const args = [
    ...nodeFlags,
    "--import",
    "tsx",
    "test/bench/metrics-child.ts",
    "--db",
    dbFile,
    "--workspace",
    WORKSPACE,
    "--out",
    resultFile,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(JSON.parse(readFileSync(resultFile, "utf8")))
        : reject(new Error(`metrics child exited with ${code}`)),
    );
  });
}

/** A benchmark script of another part (its own table and targets), on the same imported workspace where it takes one. */
function runScript(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

/** The collectors', dashboard's and report's benchmarks, each printing its own numbers and targets. */
async function runOtherBenches(importDb: string): Promise<void> {
  const scripts: [string, string[]][] = [
    ["GitHub collector: requests per 1,000 pull requests", ["test/bench/github-requests.ts"]],
    ["GitLab collector: requests per 1,000 merge requests, a group of 200 projects", ["test/bench/gitlab-requests.ts"]],
    ["dashboard on the benchmark workspace", ["test/bench/dashboard.ts", "--db", importDb]],
    ["PDF report of the demo workspace", ["test/bench/report-pdf.ts"]],
    [
      "under abuse: bounded series, PDF flood, events flood (issue 13)",
      ["--conditions=react-server", "test/bench/abuse.ts"],
    ],
  ];
  for (const [title, args] of scripts) {
    say(`\n== ${title} (${args.find((a) => a.endsWith(".ts"))}) ==`);
    const code = await runScript(args);
    if (code !== 0) say(`  ${args[0]} exited with ${code}: some of its targets FAILED or it could not run`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string", default: "1" },
      seed: { type: "string", default: "42" },
      store: { type: "string", default: "sqlite" },
      end: { type: "string" },
      keep: { type: "boolean" },
      profile: { type: "boolean" },
      // Skip the collectors', dashboard's and report's benchmarks (they need a production build).
      "core-only": { type: "boolean" },
    },
  });
  const scale = Number(values.scale),
    seed = Number(values.seed);
  if (!(scale > 0) || !Number.isInteger(seed)) throw new Error("--scale must be > 0 and --seed an integer");
  if (values.store !== "sqlite" && values.store !== "postgres")
    throw new Error(`--store ${values.store}: the store is sqlite or postgres`);
  const store: Engine = values.store;
  // The data ends at the start of the current hour: the same file all hour long for a seed.
  const end = values.end ? Date.parse(values.end) : Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const started = performance.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "altimeter-bench-"));
  const profileDir = path.join(outDir, "profiles");
  const prof = (name: string) =>
    values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];
  mkdirSync(outDir, { recursive: true });
  say(
    `Altimeter bench: ${store}, scale ${scale}, seed ${seed}, data ending ${new Date(end).toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  say(`temp dir ${tmp}${values.keep ? " (kept)" : ""}`);
  const loads: Record<string, [number, number, number]> = { start: load() };
  const pg = store === "postgres" ? await postgresTargets(Boolean(values.keep)) : null;

  try {
    const expected = expectedCounts(shapeAt(scale));
    const ndjson = path.join(tmp, "workspace.ndjson");
    say(`\n[1/4] generating ${totalOf(expected).toLocaleString("en-US")} records → ${ndjson}`);
    const generate = generateNdjson({ seed, scale, end }, ndjson, say);
    say(`  ${(generate.bytes / MB).toFixed(1)} MB in ${(generate.ms / 1000).toFixed(1)} s`);

    const importDb = pg?.importDb ?? path.join(tmp, "import.db");
    const rawDb = pg?.rawDb ?? path.join(tmp, "raw.db");
    const shown = (target: string) => (pg ? target.replace(/:[^:@/]*@/, ":***@") : target);
    say(
      `\n[2/4] importing through the CLI: node lib/cli/bin.mjs import ${ndjson} --workspace ${WORKSPACE} --db ${shown(importDb)}`,
    );
    loads.import = load();
    const tty = Boolean(process.stderr.isTTY);
    const run = await runCliImport({
      projectRoot: root,
      file: ndjson,
      workspace: WORKSPACE,
      dbFile: importDb,
      nodeFlags: prof("import"),
      inheritStderr: tty,
      onProgress: tty
        ? undefined
        : (p) =>
            say(
              `  import: ${(p.elapsedMs / 1000).toFixed(0)} s, read ${p.readBytes === null ? "?" : `${Math.min(100, (100 * p.readBytes) / generate.bytes).toFixed(0)}%`}${pg ? "" : `, db ${(p.dbBytes / MB).toFixed(0)} MB`}`,
            ),
    });
    say(
      `  ${run.stdout.trim()}${run.exitCode !== 0 ? `\n  exit ${run.exitCode}: ${run.stderrTail.trim().slice(-2_000)}` : ""}`,
    );
    const rowCounts = await storedCounts(importDb, WORKSPACE);
    const verified = JSON.stringify(rowCounts) === JSON.stringify(generate.counts);
    say(
      `  ${(run.wallMs / 1000).toFixed(1)} s, peak RSS ${((run.peakRssKb ?? 0) / 1024).toFixed(0)} MB, rows match: ${verified}`,
    );

    const importBytes = await storeBytes(importDb);

    loads.raw = load();
    say(
      `\n[3/4] raw baseline: the same rows as ${pg ? "plain COPY" : "plain INSERTs"} into a fresh database${pg ? ` (${shown(rawDb)})` : ""}`,
    );
    const options = { seed, scale, end };
    const raw = pg
      ? await copyRaw(options, rawDb, WORKSPACE, path.join(tmp, "copy"), say)
      : await insertRaw(options, rawDb, WORKSPACE, say).then((r) => ({ wallMs: r.wallMs, storeMs: r.sqliteMs }));
    if (pg && !values.keep) rmSync(path.join(tmp, "copy"), { recursive: true, force: true });
    const rawVerified = JSON.stringify(await storedCounts(rawDb, WORKSPACE)) === JSON.stringify(generate.counts);
    const rawBytes = await storeBytes(rawDb);
    say(
      `  ${(raw.wallMs / 1000).toFixed(1)} s wall, ${(raw.storeMs / 1000).toFixed(1)} s in ${pg ? "COPY" : "SQLite"}`,
    );

    loads.metrics = load();
    say(`\n[4/4] metrics on the imported database (cold = fresh Db object, warm = cached facts)`);
    const metrics = await runMetricsChild(importDb, path.join(tmp, "metrics.json"), prof("metrics"));
    say(`\nworkspace, ${metrics.window.from365} to ${metrics.window.to}:\n${metricsTable(metrics.report365)}`);

    loads.end = load();
    const results: PhaseResults = {
      store,
      scale,
      seed,
      dataEnd: new Date(end).toISOString(),
      generate,
      import: { ...run, verified, rowCounts },
      raw: { ...raw, verified: rawVerified },
      sizes: { importBytes, rawBytes },
      load: loads,
      metrics,
      totalMs: performance.now() - started,
    };
    const table = checks(results);
    say(`\n${formatTable(table)}`);
    if (values.profile) {
      for (const name of ["import", "metrics"]) {
        const file = newestProfile(path.join(profileDir, name));
        if (file)
          say(`\n${describeHotspots(`${name} child profile ${path.relative(root, file)}`, hotspots(file, root))}`);
      }
    }
    const { report365, ...metricsNumbers } = metrics;
    const json = {
      ...results,
      metrics: { ...metricsNumbers, timings: metricsTimings(metrics), report365 },
      checks: table,
      profiled: Boolean(values.profile),
    };
    const suffix = store === "postgres" ? "-postgres" : "";
    const resultFile = path.join(outDir, values.profile ? `results${suffix}.profile.json` : `results${suffix}.json`);
    writeFileSync(resultFile, `${JSON.stringify(json, null, 2)}\n`);
    say(
      `\nresults: ${path.relative(root, resultFile)}${table.some((c) => c.pass === false) ? " (some targets FAILED)" : " (all targets PASS)"}`,
    );
    if (!values["core-only"]) await runOtherBenches(importDb);
  } finally {
    await pg?.close();
    if (!values.keep) rmSync(tmp, { recursive: true, force: true });
  }
}

await main();

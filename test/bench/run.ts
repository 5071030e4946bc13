/**
 * `npm run bench [-- --scale 0.1] [--seed N] [--end ISO] [--keep] [--profile] [--core-only]`
 *
 * 1. generates a large workspace as NDJSON (streamed to a temp dir);
 * 2. imports it through the real CLI in a child process (wall time, peak RSS);
 * 3. inserts the same rows with plain prepared INSERTs (the raw baseline);
 * 4. times getMetricsReport cold and warm in a child process (its own peak RSS);
 * 5. prints every number with its target and writes test/bench/out/results.json;
 * 6. runs the other parts' benchmarks (GitHub requests, the dashboard on this
 *    workspace, the demo's PDF report), each printing its own table (unless --core-only).
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
import { expectedCounts, shapeAt } from "./generate";
import { runCliImport } from "./import-child";
import type { MetricsBenchResult } from "./metrics-child";
import { generateNdjson, insertRaw, storedCounts } from "./phases";
import { describeHotspots, hotspots, newestProfile } from "./profile";
import { totalOf } from "./records";
import { checks, formatTable, MB, metricsTimings, type PhaseResults } from "./report";
import { HOUR_MS } from "@/lib/time";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(root, "test/bench/out");
const WORKSPACE = "bench";

const say = (text: string) => process.stdout.write(`${text}\n`);

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
  // The data ends at the start of the current hour: the same file all hour long for a seed.
  const end = values.end ? Date.parse(values.end) : Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const started = performance.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "altimeter-bench-"));
  const profileDir = path.join(outDir, "profiles");
  const prof = (name: string) =>
    values.profile ? ["--cpu-prof", `--cpu-prof-dir=${path.join(profileDir, name)}`] : [];
  mkdirSync(outDir, { recursive: true });
  say(
    `Altimeter bench: scale ${scale}, seed ${seed}, data ending ${new Date(end).toISOString()}, node ${process.version}, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  say(`temp dir ${tmp}${values.keep ? " (kept)" : ""}`);

  try {
    const expected = expectedCounts(shapeAt(scale));
    const ndjson = path.join(tmp, "workspace.ndjson");
    say(`\n[1/4] generating ${totalOf(expected).toLocaleString("en-US")} records → ${ndjson}`);
    const generate = generateNdjson({ seed, scale, end }, ndjson, say);
    say(`  ${(generate.bytes / MB).toFixed(1)} MB in ${(generate.ms / 1000).toFixed(1)} s`);

    const importDb = path.join(tmp, "import.db");
    say(
      `\n[2/4] importing through the CLI: node lib/cli/bin.mjs import ${ndjson} --workspace ${WORKSPACE} --db ${importDb}`,
    );
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
              `  import: ${(p.elapsedMs / 1000).toFixed(0)} s, read ${p.readBytes === null ? "?" : `${Math.min(100, (100 * p.readBytes) / generate.bytes).toFixed(0)}%`}, db ${(p.dbBytes / MB).toFixed(0)} MB`,
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

    say(`\n[3/4] raw baseline: the same rows as plain INSERTs into a fresh database`);
    const raw = await insertRaw({ seed, scale, end }, path.join(tmp, "raw.db"), WORKSPACE, say);
    const rawVerified =
      JSON.stringify(await storedCounts(path.join(tmp, "raw.db"), WORKSPACE)) === JSON.stringify(generate.counts);
    say(`  ${(raw.wallMs / 1000).toFixed(1)} s wall, ${(raw.sqliteMs / 1000).toFixed(1)} s in SQLite`);

    say(`\n[4/4] metrics on the imported database (cold = fresh Db object, warm = cached facts)`);
    const metrics = await runMetricsChild(importDb, path.join(tmp, "metrics.json"), prof("metrics"));
    say(`\nworkspace, ${metrics.window.from365} to ${metrics.window.to}:\n${metricsTable(metrics.report365)}`);

    const results: PhaseResults = {
      scale,
      seed,
      dataEnd: new Date(end).toISOString(),
      generate,
      import: { ...run, verified, rowCounts },
      raw: { ...raw, verified: rawVerified },
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
    const resultFile = path.join(outDir, values.profile ? "results.profile.json" : "results.json");
    writeFileSync(resultFile, `${JSON.stringify(json, null, 2)}\n`);
    say(
      `\nresults: ${path.relative(root, resultFile)}${table.some((c) => c.pass === false) ? " (some targets FAILED)" : " (all targets PASS)"}`,
    );
    if (!values["core-only"]) await runOtherBenches(importDb);
  } finally {
    if (!values.keep) rmSync(tmp, { recursive: true, force: true });
  }
}

await main();

/**
 * `node --import tsx test/bench/dashboard.ts [--db FILE] [--scale 1] [--seed 42] [--runs 10] [--no-build] [--app-dir DIR]`
 *
 * The dashboard on the benchmark workspace: its server response and how
 * soon the overview is interactive in headless Chromium.
 *
 * 1. the workspace: --db FILE (a kept `npm run bench -- --keep` import.db, slug
 *    "bench"), else generated at --scale with the benchmark's generator and
 *    inserted with plain INSERTs (the same rows the import stores);
 * 2. `next build` of this checkout (or --app-dir, a copy; unless --no-build), `next start` on 127.0.0.1;
 * 3. server response: the first request (facts not yet derived: cold) and
 *    --runs more of each page, time to the first byte and to the last;
 * 4. interactive: the overview in Chromium, with an empty cache, then --runs times;
 * 5. prints the table and writes test/bench/out/dashboard.json.
 *
 * Targets (issue 4): the overview's server response under 500 ms, interactive under 2 s.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startApp } from "../support/browser";
import { buildApp } from "../support/next-build";
import { measureInteractive } from "./dashboard-browser";
import { insertRaw } from "./phases";
import { timing, type Timing } from "./stats";
import { HOUR_MS, DAY_MS } from "@/lib/time";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const WORKSPACE = "bench";
const SERVER_TARGET_MS = 500;
const INTERACTIVE_TARGET_MS = 2_000;
const say = (text: string) => process.stdout.write(`${text}\n`);
let sessionCookie = "";

/** One request, timed to its first byte and to its last. */
async function request(url: string): Promise<{ status: number; firstByteMs: number; totalMs: number; bytes: number }> {
  const started = performance.now();
  // Signed in as the app's admin (the session is made once, before any timing).
  const response = await fetch(url, { headers: { cookie: sessionCookie } });
  const firstByteMs = performance.now() - started;
  const body = await response.arrayBuffer();
  return { status: response.status, firstByteMs, totalMs: performance.now() - started, bytes: body.byteLength };
}

async function measurePage(
  url: string,
  runs: number,
): Promise<{ cold: { firstByteMs: number; totalMs: number }; firstByte: Timing; total: Timing; bytes: number }> {
  const cold = await request(url);
  if (cold.status !== 200) throw new Error(`${url} answered ${cold.status}`);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await request(url));
  return {
    cold,
    firstByte: timing(samples.map((s) => s.firstByteMs)),
    total: timing(samples.map((s) => s.totalMs)),
    bytes: cold.bytes,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      scale: { type: "string", default: "1" },
      seed: { type: "string", default: "42" },
      runs: { type: "string", default: "10" },
      "no-build": { type: "boolean" },
      "app-dir": { type: "string" },
    },
  });
  const appDir = values["app-dir"] ? path.resolve(values["app-dir"]) : root;
  const runs = Number(values.runs),
    scale = Number(values.scale),
    seed = Number(values.seed);
  if (!(runs >= 1) || !(scale > 0) || !Number.isInteger(seed))
    throw new Error("--runs must be ≥ 1, --scale > 0, --seed an integer");
  say(
    `Altimeter dashboard bench: node ${process.version}, ${os.cpus().length} CPUs, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );

  const tmp = mkdtempSync(path.join(os.tmpdir(), "altimeter-dashboard-bench-"));
  try {
    let dbFile = values.db;
    if (!dbFile) {
      dbFile = path.join(tmp, "bench.db");
      say(`\n[1/4] generating the benchmark workspace at scale ${scale} into ${dbFile}`);
      const end = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
      const raw = await insertRaw({ seed, scale, end }, dbFile, WORKSPACE, say);
      say(`  ${(raw.wallMs / 1000).toFixed(1)} s`);
    } else say(`\n[1/4] using ${dbFile}`);

    if (!values["no-build"]) {
      say(`\n[2/4] next build in ${appDir}`);
      const started = performance.now();
      await buildApp(appDir);
      say(`  ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } else say(`\n[2/4] using the existing build in ${appDir}/.next`);
    const app = await startApp({ appDir, dbFile });
    sessionCookie = await app.signIn();
    try {
      say(`\n[3/4] server response, ${app.url}, ${runs} runs after the first`);
      const pages: Record<string, string> = {
        overview: `/w/${WORKSPACE}`,
        overview12Months: `/w/${WORKSPACE}?from=${isoDaysAgo(364)}&to=${isoDaysAgo(0)}`,
        drillDownLeadTime: `/w/${WORKSPACE}/metrics/lead-time`,
        repositories: `/w/${WORKSPACE}/repositories`,
        incidents: `/w/${WORKSPACE}/incidents`,
        workspaces: `/`,
        api: `/api/v1/workspaces/${WORKSPACE}/metrics?from=${isoDaysAgo(91)}&to=${isoDaysAgo(0)}`,
      };
      const server: Record<string, Awaited<ReturnType<typeof measurePage>>> = {};
      for (const [name, p] of Object.entries(pages)) {
        server[name] = await measurePage(`${app.url}${p}`, runs);
        const s = server[name]!;
        say(
          `  ${name.padEnd(18)} first request ${s.cold.totalMs.toFixed(0).padStart(5)} ms; then median ${s.total.medianMs.toFixed(0)} ms (p95 ${s.total.p95Ms.toFixed(0)}), first byte ${s.firstByte.medianMs.toFixed(0)} ms, ${(s.bytes / 1024).toFixed(0)} KB`,
        );
      }

      say(`\n[4/4] the overview in headless Chromium, ${runs} visits after the first`);
      const browser = await measureInteractive(`${app.url}${pages.overview}`, runs, app);
      const interactive = timing(browser.warm.map((v) => v.interactiveMs));
      say(
        `  first visit (empty cache): interactive ${browser.cold.interactiveMs} ms, load ${browser.cold.loadMs.toFixed(0)} ms`,
      );
      say(
        `  then: interactive median ${interactive.medianMs.toFixed(0)} ms (p95 ${interactive.p95Ms.toFixed(0)}), DOMContentLoaded ${timing(browser.warm.map((v) => v.domContentLoadedMs)).medianMs.toFixed(0)} ms`,
      );

      const overview = server.overview!;
      const checks = [
        {
          measure: "overview server response, warm median (to last byte)",
          valueMs: overview.total.medianMs,
          targetMs: SERVER_TARGET_MS,
        },
        { measure: "overview server response, warm p95", valueMs: overview.total.p95Ms, targetMs: SERVER_TARGET_MS },
        {
          measure: "overview server response, first request (facts cold)",
          valueMs: overview.cold.totalMs,
          targetMs: null,
        },
        {
          measure: "overview interactive in Chromium, median",
          valueMs: interactive.medianMs,
          targetMs: INTERACTIVE_TARGET_MS,
        },
        {
          measure: "overview interactive in Chromium, first visit",
          valueMs: browser.cold.interactiveMs,
          targetMs: INTERACTIVE_TARGET_MS,
        },
      ].map((c) => ({ ...c, pass: c.targetMs === null ? null : c.valueMs < c.targetMs }));
      say("");
      for (const c of checks)
        say(
          `${c.pass === null ? "    " : c.pass ? "PASS" : "FAIL"}  ${c.measure.padEnd(56)} ${c.valueMs.toFixed(0).padStart(6)} ms${c.targetMs === null ? "" : `  (< ${c.targetMs} ms)`}`,
        );

      const outDir = path.join(root, "test/bench/out");
      mkdirSync(outDir, { recursive: true });
      writeFileSync(
        path.join(outDir, "dashboard.json"),
        `${JSON.stringify(
          { runs, scale: values.db ? null : scale, seed, db: values.db ?? null, server, browser, checks },
          null,
          2,
        )}\n`,
      );
      say(
        `\nresults: test/bench/out/dashboard.json${checks.some((c) => c.pass === false) ? " (some targets FAILED)" : " (all targets PASS)"}`,
      );
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function isoDaysAgo(days: number): string {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  return new Date(today - days * DAY_MS).toISOString().slice(0, 10);
}

await main();

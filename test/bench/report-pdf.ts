/**
 * `node --import tsx test/bench/report-pdf.ts [--runs 5] [--app-dir DIR] [--no-build]`
 *
 * The PDF report of the demo workspace (the last 13 weeks, about ten pages):
 *
 * 1. a fresh database with the demo workspace;
 * 2. `next build` of this checkout when it has none with the report page (or --app-dir, a built copy);
 * 3. end to end as `altimeter report` runs it without a server: start `next start`,
 *    launch Chromium, render, print, write the file atomically, stop the server (--runs times);
 * 4. against a running server (as /w/SLUG/report.pdf does): launch Chromium, render and print, --runs times;
 * 5. prints the table and writes test/bench/out/report-pdf.json.
 *
 * Target (issue 6): a 10-page report of the demo workspace in under 5 s, end to end.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { closeDatabase, openDatabase } from "@/db/client";
import { ensureBuild, startAppServer } from "@/lib/report/app-server";
import { createDemoWorkspace } from "@/lib/service/demo";
import { printReportPdf, writeReportFile } from "@/lib/service/report-pdf";
import { timing, type Timing } from "./stats";
import { DAY_MS } from "@/lib/time";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TARGET_MS = 5_000;
const say = (text: string) => process.stdout.write(`${text}\n`);
const ms = (t: Timing) => `median ${t.medianMs.toFixed(0)} ms, min ${t.minMs.toFixed(0)}, max ${t.maxMs.toFixed(0)}`;

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5" }, "app-dir": { type: "string" }, "no-build": { type: "boolean" } },
});
const runs = Math.max(1, Number(values.runs));
const appDir = path.resolve(values["app-dir"] ?? root);
const dir = mkdtempSync(path.join(os.tmpdir(), "altimeter-bench-report-"));
const dbFile = path.join(dir, "altimeter.db");
const to = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
const from = new Date(Date.parse(`${to}T00:00:00Z`) - 91 * DAY_MS).toISOString().slice(0, 10);
const query = { workspace: "demo", from, to, preparedBy: "Benchmark" };

try {
  const db = await openDatabase(dbFile);
  const demoStarted = performance.now();
  await createDemoWorkspace(db, { slug: "demo", now: Date.now() });
  say(`demo workspace created in ${(performance.now() - demoStarted).toFixed(0)} ms`);
  if (!values["no-build"]) await ensureBuild(appDir, say);

  // 3. End to end, as `altimeter report` without a running app.
  const endToEnd: {
    totalMs: number;
    serverMs: number;
    launchMs: number;
    loadMs: number;
    printMs: number;
    pages: number;
    bytes: number;
  }[] = [];
  for (let i = 0; i < runs; i++) {
    const out = path.join(dir, `report-${i}.pdf`);
    const started = performance.now();
    const result = await writeReportFile(db, query, { out, dbFile, appDir, url: null, say: () => {} });
    const totalMs = performance.now() - started;
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [out], { encoding: "utf8" }))?.[1]);
    endToEnd.push({ ...result.timings, totalMs, pages, bytes: result.bytes });
    say(
      `end to end ${i + 1}/${runs}: ${totalMs.toFixed(0)} ms (server ${result.timings.serverMs} ms, Chromium ${result.timings.launchMs} ms, page ${result.timings.loadMs} ms, print ${result.timings.printMs} ms), ${pages} pages`,
    );
  }

  // 4. Against a running server: what the route handler costs per request.
  const server = await startAppServer({ appDir, dbFile });
  const warm: number[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const started = performance.now();
      await printReportPdf(server.url, query);
      if (i > 0) warm.push(performance.now() - started);
      else say(`running server, first print (facts not yet derived): ${(performance.now() - started).toFixed(0)} ms`);
    }
  } finally {
    await server.stop();
  }
  await closeDatabase(db);

  const total = timing(endToEnd.map((r) => r.totalMs));
  const printed = timing(warm);
  const pages = endToEnd[0]!.pages;
  const pass = total.medianMs < TARGET_MS;
  say("");
  say(`report of the demo workspace, ${from} to ${to}: ${pages} pages, ${(endToEnd[0]!.bytes / 1024).toFixed(0)} KB`);
  say(`  end to end (start the app, print, stop):  ${ms(total)}   target < ${TARGET_MS} ms: ${pass ? "PASS" : "FAIL"}`);
  say(`  against a running app (route handler):    ${ms(printed)}`);
  mkdirSync(path.join(root, "test", "bench", "out"), { recursive: true });
  writeFileSync(
    path.join(root, "test", "bench", "out", "report-pdf.json"),
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: { cpus: os.cpus().length, node: process.version },
        window: { from, to },
        pages,
        endToEnd,
        runningApp: warm,
        totalMs: total,
        printMs: printed,
        targetMs: TARGET_MS,
        pass,
      },
      null,
      2,
    )}\n`,
  );
  process.exitCode = pass ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}

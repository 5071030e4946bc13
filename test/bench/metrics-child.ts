/**
 * The metrics half of the benchmark, run as its own process so its peak RSS
 * is its own: `node --import tsx test/bench/metrics-child.ts --db FILE
 * --workspace SLUG --out RESULT.json`. Calls the real service in process.
 *
 * Cold = getMetricsReport on a freshly opened database (a new Db object, so
 * the per-Db facts cache is empty), as a new CLI process would. The first ask
 * of a question loads the rows and derives the facts (a team: only the team's
 * rows); it keeps its report in metric_reports, so the same question asked
 * again at the same data version reads that instead. Each cold team run asks
 * about another team. The OS page cache stays warm (dropping it needs root). Warm =
 * repeated calls on one Db, reusing the cached facts.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { closeDatabase, openDatabase, type Db } from "@/db/client";
import { formatDate } from "@/lib/metrics/window";
import { computeMetrics, deriveFacts } from "@/lib/metrics";
import type { JudgedReport } from "@/lib/withheld";
import { loadMetricsData } from "@/lib/queries/metrics-data";
import { listTeams } from "@/lib/queries/teams";
import { getWorkspace } from "@/lib/queries/workspaces";
import { getMetricsReport, warmWorkspaceFacts, workspaceFacts } from "@/lib/service/metrics";
import { metricsSettings } from "@/lib/service/scope";
import { timed } from "./stats";
import { DAY_MS } from "@/lib/time";

/** What the child measures; every array holds one sample per run, in milliseconds. */
export interface MetricsBenchResult {
  window: { to: string; from90: string; from365: string };
  teams: number;
  openMs: number[];
  cold: { workspace365: number[]; workspace90: number[]; team365: number[] };
  /**
   * Cold 365-day report split into its parts: loading rows (from the snapshot the import kept, and from the
   * tables for comparison), deriving facts, computing the window.
   */
  coldParts: { loadMs: number[]; tablesMs: number[]; deriveMs: number[]; computeMs: number[] };
  /**
   * The same with the facts kept in the snapshot (what a first ask does): reading the snapshot and rebuilding
   * the facts from it, then computing 365 days on them.
   */
  keptParts: { factsMs: number[]; computeMs: number[] };
  loaded: { deployments: number; mergedPullRequests: number; incidents: number; people: number; repositories: number };
  warm: {
    workspace365: number[];
    workspace90: number[];
    team365: number[];
    slowestTeam: { team: string; medianMs: number };
  };
  report365: JudgedReport;
  /** Peak RSS (KiB) right after the first cold report: what one fresh `altimeter metrics` process needs. */
  firstReportMaxRssKb: number;
  /** Peak RSS (KiB) of the whole child, after every cold and warm run. */
  maxRssKb: number;
}

const log = (text: string) => process.stderr.write(`  metrics: ${text}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      workspace: { type: "string" },
      out: { type: "string" },
      "cold-runs": { type: "string", default: "10" },
      "warm-runs": { type: "string", default: "30" },
      "team-rounds": { type: "string", default: "3" },
    },
  });
  const file = values.db!,
    workspace = values.workspace!;
  const coldRuns = Number(values["cold-runs"]),
    warmRuns = Number(values["warm-runs"]),
    teamRounds = Number(values["team-rounds"]);
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const to = formatDate(today),
    from90 = formatDate(today - 90 * DAY_MS),
    from365 = formatDate(today - 365 * DAY_MS);
  const q365 = { workspace, from: from365, to },
    q90 = { workspace, from: from90, to };

  let db: Db = await openDatabase(file);
  const teams = (await listTeams(db, (await getWorkspace(db, workspace)).id)).map((t) => t.id);
  await closeDatabase(db);

  const openMs: number[] = [];
  let firstReportMaxRssKb = 0;
  const cold = { workspace365: [] as number[], workspace90: [] as number[], team365: [] as number[] };
  const fresh = async () => {
    const [ms, opened] = await timed(() => openDatabase(file));
    openMs.push(ms);
    return opened;
  };
  for (let run = 0; run < coldRuns; run++) {
    for (const [samples, query] of [
      [cold.workspace365, q365],
      [cold.workspace90, q90],
      [cold.team365, { ...q365, team: teams[run % teams.length] }],
    ] as const) {
      db = await fresh();
      samples.push((await timed(() => getMetricsReport(db, query)))[0]);
      firstReportMaxRssKb ||= process.resourceUsage().maxRSS;
      await closeDatabase(db);
    }
    log(
      `cold run ${run + 1}/${coldRuns}: 365 d ${cold.workspace365[run]!.toFixed(0)} ms, 90 d ${cold.workspace90[run]!.toFixed(0)} ms, team ${cold.team365[run]!.toFixed(0)} ms`,
    );
  }

  const coldParts = {
    loadMs: [] as number[],
    tablesMs: [] as number[],
    deriveMs: [] as number[],
    computeMs: [] as number[],
  };
  const keptParts = { factsMs: [] as number[], computeMs: [] as number[] };
  let loaded: MetricsBenchResult["loaded"] | null = null;
  for (let run = 0; run < Math.min(3, coldRuns); run++) {
    db = await fresh();
    const ws = await getWorkspace(db, workspace);
    const [loadMs, data] = await timed(() => loadMetricsData(db, ws.id, ws.dataVersion));
    coldParts.tablesMs.push((await timed(() => loadMetricsData(db, ws.id)))[0]);
    const [deriveMs, facts] = await timed(() => deriveFacts(data, metricsSettings(ws)));
    const [computeMs] = await timed(() =>
      computeMetrics(facts, { from: today - 365 * DAY_MS, to: today }, { teamId: null }),
    );
    const keptDb = await fresh();
    const [keptMs, kept] = await timed(() => workspaceFacts(keptDb, ws));
    keptParts.factsMs.push(keptMs);
    keptParts.computeMs.push(
      (await timed(() => computeMetrics(kept, { from: today - 365 * DAY_MS, to: today }, { teamId: null })))[0],
    );
    await closeDatabase(keptDb);
    coldParts.loadMs.push(loadMs);
    coldParts.deriveMs.push(deriveMs);
    coldParts.computeMs.push(computeMs);
    loaded = {
      deployments: data.deployments.length,
      mergedPullRequests: data.pullRequests.length,
      incidents: data.incidents.length,
      people: data.people.length,
      repositories: data.repositories.length,
    };
    await closeDatabase(db);
  }
  log(
    `cold parts (median): load ${median(coldParts.loadMs).toFixed(0)} ms (from the tables ${median(coldParts.tablesMs).toFixed(0)} ms), derive ${median(coldParts.deriveMs).toFixed(0)} ms, compute ${median(coldParts.computeMs).toFixed(0)} ms`,
  );

  db = await fresh();
  // Warm: the workspace's facts derived once, as the app does at start-up (a report kept in metric_reports is not read then).
  await warmWorkspaceFacts(db);
  const report365 = await getMetricsReport(db, q365);
  const warm = { workspace365: [] as number[], workspace90: [] as number[], team365: [] as number[] };
  for (let run = 0; run < warmRuns; run++) {
    warm.workspace365.push((await timed(() => getMetricsReport(db, q365)))[0]);
    warm.workspace90.push((await timed(() => getMetricsReport(db, q90)))[0]);
  }
  const perTeam = new Map<string, number[]>(teams.map((t) => [t, []]));
  for (let round = 0; round < teamRounds; round++) {
    for (const team of teams) {
      const [ms] = await timed(() => getMetricsReport(db, { ...q365, team }));
      warm.team365.push(ms);
      perTeam.get(team)!.push(ms);
    }
  }
  const slowest = [...perTeam]
    .map(([team, xs]) => ({ team, medianMs: median(xs) }))
    .sort((a, b) => b.medianMs - a.medianMs)[0]!;
  log(
    `warm: 365 d median ${median(warm.workspace365).toFixed(1)} ms, team median ${median(warm.team365).toFixed(1)} ms`,
  );
  await closeDatabase(db);

  const result: MetricsBenchResult = {
    window: { to, from90, from365 },
    teams: teams.length,
    openMs,
    cold,
    coldParts,
    keptParts,
    loaded: loaded!,
    warm: { ...warm, slowestTeam: slowest },
    report365,
    firstReportMaxRssKb,
    maxRssKb: process.resourceUsage().maxRSS,
  };
  writeFileSync(values.out!, JSON.stringify(result));
}

await main();

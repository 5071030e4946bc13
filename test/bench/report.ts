/**
 * The benchmark's final table: every number, its target and PASS/FAIL, and
 * the same as JSON for test/bench/out/results.json.
 */
import type { ImportRun } from "./import-child";
import type { MetricsBenchResult } from "./metrics-child";
import type { RecordCounts } from "./records";
import { timing, type Timing } from "./stats";

export const MB = 1024 * 1024;
const RSS_LIMIT_KB = 1024 * 1024;

export interface PhaseResults {
  store: "sqlite" | "postgres";
  scale: number;
  seed: number;
  dataEnd: string;
  generate: { counts: RecordCounts; records: number; bytes: number; sha256: string; ms: number };
  import: ImportRun & { verified: boolean; rowCounts: RecordCounts };
  /** storeMs: the time spent inside the store (SQLite's transactions, or the COPY statements). */
  raw: { wallMs: number; storeMs: number; verified: boolean };
  /** Bytes the import's store and the baseline's hold at the end (a file and its WAL, or pg_database_size). */
  sizes: { importBytes: number; rawBytes: number };
  /** os.loadavg() (1, 5, 15 min) as each phase started, and at the end. */
  load: Record<string, [number, number, number]>;
  metrics: MetricsBenchResult;
  totalMs: number;
}

/** One line of the table; `pass` is null for numbers without a target. */
export interface Check {
  phase: string;
  measure: string;
  value: string;
  target: string;
  pass: boolean | null;
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const millis = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
const mib = (kb: number | null) => (kb === null ? "unknown" : `${(kb / 1024).toFixed(0)} MB`);

/** Timings of the metrics phase, summarised. */
export function metricsTimings(m: MetricsBenchResult) {
  return {
    cold: {
      workspace365: timing(m.cold.workspace365),
      workspace90: timing(m.cold.workspace90),
      team365: timing(m.cold.team365),
    },
    coldParts: {
      load: timing(m.coldParts.loadMs),
      tables: timing(m.coldParts.tablesMs ?? []),
      derive: timing(m.coldParts.deriveMs),
      compute: timing(m.coldParts.computeMs),
    },
    keptParts: {
      facts: timing(m.keptParts?.factsMs ?? []),
      compute: timing(m.keptParts?.computeMs ?? []),
    },
    open: timing(m.openMs),
    warm: {
      workspace365: timing(m.warm.workspace365),
      workspace90: timing(m.warm.workspace90),
      team365: timing(m.warm.team365),
    },
  };
}

/** Every number of a run with its target, in the order the table prints them. */
export function checks(r: PhaseResults): Check[] {
  const records = r.generate.records;
  const importRate = records / (r.import.wallMs / 1000);
  const rawRate = records / (r.raw.storeMs / 1000);
  const rawLabel =
    r.store === "postgres" ? "PostgreSQL time (plain COPY, one per table)" : "SQLite time (plain INSERT, 5,000/tx)";
  const rawShort = r.store === "postgres" ? "COPY time" : "SQLite time";
  const rawWallRate = records / (r.raw.wallMs / 1000);
  const t = metricsTimings(r.metrics);
  const latency = (phase: string, label: string, x: Timing, limit: number | null): Check[] => [
    {
      phase,
      measure: `${label} median (${x.runs} runs)`,
      value: millis(x.medianMs),
      target: limit === null ? "" : `< ${limit} ms`,
      pass: limit === null ? null : x.medianMs < limit,
    },
    { phase, measure: `${label} p95`, value: millis(x.p95Ms), target: "", pass: null },
  ];
  const info = (phase: string, measure: string, value: string): Check => ({
    phase,
    measure,
    value,
    target: "",
    pass: null,
  });
  // One sample: the first ask of a fresh process after the import, before any report is kept.
  const firstAsk = (measure: string, ms: number | undefined): Check => ({
    phase: "metrics",
    measure,
    value: millis(ms ?? Number.NaN),
    target: "< 300 ms",
    pass: ms !== undefined && ms < 300,
  });
  return [
    info(
      "generate",
      "records",
      `${count(records)} (${count(r.generate.counts.commit)} commits, ${count(r.generate.counts.pull_request)} PRs, ${count(r.generate.counts.deployment)} deployments, ${count(r.generate.counts.ci_run)} CI runs, ${count(r.generate.counts.incident)} incidents, ${count(r.generate.counts.person)} people, ${count(r.generate.counts.repository)} repos, ${count(r.generate.counts.team)} teams)`,
    ),
    info(
      "generate",
      "NDJSON file",
      `${(r.generate.bytes / MB).toFixed(1)} MB, sha256 ${r.generate.sha256.slice(0, 12)}…`,
    ),
    info("generate", "time", `${secs(r.generate.ms)} (${count(records / (r.generate.ms / 1000))} records/s)`),
    info("import", "wall time (CLI child)", secs(r.import.wallMs)),
    info("import", "throughput", `${count(importRate)} records/s`),
    {
      phase: "import",
      measure: "exit status, rows in store = generated",
      value: `${r.import.exitCode}, ${r.import.verified ? "yes" : "NO"}`,
      target: "0, yes",
      pass: r.import.exitCode === 0 && r.import.verified,
    },
    {
      phase: "import",
      measure: `peak RSS (${r.import.rssSource})`,
      value: mib(r.import.peakRssKb),
      target: "< 1024 MB",
      pass: r.import.peakRssKb !== null && r.import.peakRssKb < RSS_LIMIT_KB,
    },
    info("generate", "store, load average at start (1/5/15 min)", `${r.store}, ${(r.load.start ?? []).join(" ")}`),
    info("import", "load average at start", (r.load.import ?? []).join(" ")),
    info("import", "store size after import", `${(r.sizes.importBytes / MB).toFixed(0)} MB`),
    info("raw", rawLabel, `${secs(r.raw.storeMs)} (${count(rawRate)} records/s)`),
    info("raw", "wall incl. generating rows", `${secs(r.raw.wallMs)} (${count(rawWallRate)} records/s)`),
    {
      phase: "raw",
      measure: "rows in store = generated",
      value: r.raw.verified ? "yes" : "NO",
      target: "yes",
      pass: r.raw.verified,
    },
    {
      phase: "ratio",
      measure: `import / raw (${rawShort})`,
      value: `${((100 * importRate) / rawRate).toFixed(1)}%`,
      target: "≥ 40%",
      pass: importRate / rawRate >= 0.4,
    },
    info("raw", "store size", `${(r.sizes.rawBytes / MB).toFixed(0)} MB`),
    info("ratio", "import / raw (wall incl. generating)", `${((100 * importRate) / rawWallRate).toFixed(1)}%`),
    // Cold: a new connection. Its first ask reads the rows from the snapshot the import kept (metric_snapshots)
    // and derives everything; later asks of the same question at the same data version read the report kept
    // in metric_reports (lib/service/report-store.ts).
    ...latency("metrics", "cold workspace 365 d (kept report after the 1st)", t.cold.workspace365, 300),
    firstAsk("cold workspace 365 d, 1st ask (reads the snapshot, derives, computes)", r.metrics.cold.workspace365[0]),
    ...latency("metrics", "cold workspace 90 d", t.cold.workspace90, null),
    firstAsk("cold workspace 90 d, 1st ask (reads the snapshot, derives, computes)", r.metrics.cold.workspace90[0]),
    // Each cold team run asks about another team: every one reads that team's rows (lib/queries/team-metrics-data.ts).
    ...latency("metrics", "cold one team 365 d (a new team each run)", t.cold.team365, 50),
    info(
      "metrics",
      "cold 365 d parts with kept facts (median)",
      `read the snapshot and rebuild the facts ${millis(t.keptParts.facts.medianMs)}, compute ${millis(t.keptParts.compute.medianMs)}`,
    ),
    info(
      "metrics",
      "cold 365 d parts without kept facts (median)",
      `load rows ${millis(t.coldParts.load.medianMs)} (from the tables: ${millis(t.coldParts.tables.medianMs)}), derive facts ${millis(t.coldParts.derive.medianMs)}, compute ${millis(t.coldParts.compute.medianMs)}; open db ${millis(t.open.medianMs)}`,
    ),
    ...latency("metrics", "warm workspace 365 d", t.warm.workspace365, 300),
    ...latency("metrics", "warm workspace 90 d", t.warm.workspace90, null),
    ...latency("metrics", `warm one team 365 d (${r.metrics.teams} teams)`, t.warm.team365, 50),
    info(
      "metrics",
      "slowest team (warm median)",
      `${r.metrics.warm.slowestTeam.team} ${millis(r.metrics.warm.slowestTeam.medianMs)}`,
    ),
    info("metrics", "peak RSS after the first cold report", mib(r.metrics.firstReportMaxRssKb)),
    {
      phase: "metrics",
      measure: "peak RSS, whole child (resourceUsage maxRSS)",
      value: mib(r.metrics.maxRssKb),
      target: "< 1024 MB",
      pass: r.metrics.maxRssKb < RSS_LIMIT_KB,
    },
    info(
      "metrics",
      "load average at start / at the end",
      `${(r.load.metrics ?? []).join(" ")} / ${(r.load.end ?? []).join(" ")}`,
    ),
    r.scale <= 1
      ? { phase: "run", measure: "total time", value: secs(r.totalMs), target: "< 600 s", pass: r.totalMs < 600_000 }
      : info("run", "total time (the 600 s target is scale 1's)", secs(r.totalMs)),
  ];
}

/** The checks as an aligned plain-text table. */
export function formatTable(rows: Check[]): string {
  const cells = [
    ["phase", "measure", "value", "target", "result"],
    ...rows.map((c) => [c.phase, c.measure, c.value, c.target, c.pass === null ? "" : c.pass ? "PASS" : "FAIL"]),
  ];
  const widths = [0, 1, 3, 4].map((i) => Math.max(...cells.map((r) => r[i]!.length)));
  const valueWidth = Math.min(48, Math.max(...cells.map((r) => r[2]!.length)));
  const line = (r: string[]) =>
    [
      r[0]!.padEnd(widths[0]!),
      r[1]!.padEnd(widths[1]!),
      r[2]!.length > valueWidth ? r[2]! : r[2]!.padEnd(valueWidth),
      r[3]!.padEnd(widths[2]!),
      r[4]!,
    ]
      .join("  ")
      .trimEnd();
  const rule = "-".repeat(widths[0]! + widths[1]! + valueWidth + widths[2]! + widths[3]! + 8);
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

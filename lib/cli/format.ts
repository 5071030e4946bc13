import type { MetricValues } from "@/lib/metrics";
import { metricInfo } from "@/lib/service/definitions";
import { noDataBecause, withheldByReason, type Withheld } from "@/lib/withheld";

const num = (v: number | null, digits = 2): string =>
  v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(digits);
const tier = (t: string | null): string => t ?? "—";
const target = (t: boolean | null): string => (t === null ? "no data" : t ? "met" : "missed");

/** Rows of a plain-text table, columns padded to fit. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The eight metrics as a readable table (the non-JSON output of `altimeter metrics`). */
export function metricsTable(m: MetricValues): string {
  const d = m.deploymentFrequency,
    l = m.leadTime,
    c = m.changeFailureRate,
    r = m.timeToRestore,
    o = m.onboarding,
    f = m.timeToFirstDeploy,
    w = m.reworkRate,
    x = m.failedDeploymentRecovery;
  return table([
    ["metric", "value", "detail", "DORA tier", "target"],
    [
      "deployment frequency",
      `${num(d.perDay)}/day`,
      `${d.deployments} deployments on ${d.deployDays} days, ${num(d.perWeek)}/week`,
      tier(d.tier),
      `${target(m.targets.deploymentFrequency)} (> 1/day)`,
    ],
    [
      "lead time for changes",
      `${num(l.medianHours)} h median`,
      `${l.changes} changes, p90 ${num(l.p90Hours)} h`,
      tier(l.tier),
      "",
    ],
    [
      "change failure rate",
      c.rate === null ? "—" : `${(c.rate * 100).toFixed(1)}%`,
      `${c.failed} of ${c.deployments} deployments failed`,
      tier(c.tier),
      `${target(m.targets.changeFailureRate)} (< 5%)`,
    ],
    [
      "time to restore",
      `${num(r.medianHours)} h median`,
      `${r.incidents} incidents, ${r.resolved} resolved, ${r.open} open, mean ${num(r.meanHours)} h`,
      tier(r.tier),
      `${target(m.targets.timeToRestore)} (< 1 h)`,
    ],
    [
      "onboarding time",
      `${num(o.medianDays)} d median`,
      `${o.newcomers} newcomers, ${o.onboarded} merged a PR, p90 ${num(o.p90Days)} d`,
      "",
      `${target(m.targets.onboarding)} (< 7 d)`,
    ],
    [
      "time to first deploy",
      `${num(f.medianHours)} h median`,
      `${f.newRepositories} new repositories, ${f.deployed} deployed`,
      "",
      `${target(m.targets.timeToFirstDeploy)} (< 24 h)`,
    ],
    [
      "deployment rework rate",
      w.rate === null ? "—" : `${(w.rate * 100).toFixed(1)}%`,
      `${w.rework} of ${w.deployments} deployments were rework`,
      "",
      `${target(m.targets.reworkRate)} (< 10%)`,
    ],
    [
      "failed deployment recovery",
      `${num(x.medianHours)} h median`,
      `${x.failed} failed, ${x.recovered} recovered, ${x.unrecovered} not, mean ${num(x.meanHours)} h`,
      tier(x.tier),
      `${target(m.targets.failedDeploymentRecovery)} (< 1 h)`,
    ],
  ]);
}

/** Under the table, one line per reason: why tiers and targets read "—" or "no data"; empty when all are judged. */
export function withheldNotes(withheld: Withheld): string {
  const lines = withheldByReason(withheld).map(
    ({ metrics, reason }) =>
      `${metrics.map((m) => metricInfo(m).title.toLowerCase()).join(", ")} — ${noDataBecause(reason)}`,
  );
  return lines.length ? `\n\n${lines.join("\n")}` : "";
}

import type { MetricName } from "@/lib/metrics";
import { metricInfo, metricTarget, metricTier } from "@/lib/service/definitions";
import { type JudgedValues, noDataBecause, withheldByReason, type Withheld } from "@/lib/withheld";

const num = (v: number | null, digits = 2): string =>
  v === null ? "—" : Number.isInteger(v) ? String(v) : v.toFixed(digits);

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

/** The eight metrics as a readable table (the non-JSON output of `altimeter metrics`); withheld judgements read "—" / "no data". */
export function metricsTable(m: JudgedValues): string {
  const tier = (name: MetricName): string => metricTier(name, m) ?? "—";
  const target = (name: MetricName): string => {
    const met = metricTarget(name, m) ?? null;
    return met === null ? "no data" : met ? "met" : "missed";
  };
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
      tier("deploymentFrequency"),
      `${target("deploymentFrequency")} (> 1/day)`,
    ],
    [
      "lead time for changes",
      `${num(l.medianHours)} h median`,
      `${l.changes} changes, p90 ${num(l.p90Hours)} h`,
      tier("leadTime"),
      "",
    ],
    [
      "change failure rate",
      c.rate === null ? "—" : `${(c.rate * 100).toFixed(1)}%`,
      `${c.failed} of ${c.deployments} deployments failed`,
      tier("changeFailureRate"),
      `${target("changeFailureRate")} (< 5%)`,
    ],
    [
      "time to restore",
      `${num(r.medianHours)} h median`,
      `${r.incidents} incidents, ${r.resolved} resolved, ${r.open} open, mean ${num(r.meanHours)} h`,
      tier("timeToRestore"),
      `${target("timeToRestore")} (< 1 h)`,
    ],
    [
      "onboarding time",
      `${num(o.medianDays)} d median`,
      `${o.newcomers} newcomers, ${o.onboarded} merged a PR, p90 ${num(o.p90Days)} d`,
      "",
      `${target("onboarding")} (< 7 d)`,
    ],
    [
      "time to first deploy",
      `${num(f.medianHours)} h median`,
      `${f.newRepositories} new repositories, ${f.deployed} deployed`,
      "",
      `${target("timeToFirstDeploy")} (< 24 h)`,
    ],
    [
      "deployment rework rate",
      w.rate === null ? "—" : `${(w.rate * 100).toFixed(1)}%`,
      `${w.rework} of ${w.deployments} deployments were rework`,
      "",
      `${target("reworkRate")} (< 10%)`,
    ],
    [
      "failed deployment recovery",
      `${num(x.medianHours)} h median`,
      `${x.failed} failed, ${x.recovered} recovered, ${x.unrecovered} not, mean ${num(x.meanHours)} h`,
      tier("failedDeploymentRecovery"),
      `${target("failedDeploymentRecovery")} (< 1 h)`,
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

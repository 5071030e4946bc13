import { countsBehind } from "@/lib/format";
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
      countsBehind("deploymentFrequency", m, "table"),
      tier("deploymentFrequency"),
      `${target("deploymentFrequency")} (> 1/day)`,
    ],
    [
      "lead time for changes",
      `${num(l.medianHours)} h median`,
      countsBehind("leadTime", m, "table"),
      tier("leadTime"),
      "",
    ],
    [
      "change failure rate",
      c.rate === null ? "—" : `${(c.rate * 100).toFixed(1)}%`,
      countsBehind("changeFailureRate", m, "table"),
      tier("changeFailureRate"),
      `${target("changeFailureRate")} (< 5%)`,
    ],
    [
      "time to restore",
      `${num(r.medianHours)} h median`,
      countsBehind("timeToRestore", m, "table"),
      tier("timeToRestore"),
      `${target("timeToRestore")} (< 1 h)`,
    ],
    [
      "onboarding time",
      `${num(o.medianDays)} d median`,
      countsBehind("onboarding", m, "table"),
      "",
      `${target("onboarding")} (< 7 d)`,
    ],
    [
      "time to first deploy",
      `${num(f.medianHours)} h median`,
      countsBehind("timeToFirstDeploy", m, "table"),
      "",
      `${target("timeToFirstDeploy")} (< 24 h)`,
    ],
    [
      "deployment rework rate",
      w.rate === null ? "—" : `${(w.rate * 100).toFixed(1)}%`,
      countsBehind("reworkRate", m, "table"),
      "",
      `${target("reworkRate")} (< 10%)`,
    ],
    [
      "failed deployment recovery",
      `${num(x.medianHours)} h median`,
      countsBehind("failedDeploymentRecovery", m, "table"),
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

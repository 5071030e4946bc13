import type { MetricValues } from "@/lib/metrics/types";
import { count, formatNumber, formatPercent, orDash } from "./format";
import { MetricCard, type MetricCardProps } from "./metric-card";

/** The six headline metrics of spec/metrics.md as cards, in its order. */
export function metricCards(m: MetricValues): MetricCardProps[] {
  const d = m.deploymentFrequency, l = m.leadTime, c = m.changeFailureRate, r = m.timeToRestore, o = m.onboarding, f = m.timeToFirstDeploy;
  const n = (v: number | null) => orDash(formatNumber(v));
  return [
    {
      id: "deployment-frequency",
      title: "Deployment frequency",
      value: formatNumber(d.perDay),
      exact: d.perDay,
      unit: "deployments / day",
      detail: `${count(d.deployments, "deployment")} on ${count(d.deployDays, "day")} · ${n(d.perWeek)} / week`,
      tier: d.tier,
      target: { met: m.targets.deploymentFrequency, goal: "more than 1 a day" },
      definition: "Successful production deployments that finished in the window, per day.",
    },
    {
      id: "lead-time",
      title: "Lead time for changes",
      value: formatNumber(l.medianHours),
      exact: l.medianHours,
      unit: "h median",
      detail: `${count(l.changes, "change")} · p90 ${n(l.p90Hours)} h`,
      tier: l.tier,
      definition: "From a merged pull request's first commit to the production deployment that shipped it.",
    },
    {
      id: "change-failure-rate",
      title: "Change failure rate",
      value: formatPercent(c.rate),
      exact: c.rate === null ? null : c.rate * 100,
      unit: "%",
      detail: `${c.failed} of ${count(c.deployments, "production deployment")} failed`,
      tier: c.tier,
      target: { met: m.targets.changeFailureRate, goal: "below 5%" },
      definition: "Share of production deployments that failed or caused an incident.",
    },
    {
      id: "time-to-restore",
      title: "Time to restore",
      value: formatNumber(r.medianHours),
      exact: r.medianHours,
      unit: "h median",
      detail: `${count(r.incidents, "incident")} · ${r.resolved} resolved · ${r.open} open · mean ${n(r.meanHours)} h`,
      tier: r.tier,
      target: { met: m.targets.timeToRestore, goal: "below 1 h: minutes, not hours" },
      definition: "From an incident opening to its resolution, for incidents opened in the window.",
    },
    {
      id: "onboarding",
      title: "Developer onboarding",
      value: formatNumber(o.medianDays),
      exact: o.medianDays,
      unit: "days median",
      detail: `${count(o.newcomers, "newcomer")} · ${o.onboarded} merged a pull request · p90 ${n(o.p90Days)} days`,
      target: { met: m.targets.onboarding, goal: "below 7 days: days, not weeks" },
      definition: "From a newcomer's start to their first merged pull request.",
    },
    {
      id: "time-to-first-deploy",
      title: "Time to first deploy",
      value: formatNumber(f.medianHours),
      exact: f.medianHours,
      unit: "h median",
      detail: `${count(f.newRepositories, "new repository", "new repositories")} · ${f.deployed} deployed`,
      target: { met: m.targets.timeToFirstDeploy, goal: "below 24 h: hours, not days" },
      definition: "From a new repository's creation to its first successful production deployment.",
    },
  ];
}

/** The headline grid of a workspace or team. */
export function MetricCards({ metrics }: { metrics: MetricValues }) {
  return (
    <div className="metric-grid">
      {metricCards(metrics).map((card) => (
        <MetricCard key={card.id} {...card} />
      ))}
    </div>
  );
}

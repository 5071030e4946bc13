import type { Overview } from "@/lib/service/dashboard";
import { METRIC_INFO, plottedHeadline, type MetricInfo } from "@/lib/service/definitions";
import { count } from "./format";
import { MetricCard } from "./metric-card";
import { DAY_MS } from "@/lib/time";

/** The six headline metrics of an overview as cards, in spec/metrics.md's order. */
export function MetricCards({ overview, hrefFor }: { overview: Overview; hrefFor: (info: MetricInfo) => string }) {
  const days = Math.round((Date.parse(overview.report.to) - Date.parse(overview.report.from)) / DAY_MS);
  const period = count(days, "day");
  return (
    <div className="metric-grid">
      {METRIC_INFO.map((info) => (
        <MetricCard
          key={info.name}
          info={info}
          values={overview.report}
          change={overview.changes[info.name]}
          period={period}
          weekly={overview.weeks.map((w) => plottedHeadline(info.name, w.values))}
          href={hrefFor(info)}
        />
      ))}
    </div>
  );
}

import type { LinkedChange } from "@/lib/metrics/lead-time-links";
import { leadTimeDistribution } from "@/lib/service/distribution";
import { DistributionChart } from "./distribution-chart";

/** The lead times of the window's changes in buckets on the DORA tier boundaries, as a chart and a table. */
export function LeadTimeDistribution({ changes }: { changes: readonly LinkedChange[] }) {
  const buckets = leadTimeDistribution(changes);
  const busiest = buckets.reduce((a, b) => (b.count > a.count ? b : a));
  const description = `${changes.length} changes by lead time; the most (${busiest.count}) took ${busiest.label}.`;
  return (
    <section className="section" aria-labelledby="distribution-title">
      <figure className="card chart-figure" aria-labelledby="distribution-title">
        <figcaption>
          <strong id="distribution-title">Distribution of lead times</strong>
          {description} DORA 2023 tiers: elite under 1 day, high under 1 week, medium under 30 days.
        </figcaption>
        <DistributionChart bars={buckets.map((b) => ({ label: b.label, count: b.count }))} description={description} />
        <details className="chart-data">
          <summary>The distribution as a table</summary>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Lead time</th>
                <th scope="col" className="num">
                  Changes
                </th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.label}</th>
                  <td className="num">{b.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </figure>
    </section>
  );
}

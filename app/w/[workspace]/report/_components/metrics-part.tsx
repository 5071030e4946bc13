import { TierBadge } from "@/app/_components/badges";
import { formatChange, formatHeadline, orDash } from "@/app/_components/format";
import { countsBehind } from "@/lib/format";
import { headlineValue, METRIC_INFO, metricTarget, metricTier } from "@/lib/service/definitions";
import { NO_COMPARISON, NO_DATA, noComparisonBecause, noDataBecause } from "@/lib/withheld";
import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

function targetText(met: boolean | null | undefined, goal: string | undefined): string {
  if (met === undefined || goal === undefined) return "—";
  return `${met === null ? `○ ${NO_DATA}` : met ? "✓ met" : "✗ missed"} (${goal})`;
}

/** The metrics: value, the counts behind it, DORA 2023 tier, platform target and the change against the previous period. */
export function MetricsPart({ model }: { model: ReportModel }) {
  const { report, previous, changes } = model.overview;
  return (
    <section className={styles.part} aria-labelledby="metrics-title">
      <h2 id="metrics-title">The metrics</h2>
      <p>
        Four DORA metrics and two platform-engineering measures, computed over the {model.days} days of the period by
        the definitions in the appendix (the same numbers as the dashboard and <code>altimeter metrics</code>). Tiers
        are the DORA 2023 benchmarks; targets are what platform engineering promises.
      </p>
      <table className={styles.table}>
        <caption>
          {model.team ? `${model.team.name} team` : model.workspace.name}, {model.from} to {model.to} (exclusive);
          change against {previous.from} to {previous.to}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className={styles.num}>
              Value
            </th>
            <th scope="col">Behind it</th>
            <th scope="col">DORA 2023</th>
            <th scope="col">Target</th>
            <th scope="col" className={styles.num}>
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {METRIC_INFO.map((info) => {
            const value = headlineValue(info.name, report);
            const tier = metricTier(info.name, report);
            const change = changes[info.name];
            const withheld = report.withheld[info.name];
            return (
              <tr key={info.name} data-metric={info.name}>
                <th scope="row">{info.title}</th>
                <td className={`${styles.num} ${styles.nowrap}`}>
                  {value === null ? `— ${NO_DATA}` : `${formatHeadline(info, value)} ${info.unit}`}
                </td>
                <td>
                  {countsBehind(info.name, report, "card")}
                  {withheld !== null && <span className={styles.withheld}> — {noDataBecause(withheld)}</span>}
                </td>
                <td>{tier === undefined ? "—" : <TierBadge tier={tier} compact withheld={withheld} />}</td>
                <td>{targetText(metricTarget(info.name, report), info.target?.goal)}</td>
                <td className={change.unavailable === null ? styles.num : undefined}>
                  {change.unavailable === null
                    ? orDash(formatChange(info, change))
                    : withheld !== null
                      ? NO_COMPARISON // the row says why already
                      : noComparisonBecause(change.unavailable)}
                  {change.verdict && change.verdict !== "unchanged" ? ` ${change.verdict}` : ""}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

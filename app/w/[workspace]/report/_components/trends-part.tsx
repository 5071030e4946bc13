import { isPercent } from "@/lib/metrics";
import { formatHeadline, formatWeek, orDash } from "@/app/_components/format";
import { TrendChart } from "@/app/_components/trend-chart";
import { METRIC_INFO, plottedHeadline, type MetricInfo } from "@/lib/service/definitions";
import { noDataBecause } from "@/lib/withheld";
import type { ReportModel } from "@/lib/service/report";
import styles from "../report.module.css";

const plotted = (info: MetricInfo, v: number | null) => (v === null ? null : isPercent(info.name) ? v * 100 : v);

/** How many charts the trends part draws (the ready signal waits for them). */
export function trendChartCount(model: ReportModel): number {
  return model.overview.weeks.length === 0 ? 0 : METRIC_INFO.length;
}

/** Each metric week by week: the dashboard's trend chart, drawn as SVG, with its target line. */
export function TrendsPart({ model }: { model: ReportModel }) {
  const weeks = model.overview.weeks;
  return (
    <section className={styles.part} aria-labelledby="trends-title">
      <h2 id="trends-title">Trends</h2>
      <p>
        Each full week of the period computed on its own, as <code>altimeter metrics --series week</code> does. A dashed
        line marks the platform target.
      </p>
      {weeks.length === 0 ? (
        <p>The period holds no full week, so there is no weekly trend.</p>
      ) : (
        <div className={styles.trendGrid}>
          {METRIC_INFO.map((info) => {
            const points = weeks.map((w) => ({
              week: formatWeek(w.from),
              value: plotted(info, plottedHeadline(info.name, w.values)),
            }));
            const present = weeks
              .map((w) => plottedHeadline(info.name, w.values))
              .filter((v): v is number => v !== null);
            const withheld = weeks.filter((w) => w.values.withheld[info.name] !== null);
            const range = present.length
              ? `lowest ${orDash(formatHeadline(info, Math.min(...present)))}, highest ${orDash(formatHeadline(info, Math.max(...present)))} ${info.unit}`
              : "no value in any week";
            const target = info.target ? plotted(info, info.target.threshold) : null;
            return (
              <figure key={info.name} className={styles.chart} data-report-chart>
                <figcaption>
                  <strong>{info.title}</strong>
                  {info.unit} by week; {range}
                </figcaption>
                <TrendChart
                  title={info.title}
                  unit={info.unit}
                  points={points}
                  target={target}
                  description={`${info.title} week by week: ${range}.`}
                />
                {withheld.length > 0 && (
                  <p className={styles.withheld}>
                    {noDataBecause(
                      withheld.at(-1)!.values.withheld[info.name]!,
                      `in ${withheld.length} of ${weeks.length} weeks (not plotted)`,
                    )}
                  </p>
                )}
              </figure>
            );
          })}
        </div>
      )}
    </section>
  );
}

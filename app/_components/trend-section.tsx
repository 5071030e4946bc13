import { isPercent } from "@/lib/metrics";
import type { Overview } from "@/lib/service/dashboard";
import { METRIC_INFO, plottedHeadline, type MetricInfo } from "@/lib/service/definitions";
import { noDataBecause } from "@/lib/withheld";
import { WithheldNote } from "./badges";
import { formatHeadline, formatWeek, orDash } from "./format";
import { TrendChart, type TrendPoint } from "./trend-chart";

/** The value of a metric as a chart plots it: the change failure rate in percent. */
function plotted(info: MetricInfo, value: number | null): number | null {
  return value === null ? null : isPercent(info.name) ? value * 100 : value;
}

function describe(info: MetricInfo, points: TrendPoint[]): string {
  const present = points.filter((p) => p.value !== null) as { week: string; value: number }[];
  if (present.length === 0) return `${info.title}: no value in any week.`;
  const low = present.reduce((a, b) => (b.value < a.value ? b : a));
  const high = present.reduce((a, b) => (b.value > a.value ? b : a));
  const f = (v: number) => `${orDash(formatHeadline(info, isPercent(info.name) ? v / 100 : v))} ${info.unit}`;
  return `${info.title} week by week, ${points.length} weeks: lowest ${f(low.value)} (week of ${low.week}), highest ${f(high.value)} (week of ${high.week}), ${present.length} weeks with a value.`;
}

/** One metric's weekly trend: the chart, a caption, and every value as a table (the chart's text alternative). */
function TrendFigure({ info, overview }: { info: MetricInfo; overview: Overview }) {
  const points = overview.weeks.map((w) => ({
    week: formatWeek(w.from),
    value: plotted(info, plottedHeadline(info.name, w.values)),
  }));
  const withheld = overview.weeks.filter((w) => w.values.withheld[info.name] !== null);
  const description = describe(info, points);
  const target = info.target ? plotted(info, info.target.threshold) : null;
  const captionId = `trend-${info.slug}`;
  return (
    <figure className="card chart-figure" aria-labelledby={captionId}>
      <figcaption id={captionId}>
        <strong>{info.title}</strong>
        {info.unit} by week{target !== null ? `; dashed line: target (${info.target!.goal})` : ""}
      </figcaption>
      <TrendChart title={info.title} unit={info.unit} points={points} target={target} description={description} />
      {withheld.length > 0 && (
        <WithheldNote
          scope={`in ${withheld.length} of ${overview.weeks.length} weeks (not plotted)`}
          reason={withheld.at(-1)!.values.withheld[info.name]}
        />
      )}
      <p className="visually-hidden">{description}</p>
      <details className="chart-data">
        <summary>
          Weekly values<span className="visually-hidden"> of {info.title}</span> as a table
        </summary>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col" className="num">
                {info.unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.weeks.map((w, i) => (
              <tr key={w.from}>
                <th scope="row">{points[i]!.week}</th>
                <td className="num">
                  {w.values.withheld[info.name] !== null
                    ? noDataBecause(w.values.withheld[info.name]!)
                    : orDash(formatHeadline(info, plottedHeadline(info.name, w.values)))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The weekly trend of every metric over the window. */
export function TrendSection({ overview }: { overview: Overview }) {
  return (
    <section className="section" aria-labelledby="trends-title">
      <div className="section-head">
        <h2 id="trends-title">Weekly trends</h2>
        <p className="muted">
          Each full week of the window computed on its own, as <code>altimeter metrics --series week</code> does.
        </p>
      </div>
      {overview.weeks.length === 0 ? (
        <p className="notice">The window holds no full week: choose at least 7 days to see trends.</p>
      ) : (
        <div className="trend-grid">
          {METRIC_INFO.map((info) => (
            <TrendFigure key={info.name} info={info} overview={overview} />
          ))}
        </div>
      )}
    </section>
  );
}

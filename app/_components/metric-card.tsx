import type { Tier } from "@/lib/metrics/types";
import { TargetStatus, TierBadge } from "./badges";

/** What one headline card shows. */
export interface MetricCardProps {
  id: string;
  title: string;
  /** The formatted value, or null when there is nothing to measure. */
  value: string | null;
  /** The unrounded value, offered on hover. */
  exact: number | null;
  unit: string;
  detail: string;
  /** undefined: the metric has no DORA tier; null: it has one but no data. */
  tier?: Tier | null;
  target?: { met: boolean | null; goal: string };
  definition: string;
}

/** One headline metric: value and unit, DORA tier, platform target, and what it means. */
export function MetricCard(props: MetricCardProps) {
  const headingId = `metric-${props.id}`;
  return (
    <article className="card metric-card" aria-labelledby={headingId}>
      <header className="metric-card-head">
        <h3 id={headingId}>{props.title}</h3>
        {props.tier !== undefined && <TierBadge tier={props.tier} />}
      </header>
      {props.value === null ? (
        <p className="metric-value metric-value-empty">
          <span className="metric-number">—</span> <span className="metric-unit">no data</span>
        </p>
      ) : (
        <p className="metric-value" data-value={props.exact ?? undefined}>
          <span className="metric-number" title={props.exact === null ? undefined : String(props.exact)}>
            {props.value}
          </span>{" "}
          <span className="metric-unit">{props.unit}</span>
        </p>
      )}
      <p className="metric-detail">{props.detail}</p>
      {props.target && <TargetStatus met={props.target.met} goal={props.target.goal} />}
      <p className="metric-definition">{props.definition}</p>
    </article>
  );
}

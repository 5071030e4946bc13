import { isPercent } from "@/lib/metrics";
import Link from "next/link";
import type { Change } from "@/lib/service/comparison";
import { headlineValue, metricTarget, metricTier, type MetricInfo } from "@/lib/service/definitions";
import { NO_DATA, type JudgedValues } from "@/lib/withheld";
import { TargetStatus, TierBadge, WithheldNote } from "./badges";
import { Definition } from "./definition";
import { Delta } from "./delta";
import { formatHeadline } from "./format";
import { countsBehind } from "@/lib/format";
import { Sparkline } from "./sparkline";

/** What one headline card shows. */
export interface MetricCardProps {
  info: MetricInfo;
  values: JudgedValues;
  change: Change;
  /** The previous period in words: "91 days". */
  period: string;
  /** The headline value of each full week of the window, oldest first. */
  weekly: (number | null)[];
  /** The drill-down page of the metric for the same filters. */
  href: string;
}

function sparklineLabel(info: MetricInfo, weekly: (number | null)[]): string {
  const present = weekly.filter((v): v is number => v !== null);
  const show = (v: number) => `${formatHeadline(info, v)}${info.unit === "%" ? "%" : ""}`;
  if (present.length === 0) return `No weekly values`;
  const last = weekly[weekly.length - 1];
  return `Week by week over ${weekly.length} weeks (${info.unit}): lowest ${show(Math.min(...present))}, highest ${show(Math.max(...present))}, last week ${last === null || last === undefined ? NO_DATA : show(last)}`;
}

/** One headline metric: value and unit, DORA tier, platform target, change, trend and what it means. */
export function MetricCard({ info, values, change, period, weekly, href }: MetricCardProps) {
  const headingId = `metric-${info.slug}`;
  const value = headlineValue(info.name, values);
  const text = formatHeadline(info, value);
  const exact = value === null ? null : isPercent(info.name) ? value * 100 : value;
  const tier = metricTier(info.name, values);
  const target = metricTarget(info.name, values);
  const withheld = values.withheld[info.name];
  return (
    <article className="card metric-card" aria-labelledby={headingId}>
      <header className="metric-card-head">
        <h3 id={headingId}>
          <Link prefetch={false} href={href}>
            {info.title}
          </Link>
        </h3>
        {tier !== undefined && <TierBadge tier={tier} withheld={withheld} />}
      </header>
      <div className="metric-body">
        {text === null ? (
          <p className="metric-value">
            <span className="metric-number">—</span> <span className="metric-unit">{NO_DATA}</span>
          </p>
        ) : (
          <p className="metric-value" data-value={exact ?? undefined}>
            <span className="metric-number" title={String(exact)}>
              {text}
            </span>
            <span className="metric-unit">{info.unit}</span>
          </p>
        )}
        <Sparkline values={weekly} label={sparklineLabel(info, weekly)} />
      </div>
      <p className="metric-detail">{countsBehind(info.name, values, "card")}</p>
      <WithheldNote reason={withheld} />
      {info.target && target !== undefined && <TargetStatus met={target} goal={info.target.goal} />}
      <Delta info={info} change={change} period={period} />
      <Definition info={info} />
      <div className="metric-links">
        <Link prefetch={false} href={href}>
          The records behind it<span className="visually-hidden"> ({info.title})</span> →
        </Link>
      </div>
    </article>
  );
}

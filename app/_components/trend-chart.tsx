"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatNumber } from "./format";

/** One week of a trend: its label and headline value (null: nothing to measure that week). */
export interface TrendPoint {
  week: string;
  value: number | null;
}

interface TrendChartProps {
  title: string;
  unit: string;
  points: TrendPoint[];
  /** The platform target in the same unit, drawn as a dashed line. */
  target: number | null;
  /** A sentence describing the chart for assistive technology (the table below has every value). */
  description: string;
}

interface WeekTooltipProps {
  active?: boolean;
  payload?: readonly { value?: unknown }[];
  label?: unknown;
  unit: string;
}

function WeekTooltip({ active, payload, label, unit }: WeekTooltipProps) {
  if (!active || !payload || payload.length === 0) return null;
  const value = payload[0]!.value;
  return (
    <div className="chart-tooltip">
      <strong>Week of {String(label)}</strong>
      <br />
      {typeof value === "number" ? `${formatNumber(value)} ${unit}` : "no data"}
    </div>
  );
}

/** A metric week by week (recharts, drawn in the browser), with its target as a dashed line. */
export function TrendChart({ title, unit, points, target, description }: TrendChartProps) {
  return (
    <div className="chart-box">
      <LineChart
        responsive
        style={{ width: "100%", height: "100%" }}
        data={points}
        margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
        title={title}
        desc={description}
      >
        <CartesianGrid vertical={false} />
        <XAxis dataKey="week" tickLine={false} minTickGap={16} />
        <YAxis width={48} tickLine={false} axisLine={false} tickFormatter={(v: number) => formatNumber(v) ?? ""} />
        <Tooltip
          content={(props) => (
            <WeekTooltip active={props.active} payload={props.payload} label={props.label} unit={unit} />
          )}
        />
        {target !== null && (
          <ReferenceLine
            y={target}
            stroke="var(--chart-target)"
            strokeDasharray="6 4"
            strokeWidth={1.5}
            ifOverflow="extendDomain"
            label={{ value: "target", position: "insideTopRight", fill: "var(--bad)", fontSize: 12 }}
          />
        )}
        <Line
          type="linear"
          dataKey="value"
          name={title}
          stroke="var(--chart-line)"
          strokeWidth={2}
          dot={{ r: 2.5, fill: "var(--chart-line)" }}
          activeDot={{ r: 4 }}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </div>
  );
}

"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

/** A bar of the distribution. */
export interface DistributionBar {
  label: string;
  count: number;
}

/** How many changes took how long (recharts, drawn in the browser); the page shows the same counts as a table. */
export function DistributionChart({ bars, description }: { bars: DistributionBar[]; description: string }) {
  return (
    <div className="chart-box">
      <BarChart
        responsive
        style={{ width: "100%", height: "100%" }}
        data={bars}
        margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
        title="Lead time distribution"
        desc={description}
      >
        <CartesianGrid vertical={false} />
        <XAxis dataKey="label" tickLine={false} interval={0} fontSize={11} />
        <YAxis width={40} tickLine={false} axisLine={false} allowDecimals={false} />
        <Tooltip
          cursor={{ fill: "var(--chart-fill)" }}
          content={({ active, payload, label }) =>
            active && payload && payload.length > 0 ? (
              <div className="chart-tooltip">
                <strong>{String(label)}</strong>
                <br />
                {String(payload[0]!.value)} changes
              </div>
            ) : null
          }
        />
        <Bar dataKey="count" name="Changes" fill="var(--chart-line)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}

"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import styles from "./maturity.module.css";

/** One recorded assessment: its date and level. */
export interface LevelHistoryPoint {
  date: string;
  level: number;
  verdict: string;
}

/** A team's level over successive assessments, as a step line (recharts, drawn in the browser). */
export function LevelHistoryChart({ points, description }: { points: LevelHistoryPoint[]; description: string }) {
  return (
    <div className={styles.chartBox}>
      <LineChart
        responsive
        style={{ width: "100%", height: "100%" }}
        data={points}
        margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
        title="Level over time"
        desc={description}
      >
        <CartesianGrid vertical={false} />
        <XAxis dataKey="date" tickLine={false} minTickGap={16} />
        <YAxis
          width={32}
          domain={[0, 4]}
          ticks={[0, 1, 2, 3, 4]}
          allowDecimals={false}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip />
        <Line
          type="stepAfter"
          dataKey="level"
          name="Level"
          stroke="var(--chart-line)"
          strokeWidth={2}
          dot={{ r: 3 }}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}

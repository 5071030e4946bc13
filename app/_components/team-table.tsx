"use client";

import { TableRegion } from "./table-region";
import Link from "next/link";
import { useState } from "react";
import type { Tier } from "@/lib/metrics/types";
import { NO_DATA } from "@/lib/withheld";
import { TierBadge } from "./badges";

/** A metric column of the team table. */
export interface TeamTableColumn {
  label: string;
  unit: string;
}

/** One team's row: its link and, per column, the value to sort by and the text to show. */
export interface TeamTableRow {
  id: string;
  name: string;
  href: string;
  /** `withheld`: why the tier is not judged (a source without data), shown as "no data". */
  cells: { value: number | null; text: string | null; tier?: Tier | null; withheld?: string | null }[];
}

type Sort = { column: number; direction: "ascending" | "descending" };

function compareRows(sort: Sort) {
  const sign = sort.direction === "ascending" ? 1 : -1;
  return (a: TeamTableRow, b: TeamTableRow): number => {
    if (sort.column < 0) return sign * a.name.localeCompare(b.name);
    const x = a.cells[sort.column]!.value,
      y = b.cells[sort.column]!.value;
    // Teams without a value sort last whichever the direction: "no data" is never best or worst.
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    return sign * (x - y) || a.name.localeCompare(b.name);
  };
}

/** The teams with their metrics and tiers; each column header sorts (again to reverse). */
export function TeamTable({
  columns,
  rows,
  caption,
}: {
  columns: TeamTableColumn[];
  rows: TeamTableRow[];
  caption: string;
}) {
  const [sort, setSort] = useState<Sort>({ column: -1, direction: "ascending" });
  const sorted = [...rows].sort(compareRows(sort));
  const header = (column: number, label: string, unit: string | null) => {
    const active = sort.column === column;
    const next: Sort = { column, direction: active && sort.direction === "ascending" ? "descending" : "ascending" };
    return (
      <th
        key={column}
        scope="col"
        aria-sort={active ? sort.direction : "none"}
        className={column < 0 ? undefined : "num"}
      >
        <button type="button" className="sort-button" onClick={() => setSort(next)}>
          {label}
          {unit && <span className="visually-hidden"> ({unit})</span>}
          <span className="sort-indicator" aria-hidden="true">
            {active ? (sort.direction === "ascending" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  };
  return (
    <TableRegion label={caption}>
      <table className="data-table">
        <caption>{caption} Tiers are the DORA 2023 benchmarks. Select a column heading to sort.</caption>
        <thead>
          <tr>
            {header(-1, "Team", null)}
            {columns.map((c, i) => header(i, c.label, c.unit))}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link prefetch={false} href={row.href}>
                  {row.name}
                </Link>
              </th>
              {row.cells.map((cell, i) => (
                <td key={columns[i]!.label} className="num">
                  <span className="cell-metric">
                    <span>
                      {cell.text === null ? (
                        <span className="muted">{NO_DATA}</span>
                      ) : (
                        `${cell.text} ${columns[i]!.unit}`
                      )}
                    </span>
                    {cell.tier !== undefined && cell.text !== null && (
                      <TierBadge tier={cell.tier} compact withheld={cell.withheld} />
                    )}
                  </span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

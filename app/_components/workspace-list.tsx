"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import type { Tier } from "@/lib/metrics/types";
import { NO_DATA } from "@/lib/withheld";
import { TierBadge } from "./badges";

/** A headline number of a workspace on the list. */
export interface WorkspaceStat {
  label: string;
  text: string | null;
  unit: string;
  tier: Tier | null;
  /** Why the tier is not judged (a source without data). */
  withheld: string | null;
}

/** A workspace on the list page. */
export interface WorkspaceRow {
  slug: string;
  name: string;
  href: string;
  hasData: boolean;
  stats: WorkspaceStat[];
}

/** Lower case without accents, so "zurich" finds "Zürich". */
function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

/**
 * The workspaces with a quick filter on name and slug, kept in the URL (?q=)
 * so a filtered list is a link too. Enter opens the first match.
 */
export function WorkspaceList({ rows, initialQuery }: { rows: WorkspaceRow[]; initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const router = useRouter();
  const statusId = useId();
  const needle = fold(query.trim());
  const shown =
    needle === "" ? rows : rows.filter((r) => fold(r.name).includes(needle) || fold(r.slug).includes(needle));

  const update = (value: string) => {
    setQuery(value);
    const url = new URL(window.location.href);
    if (value.trim()) url.searchParams.set("q", value.trim());
    else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
  };

  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a form with role="search" is what every screen reader announces; <search> is too new */}
      <form
        className="quick-filter"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (shown[0]) router.push(shown[0].href);
        }}
      >
        <label className="field">
          Find a workspace
          <input
            type="search"
            name="q"
            value={query}
            onChange={(event) => update(event.target.value)}
            placeholder="Name or slug"
            autoComplete="off"
            aria-describedby={statusId}
          />
        </label>
        <p id={statusId} className="muted" aria-live="polite">
          {shown.length === rows.length
            ? `${rows.length} workspaces`
            : `${shown.length} of ${rows.length} workspaces match`}
          {shown.length > 0 && needle !== "" ? " · Enter opens the first" : ""}
        </p>
      </form>
      {shown.length === 0 ? (
        <p className="notice">
          No workspace matches “{query}”.{" "}
          <button className="button button-quiet" type="button" onClick={() => update("")}>
            Show all
          </button>
        </p>
      ) : (
        <ul className="workspace-list" aria-label="Workspaces">
          {shown.map((row) => (
            <li key={row.slug} className="card workspace-row">
              <div>
                <h2>
                  <Link prefetch={false} href={row.href}>
                    {row.name}
                  </Link>
                </h2>
                <span className="slug">{row.slug}</span>
              </div>
              {row.hasData ? (
                row.stats.map((stat) => (
                  <div key={stat.label} className="stat">
                    <span className="stat-label">{stat.label}</span>
                    <span className="stat-value">
                      {stat.text ?? "—"} <span className="stat-unit">{stat.text === null ? NO_DATA : stat.unit}</span>
                    </span>
                    {stat.text !== null && <TierBadge tier={stat.tier} withheld={stat.withheld} />}
                  </div>
                ))
              ) : (
                <p className="muted">No data yet: import or collect some to see its numbers.</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

import Form from "next/form";
import Link from "next/link";
import type { ReactNode } from "react";
import { PRESETS, windowEndingToday } from "@/app/w/[workspace]/search-params";
import { describeWindow } from "./format";
import { TeamSelect, type TeamOption } from "./team-select";

interface FilterBarProps {
  /** Where the form submits: the page itself. */
  action: string;
  /** The window and team as typed (they may not parse: the page then shows why). */
  filters: { from: string; to: string; team: string | null };
  /** The preset the window equals, if any. */
  preset: string | null;
  now: number;
  /** The link of a window with the page's other filters kept. */
  hrefFor: (window: { from: string; to: string }) => string;
  teams: TeamOption[];
  /** Where choosing each team goes, when that is another page (the overview's team pages). */
  teamHrefs?: Record<string, string>;
  /** Whether the team is a path segment here (a team's page): the form then does not submit it. */
  teamInPath?: boolean;
  /** The page's own filters (search, status…), inside the same form. */
  children?: ReactNode;
  /** Whether the window parsed, so its summary can be shown. */
  valid: boolean;
}

/**
 * The filters of a workspace page, all in the URL: a preset window (links),
 * a custom window and the team (a GET form, so it works without script and
 * every view is a shareable link), and the page's own filters.
 */
export function FilterBar(props: FilterBarProps) {
  const { filters } = props;
  return (
    <section className="filters" aria-label="Filters">
      <div className="presets">
        <span className="presets-label" id="presets-label">
          Period
        </span>
        <ul className="segmented" aria-labelledby="presets-label">
          {PRESETS.map((p) => {
            const w = windowEndingToday(props.now, p.days);
            return (
              <li key={p.key}>
                <Link
                  prefetch={false}
                  href={props.hrefFor(w)}
                  aria-current={props.preset === p.key ? "page" : undefined}
                >
                  Last {p.label}
                </Link>
              </li>
            );
          })}
          <li>
            <a href="#filter-from" aria-current={props.preset === null ? "page" : undefined}>
              Custom
            </a>
          </li>
        </ul>
      </div>
      <Form action={props.action} className="filter-form">
        <label className="field">
          From
          <input id="filter-from" type="date" name="from" defaultValue={filters.from} required />
        </label>
        <label className="field">
          To (not included)
          <input type="date" name="to" defaultValue={filters.to} required />
        </label>
        <TeamSelect teams={props.teams} value={filters.team} hrefs={props.teamHrefs} submitted={!props.teamInPath} />
        {props.children}
        <button className="button" type="submit">
          Apply
        </button>
      </Form>
      {props.valid && <p className="window-summary">Showing {describeWindow(filters.from, filters.to)}, in UTC.</p>}
    </section>
  );
}

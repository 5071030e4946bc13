import type { TeamMetrics } from "@/lib/service/dashboard";
import { headlineValue, METRIC_INFO, metricTier } from "@/lib/service/definitions";
import { WithheldNote } from "./badges";
import { formatHeadline } from "./format";
import { TeamTable, type TeamTableRow } from "./team-table";

/** The overview's table of teams: each team's metrics and tiers, sortable. */
export function TeamSection({ teams, hrefFor }: { teams: TeamMetrics[]; hrefFor: (teamId: string) => string }) {
  const columns = METRIC_INFO.map((info) => ({ label: info.shortTitle, unit: info.shortUnit }));
  const rows: TeamTableRow[] = teams.map((t) => ({
    id: t.id,
    name: t.name,
    href: hrefFor(t.id),
    cells: METRIC_INFO.map((info) => {
      const value = headlineValue(info.name, t.values);
      return {
        value,
        text: formatHeadline(info, value),
        tier: metricTier(info.name, t.values),
        withheld: t.values.withheld[info.name],
      };
    }),
  }));
  return (
    <section className="section" aria-labelledby="teams-title">
      <div className="section-head">
        <h2 id="teams-title">Teams</h2>
        <p className="muted">Each team counts its own repositories, incidents and people for the same window.</p>
      </div>
      {teams.length === 0 ? (
        <p className="card empty-inline">
          This workspace has no teams. Import <code>team</code> records and set <code>teamId</code> on repositories and
          people to compare teams.
        </p>
      ) : (
        <>
          <TeamTable
            columns={columns}
            rows={rows}
            caption={`${teams.length} teams, their headline metrics and DORA 2023 tiers.`}
          />
          {/* Coverage is workspace-wide, so every team shares the reasons of the first. */}
          {METRIC_INFO.map((info) => (
            <WithheldNote
              key={info.name}
              scope={`for ${info.shortTitle.toLowerCase()}`}
              reason={teams[0]!.values.withheld[info.name]}
            />
          ))}
        </>
      )}
    </section>
  );
}

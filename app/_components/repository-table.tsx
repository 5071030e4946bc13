import Link from "next/link";
import type { RepositoryWithActivity } from "@/lib/service/repository-list";
import { formatDay, formatNumber } from "./format";
import { TableRegion } from "./table-region";

/** Repositories with what the metrics counted of each in the window. */
export function RepositoryTable({
  repositories,
  caption,
  teamHref,
  teamNames,
}: {
  repositories: RepositoryWithActivity[];
  caption: string;
  /** The team column links here; left out when every row is one team's. */
  teamHref?: (teamId: string) => string;
  teamNames?: Map<string, string>;
}) {
  return (
    <TableRegion label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Repository</th>
            {teamHref && <th scope="col">Team</th>}
            <th scope="col">Created</th>
            <th scope="col" className="num">
              Production deploys
            </th>
            <th scope="col" className="num">
              Changes shipped
            </th>
            <th scope="col" className="num">
              Failed deploys
            </th>
            <th scope="col" className="num">
              Incidents
            </th>
            <th scope="col">New in window</th>
          </tr>
        </thead>
        <tbody>
          {repositories.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.url ? <a href={r.url}>{r.name}</a> : r.name}
                {r.isTemplate && (
                  <>
                    {" "}
                    <span className="tag">template</span>
                  </>
                )}
                {r.id !== r.name && <div className="slug">{r.id}</div>}
              </th>
              {teamHref && (
                <td>
                  {r.teamId ? (
                    <Link prefetch={false} href={teamHref(r.teamId)}>
                      {teamNames?.get(r.teamId) ?? r.teamId}
                    </Link>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
              )}
              <td className="time">{formatDay(r.createdAt)}</td>
              <td className="num">{r.deployments}</td>
              <td className="num">{r.changes}</td>
              <td className="num">{r.failedDeployments}</td>
              <td className="num">{r.incidents}</td>
              <td>
                {r.newRepository === null ? (
                  <span className="muted">—</span>
                ) : r.newRepository.hoursToFirstDeploy === null ? (
                  <span className="tag tag-newcomer">new · not deployed yet</span>
                ) : (
                  <span className="tag tag-newcomer">
                    new · first deploy after {formatNumber(r.newRepository.hoursToFirstDeploy)} h
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

import Link from "next/link";
import type { IncidentWithAttribution } from "@/lib/service/incident-list";
import { formatNumber, formatTime } from "./format";
import { TableRegion } from "./table-region";

const RULE = {
  deploymentId: "names it",
  causeSha: "cause commit",
  repository: "repository's latest deploy",
  team: "team's latest deploy",
} as const;

/** Incidents with their restore time and the deployment the change failure rate blames (and by which rule). */
export function IncidentTable({
  incidents,
  caption,
  teamHref,
  teamNames,
}: {
  incidents: IncidentWithAttribution[];
  caption: string;
  teamHref: (id: string) => string;
  teamNames: Map<string, string>;
}) {
  return (
    <TableRegion label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Severity</th>
            <th scope="col">Opened (UTC)</th>
            <th scope="col">Resolved (UTC)</th>
            <th scope="col" className="num">
              Restore (h)
            </th>
            <th scope="col">Repository</th>
            <th scope="col">Team</th>
            <th scope="col">Fails deployment</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                {i.url ? <a href={i.url}>{i.id}</a> : i.id}
                {i.title && <div className="row-note">{i.title}</div>}
                {i.source && <div className="slug">{i.source}</div>}
              </th>
              <td>{i.severity ?? <span className="muted">—</span>}</td>
              <td className="time">{formatTime(i.openedAt)}</td>
              <td className="time">
                {i.resolvedAt === null ? <span className="tag">open</span> : formatTime(i.resolvedAt)}
              </td>
              <td className="num">{i.restoreHours === null ? "—" : formatNumber(i.restoreHours)}</td>
              <td>
                {i.repositoryId === null ? <span className="muted">—</span> : (i.repositoryName ?? i.repositoryId)}
              </td>
              <td>
                {i.scopeTeamId ? (
                  <Link prefetch={false} href={teamHref(i.scopeTeamId)}>
                    {teamNames.get(i.scopeTeamId) ?? i.scopeTeamId}
                  </Link>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {i.attributedTo ? (
                  <>
                    {i.attributedTo.deploymentId} <span className="muted">({RULE[i.attributedTo.rule]})</span>
                  </>
                ) : (
                  <span className="muted">unattributed</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

import type { TeamMember } from "@/lib/service/team-details";
import { formatDay, formatNumber } from "./format";
import { TableRegion } from "./table-region";

const START_SOURCE = {
  joinedAt: "joined",
  firstCommit: "first commit",
  firstPullRequest: "first pull request",
} as const;

/** A team's people; the window's newcomers are marked in words and highlighted, with their first merged pull request. */
export function PeopleTable({ people, caption }: { people: TeamMember[]; caption: string }) {
  // Newcomers first: they are who the onboarding metric is about.
  const sorted = [...people].sort(
    (a, b) => Number(b.newcomer !== null) - Number(a.newcomer !== null) || a.id.localeCompare(b.id),
  );
  return (
    <TableRegion label={caption}>
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Started</th>
            <th scope="col">Newcomer</th>
            <th scope="col">First merged pull request</th>
            <th scope="col" className="num">
              Onboarding (days)
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((p) => (
            <tr key={p.id} className={p.newcomer ? "row-newcomer" : undefined}>
              <th scope="row">
                {p.name ?? p.id}
                {p.name && <div className="slug">{p.id}</div>}
                {p.aliases.length > 0 && (
                  <div className="slug" title={p.aliases.map((a) => `${a.id}: ${a.reason}`).join("\n")}>
                    also {p.aliases.map((a) => a.id).join(", ")}
                  </div>
                )}
                {p.isBot && <span className="tag">bot</span>}
              </th>
              <td className="time">
                {p.start ? (
                  `${formatDay(p.start.at)} (${START_SOURCE[p.start.source]})`
                ) : (
                  <span className="muted">no activity</span>
                )}
              </td>
              <td>
                {p.newcomer ? <span className="tag tag-newcomer">Newcomer</span> : <span className="muted">—</span>}
              </td>
              <td>
                {p.newcomer?.firstMerged ? (
                  p.newcomer.firstMerged.url ? (
                    <a href={p.newcomer.firstMerged.url}>
                      {p.newcomer.firstMerged.repositoryId}#{p.newcomer.firstMerged.number}
                    </a>
                  ) : (
                    `${p.newcomer.firstMerged.repositoryId}#${p.newcomer.firstMerged.number}`
                  )
                ) : p.newcomer ? (
                  <span className="muted">none merged yet</span>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="num">
                {p.newcomer?.onboardingDays != null ? formatNumber(p.newcomer.onboardingDays) : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

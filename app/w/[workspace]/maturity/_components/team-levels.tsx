import Link from "next/link";
import { LEVELS } from "@/lib/maturity/rubric";
import type { OrganisationAssessment, TeamAssessment } from "@/lib/maturity/types";
import { levelName, teamMaturityPath, VERDICT_LABEL } from "./labels";
import { LevelBadge } from "./level-badge";
import styles from "./maturity.module.css";

/** How many teams stand at each level, as bars with their counts. */
export function LevelDistribution({ distribution }: { distribution: OrganisationAssessment["distribution"] }) {
  const total = Object.values(distribution).reduce((a, b) => a + b, 0);
  return (
    <ul className={styles.bars}>
      {([4, 3, 2, 1, 0] as const).map((level) => {
        const n = distribution[`${level}`];
        return (
          <li key={level} className={styles.bar}>
            <span>{levelName(level)}</span>
            <span className={styles.barTrack} aria-hidden="true">
              <span
                className={styles.barFill}
                style={{ display: "block", width: `${total ? (n / total) * 100 : 0}%` }}
              />
            </span>
            <span>
              {n}
              <span className="visually-hidden"> {n === 1 ? "team" : "teams"}</span>
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function reached(t: TeamAssessment, level: number): string {
  if (t.level < level) return "—";
  return t.provisional && t.openQuestions.some((q) => (t.checks.find((c) => c.id === q.check)?.level ?? 5) <= level)
    ? "◐ provisional"
    : "✓ reached";
}

/** Teams × levels: which level each team reached, its verdict, and what blocks the next one. */
export function TeamLevels({ slug, teams }: { slug: string; teams: readonly TeamAssessment[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Teams by maturity level</caption>
        <thead>
          <tr>
            <th scope="col">Team</th>
            <th scope="col">Level</th>
            {LEVELS.map((l) => (
              <th key={l.level} scope="col" title={l.name}>
                {l.level}
              </th>
            ))}
            <th scope="col">Verdict</th>
            <th scope="col">Next level blocked by</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.team}>
              <th scope="row">
                <Link prefetch={false} href={teamMaturityPath(slug, t.team)}>
                  {t.name}
                </Link>
              </th>
              <td>
                <LevelBadge level={t.level} provisional={t.provisional} />
              </td>
              {LEVELS.map((l) => (
                <td key={l.level}>{reached(t, l.level)}</td>
              ))}
              <td>{VERDICT_LABEL[t.verdict]}</td>
              <td>{t.progress.blocking.length ? t.progress.blocking.join(", ") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

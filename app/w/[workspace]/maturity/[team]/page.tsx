import type { Metadata } from "next";
import Link from "next/link";
import { requestDb } from "@/app/_lib/db";
import { teamOr404, workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { ValidationError } from "@/lib/errors";
import { LEVELS } from "@/lib/maturity/rubric";
import { assessMaturity, getLevelHistory } from "@/lib/service/maturity";
import { CheckList } from "../_components/check-list";
import { levelName, maturityPath, questionnairePath, VERDICT_LABEL } from "../_components/labels";
import { LevelBadge } from "../_components/level-badge";
import { LevelHistoryChart } from "../_components/level-history";
import styles from "../_components/maturity.module.css";
import { VerdictPanel } from "../_components/verdict-panel";

interface TeamMaturityProps {
  params: Promise<{ workspace: string; team: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: TeamMaturityProps): Promise<Metadata> {
  const p = await params;
  return { title: `Maturity of ${segment(p.team)} · ${segment(p.workspace)}` };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** One team's maturity: level, progress to the next, every check with evidence or fix, next steps, level over time. */
export default async function TeamMaturityPage({ params, searchParams }: TeamMaturityProps) {
  const p = await params;
  const slug = segment(p.workspace),
    teamId = segment(p.team);
  const saved = (await searchParams).saved !== undefined;
  const db = await requestDb();
  const workspace = await workspaceOr404(db, slug);
  const { team } = await teamOr404(db, workspace, teamId);
  let report: Awaited<ReturnType<typeof assessMaturity>>;
  try {
    report = await assessMaturity(db, { workspace: workspace.slug, team: team.id });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return (
      <section className="notice" aria-labelledby="no-repos">
        <h1 id="no-repos">{team.name}</h1>
        <p>{error.message}.</p>
        <p>
          <Link prefetch={false} href={maturityPath(workspace.slug)}>
            Back to the organisation&apos;s maturity
          </Link>
        </p>
      </section>
    );
  }
  const t = report.teams[0]!;
  const history = await getLevelHistory(db, workspace.slug, team.id);
  const points = history.map((h) => ({ date: day(h.assessedAt), level: h.level, verdict: h.verdict }));
  const next = t.progress.nextLevel;

  return (
    <>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link prefetch={false} href={maturityPath(workspace.slug)}>
              Maturity
            </Link>{" "}
            / {team.name}
          </p>
          <h1>{team.name}: platform maturity</h1>
          <p className="subtitle">
            Metrics of {report.window.from} up to {report.window.to} (UTC) · {t.contributors} contributors ·{" "}
            <Link prefetch={false} href={questionnairePath(workspace.slug, team.id)}>
              Answer this team&apos;s questions
            </Link>
          </p>
        </div>
      </div>
      {saved && (
        <p className="notice notice-info" role="status">
          Answers saved; this assessment includes them.
        </p>
      )}

      <section className="section" aria-labelledby="level-title">
        <h2 id="level-title">Level</h2>
        <div className={styles.headline}>
          <LevelBadge level={t.level} provisional={t.provisional} />
          <span>
            Verdict: <strong>{VERDICT_LABEL[t.verdict]}</strong>
          </span>
        </div>
        {t.provisional && (
          <p>
            Reached on data;{" "}
            {t.openQuestions.filter((q) => t.checks.find((c) => c.id === q.check)!.level <= t.level).length} questions
            would confirm it.
          </p>
        )}
        {t.openQuestions.length > 0 && (
          <>
            <h3>Open questions</h3>
            <ul className={styles.plain}>
              {t.openQuestions.map((q) => (
                <li key={q.question}>{q.text}</li>
              ))}
            </ul>
          </>
        )}
        <h3>Progress to {next ? levelName(next) : "the top"}</h3>
        {next ? (
          <>
            <p>
              <progress
                className={styles.progress}
                max={t.progress.total}
                value={t.progress.passed}
                aria-label={`Checks of level ${next} passing`}
              />{" "}
              {t.progress.passed} of {t.progress.total} checks of level {next} ({LEVELS[next - 1]!.name}) pass.
            </p>
            {t.progress.blocking.length > 0 && (
              <p>Blocked by: {t.progress.blocking.map((id) => t.checks.find((c) => c.id === id)!.title).join(", ")}.</p>
            )}
          </>
        ) : (
          <p>Level 4 is the top of the spectrum.</p>
        )}
      </section>

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">Level over time</h2>
        {points.length === 0 ? (
          <p className="muted">
            No recorded assessments yet: saving the questionnaire or running <code>altimeter assess --record</code>{" "}
            records one.
          </p>
        ) : (
          <figure className="card chart-figure">
            <LevelHistoryChart
              points={points}
              description={`${team.name}'s level over ${points.length} recorded assessments, from ${points[0]!.date} to ${points.at(-1)!.date}.`}
            />
            <details className="chart-data">
              <summary>Recorded assessments as a table</summary>
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Assessed</th>
                    <th scope="col">Level</th>
                    <th scope="col">Verdict</th>
                  </tr>
                </thead>
                <tbody>
                  {history.map((h) => (
                    <tr key={h.assessedAt}>
                      <th scope="row">{new Date(h.assessedAt).toISOString().replace("T", " ").slice(0, 16)} UTC</th>
                      <td>
                        {h.level}
                        {h.provisional ? " (provisional)" : ""}
                      </td>
                      <td>{h.verdict}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
        )}
      </section>

      <section className="section" aria-labelledby="verdict-section">
        <h2 id="verdict-section" className="visually-hidden">
          Recommendation
        </h2>
        <VerdictPanel recommendation={t} idPrefix="team" />
      </section>

      <section className="section" aria-labelledby="checks-title">
        <h2 id="checks-title">Checks</h2>
        <CheckList checks={t.checks} />
      </section>
    </>
  );
}

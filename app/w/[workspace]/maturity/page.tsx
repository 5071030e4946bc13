import type { Metadata } from "next";
import Link from "next/link";
import { requestDb } from "@/app/_lib/db";
import { workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { assessMaturity } from "@/lib/service/maturity";
import { CheckHeatmap } from "./_components/check-heatmap";
import { maturityPath, questionnairePath } from "./_components/labels";
import { LevelBadge } from "./_components/level-badge";
import styles from "./_components/maturity.module.css";
import { LevelDistribution, TeamLevels } from "./_components/team-levels";
import { VerdictPanel } from "./_components/verdict-panel";

interface MaturityPageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: MaturityPageProps): Promise<Metadata> {
  return { title: `Maturity · ${segment((await params).workspace)}` };
}

/** The organisation's maturity: its level and verdict, teams × levels, the distribution and the check heatmap. */
export default async function MaturityPage({ params, searchParams }: MaturityPageProps) {
  const slug = segment((await params).workspace);
  const saved = (await searchParams).saved !== undefined;
  const db = await requestDb();
  const workspace = await workspaceOr404(db, slug);
  const report = await assessMaturity(db, { workspace: workspace.slug });
  const o = report.organisation;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Platform maturity</h1>
          <p className="subtitle">
            {workspace.name}: rubric version {report.rubricVersion}, metrics of {report.window.from} up to{" "}
            {report.window.to} (UTC, end excluded).{" "}
            <Link prefetch={false} href={maturityPath(workspace.slug, "/rubric")}>
              How levels are awarded
            </Link>{" "}
            ·{" "}
            <Link prefetch={false} href={questionnairePath(workspace.slug, null)}>
              Questionnaire
            </Link>
          </p>
        </div>
      </div>
      {saved && (
        <p className="notice notice-info" role="status">
          Answers saved; the assessment below includes them.
        </p>
      )}

      <section className="section" aria-labelledby="organisation-title">
        <h2 id="organisation-title">Organisation</h2>
        <div className={styles.headline}>
          <LevelBadge level={o.level} provisional={o.provisional} />
          <span>
            {o.contributors} contributors in the window · the level of the typical team
            {o.checks ? " (no teams own repositories: the workspace is one scope)" : ""}
          </span>
        </div>
        <VerdictPanel recommendation={o} idPrefix="organisation" />
      </section>

      {report.teams.length > 0 ? (
        <>
          <section className="section" aria-labelledby="distribution-title">
            <h2 id="distribution-title">Teams by level</h2>
            <div className="card">
              <LevelDistribution distribution={o.distribution} />
            </div>
          </section>
          <section className="section" aria-labelledby="teams-title">
            <h2 id="teams-title">Teams × levels</h2>
            <TeamLevels slug={workspace.slug} teams={report.teams} />
          </section>
          <section className="section" aria-labelledby="heatmap-title">
            <h2 id="heatmap-title">Checks</h2>
            <p className="muted">
              ✓ pass · ✗ fail · ? unknown (no data yet, or an unanswered question). Hover a column for the check&apos;s
              name.
            </p>
            <CheckHeatmap teams={report.teams} />
          </section>
        </>
      ) : (
        <p className="notice notice-info">
          No team owns a repository yet, so there is nothing to place on the spectrum per team. Repositories name their
          team with <code>teamId</code> (lib/events/FORMAT.md).
        </p>
      )}
    </>
  );
}

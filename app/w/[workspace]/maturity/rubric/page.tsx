import type { Metadata } from "next";
import Link from "next/link";
import { requestDb } from "@/app/_lib/db";
import { workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import { ECOSYSTEM } from "@/lib/maturity/ecosystem";
import { QUESTIONS } from "@/lib/maturity/questionnaire";
import { CHECKS, LEVELS, RUBRIC_VERSION, type CheckSource } from "@/lib/maturity/rubric";
import { maturityPath } from "../_components/labels";
import styles from "../_components/maturity.module.css";

export async function generateMetadata({ params }: { params: Promise<{ workspace: string }> }): Promise<Metadata> {
  return { title: `Maturity rubric · ${segment((await params).workspace)}` };
}

function source(s: CheckSource): string {
  if (s.kind === "signal")
    return `repository files: ${s.signals.join(", ")}${s.coverage === "most" ? " (in at least half of the repositories)" : ""}`;
  if (s.kind === "answer") return `questionnaire: “${QUESTIONS.find((q) => q.id === s.question)!.text}”`;
  return "metrics over the window";
}

/** The rubric, rendered from its data: levels, checks, how they are awarded, and the recommendation in short. */
export default async function RubricPage({ params }: { params: Promise<{ workspace: string }> }) {
  const workspace = await workspaceOr404(await requestDb(), segment((await params).workspace));
  return (
    <>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link prefetch={false} href={maturityPath(workspace.slug)}>
              Maturity
            </Link>{" "}
            / Rubric
          </p>
          <h1>Maturity rubric, version {RUBRIC_VERSION}</h1>
          <p className="subtitle">
            The full text, with the signals each check reads and the recommendation&apos;s rules, is{" "}
            <code>lib/maturity/RUBRIC.md</code>.
          </p>
        </div>
      </div>
      <section className="section card" aria-labelledby="awarding">
        <h2 id="awarding">How a level is awarded</h2>
        <ul className={styles.plain}>
          <li>
            A level is reached when every check of it <em>and of all lower levels</em> passes. Level 0 means not even
            level 1 is met.
          </li>
          <li>
            A check is pass, fail or unknown. Unknown means no data (no repository files, no metric value, an unanswered
            question) and never counts as a pass.
          </li>
          <li>
            Every level can be reached from repository files and metrics alone. Questionnaire checks do not block while
            unanswered: the level is then <strong>provisional</strong> and the open questions are listed. A failing
            check always blocks.
          </li>
          <li>
            The organisation&apos;s level is the level of its typical team (the lower median); the distribution shows
            the spread.
          </li>
        </ul>
      </section>
      {LEVELS.map((l) => (
        <section key={l.level} className="section" aria-labelledby={`level-${l.level}`}>
          <h2 id={`level-${l.level}`}>
            Level {l.level}: {l.name}
          </h2>
          <p>{l.summary}</p>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Check</th>
                  <th scope="col">Aspect</th>
                  <th scope="col">Decided by</th>
                  <th scope="col">Passes when</th>
                  <th scope="col">Fix</th>
                </tr>
              </thead>
              <tbody>
                {CHECKS.filter((c) => c.level === l.level).map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      {c.title}
                      <br />
                      <code>{c.id}</code>
                    </th>
                    <td>{c.aspect}</td>
                    <td>{source(c.source)}</td>
                    <td>{c.passes}</td>
                    <td>{c.fix}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <section className="section card" aria-labelledby="recommendation">
        <h2 id="recommendation">The recommendation</h2>
        <ul className={styles.plain}>
          <li>
            <strong>Evolve the custom platform</strong> when one exists: a portal or catalog together with GitOps or
            infrastructure as code.
          </li>
          <li>
            <strong>Build a custom platform</strong> for requirements no managed provider meets (GPUs, custom
            networking, compliance), or when size and pains (50+ developers, onboarding in weeks, misconfiguration
            failures, tool divergence, Kubernetes sprawl) clearly outweigh what a managed platform saves.
          </li>
          <li>
            <strong>Use a managed platform</strong> when the organisation is small and simple and nothing requires more;{" "}
            <strong>managed now, revisit later</strong> otherwise, with the trigger named (data residency or cost
            constraints, the next size threshold, the pains to watch).
          </li>
          <li>
            The managed platform follows the workload: Next.js front ends on Vercel, containerised services with
            databases on Railway, latency-sensitive global services on Fly.io.
          </li>
          <li>
            Next steps name an ecosystem category and candidate tools:{" "}
            {Object.entries(ECOSYSTEM)
              .map(([k, v]) => `${k}: ${v.join(", ")}`)
              .join("; ")}
            .
          </li>
        </ul>
      </section>
    </>
  );
}

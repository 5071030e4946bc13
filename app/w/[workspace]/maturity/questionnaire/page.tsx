import type { Metadata } from "next";
import Link from "next/link";
import { requestDb } from "@/app/_lib/db";
import { teamOr404, workspaceOr404 } from "@/app/_lib/lookups";
import { segment } from "@/app/_lib/params";
import {
  describeAnswer,
  findQuestion,
  type AnswerValue,
  type Answers,
  type QuestionId,
} from "@/lib/maturity/questionnaire";
import { getQuestionnaire } from "@/lib/service/maturity";
import { maturityPath, questionnairePath, teamMaturityPath } from "../_components/labels";
import styles from "../_components/maturity.module.css";
import { QuestionnaireForm } from "./questionnaire-form";

interface QuestionnairePageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: QuestionnairePageProps): Promise<Metadata> {
  return { title: `Questionnaire · ${segment((await params).workspace)}` };
}

/** Stored answers as form values: "yes"/"no" for booleans, text for the rest. */
function formValues(answers: Answers): Record<string, string> {
  return Object.fromEntries(
    Object.entries(answers).map(([id, v]) => [id, typeof v === "boolean" ? (v ? "yes" : "no") : String(v)]),
  );
}

function readable(answers: Answers): Record<string, string> {
  return Object.fromEntries(
    Object.entries(answers).map(([id, v]) => [id, describeAnswer(id as QuestionId, v as AnswerValue)]),
  );
}

const stamp = (ms: number) => `${new Date(ms).toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** The questionnaire a consultant fills in during an interview, for the organisation or one team, with its history. */
export default async function QuestionnairePage({ params, searchParams }: QuestionnairePageProps) {
  const slug = segment((await params).workspace);
  const teamParam = (await searchParams).team;
  const teamId = (Array.isArray(teamParam) ? teamParam[0] : teamParam) || null;
  const db = await requestDb();
  const workspace = await workspaceOr404(db, slug);
  if (teamId !== null) await teamOr404(db, workspace, teamId);
  const view = await getQuestionnaire(db, workspace.slug, teamId);
  const scopeName = view.team ? `team ${view.team.name}` : "the organisation";

  return (
    <>
      <div className="page-head">
        <div>
          <p className="breadcrumb">
            <Link prefetch={false} href={maturityPath(workspace.slug)}>
              Maturity
            </Link>{" "}
            / Questionnaire
          </p>
          <h1>Questionnaire for {scopeName}</h1>
          <p className="subtitle">
            What the repositories cannot show. A team&apos;s answers override the organisation&apos;s; leave a question
            unanswered when unsure.
            {view.team && (
              <>
                {" "}
                <Link prefetch={false} href={teamMaturityPath(workspace.slug, view.team.id)}>
                  See {view.team.name}&apos;s maturity
                </Link>
                .
              </>
            )}
          </p>
        </div>
      </div>
      <nav aria-label="Whose answers">
        <ul className={styles.scopes}>
          <li>
            <Link
              prefetch={false}
              href={questionnairePath(workspace.slug, null)}
              aria-current={view.team ? undefined : "page"}
            >
              Organisation
            </Link>
          </li>
          {view.teams.map((t) => (
            <li key={t.id}>
              <Link
                prefetch={false}
                href={questionnairePath(workspace.slug, t.id)}
                aria-current={view.team?.id === t.id ? "page" : undefined}
              >
                {t.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view.current && (
        <p className="muted">
          Current answers by {view.current.author}, {stamp(view.current.answeredAt)}.
        </p>
      )}
      <QuestionnaireForm
        workspace={workspace.slug}
        team={view.team?.id ?? null}
        groups={view.groups}
        questions={view.questions}
        current={formValues(view.current?.answers ?? {})}
        inherited={readable(view.inherited)}
        author={view.current?.author ?? ""}
      />
      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {view.history.length === 0 ? (
          <p className="muted">No answers saved for {scopeName} yet.</p>
        ) : (
          <ul className={styles.plain}>
            {view.history.map((h) => (
              <li key={h.id}>
                <details>
                  <summary>
                    {stamp(h.answeredAt)} by {h.author}: {Object.keys(h.answers).length} answers
                  </summary>
                  <ul className={styles.evidence}>
                    {Object.entries(readable(h.answers)).map(([id, text]) => (
                      <li key={id}>
                        {findQuestion(id)?.text}: {text}
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

import type { Db } from "@/db/client";
import type { AssessmentSnapshot, QuestionnaireAnswers } from "@/db/schema";
import type { Param, Row } from "@/db/store";

export type { AssessmentSnapshot, QuestionnaireAnswers };

/** `team_id` of one scope (null: the organisation), as SQL and its parameters. */
const scopeOf = (teamId: string | null): [string, Param[]] =>
  teamId === null ? ["team_id IS NULL", []] : ["team_id = ?", [teamId]];

const json = (v: unknown): Record<string, unknown> =>
  (typeof v === "string" ? JSON.parse(v) : v) as Record<string, unknown>;

const ANSWER_COLUMNS = "id, workspace_id, team_id, answered_at, author, answers, rubric_version";

const toAnswers = (r: Row): QuestionnaireAnswers => ({
  id: Number(r.id),
  workspaceId: Number(r.workspace_id),
  teamId: (r.team_id as string | null) ?? null,
  answeredAt: Number(r.answered_at),
  author: r.author as string,
  answers: json(r.answers),
  rubricVersion: r.rubric_version as string,
});

/** The answers in force for every scope of a workspace: the latest save (by date, then by order of saving) per scope. */
export async function listLatestAnswers(db: Db, workspaceId: number): Promise<QuestionnaireAnswers[]> {
  const rows = await db.rows(
    `SELECT ${ANSWER_COLUMNS} FROM questionnaire_answers WHERE workspace_id = ? ORDER BY answered_at, id`,
    [workspaceId],
  );
  const latest = new Map<string | null, QuestionnaireAnswers>();
  for (const row of rows.map(toAnswers)) latest.set(row.teamId, row);
  return [...latest.values()];
}

/** Every save of one scope's answers (null: the organisation), newest first. */
export async function listAnswerHistory(
  db: Db,
  workspaceId: number,
  teamId: string | null,
): Promise<QuestionnaireAnswers[]> {
  const [scope, params] = scopeOf(teamId);
  const rows = await db.rows(
    `SELECT ${ANSWER_COLUMNS} FROM questionnaire_answers WHERE workspace_id = ? AND ${scope}
     ORDER BY answered_at DESC, id DESC`,
    [workspaceId, ...params],
  );
  return rows.map(toAnswers);
}

/** A save of answers for one scope. */
export type NewAnswers = Omit<QuestionnaireAnswers, "id" | "workspaceId" | "teamId"> & { teamId?: string | null };

/** Stores answer saves, all or none. */
export async function insertAnswers(db: Db, workspaceId: number, saves: readonly NewAnswers[]): Promise<void> {
  if (saves.length === 0) return;
  await db.atomic(async (tx) => {
    for (const save of saves)
      await tx.exec(
        "INSERT INTO questionnaire_answers (workspace_id, team_id, answered_at, author, answers, rubric_version) VALUES (?, ?, ?, ?, ?, ?)",
        [
          workspaceId,
          save.teamId ?? null,
          save.answeredAt,
          save.author,
          JSON.stringify(save.answers),
          save.rubricVersion,
        ],
      );
  });
}

/** An assessment result to record. */
export type NewAssessmentSnapshot = Omit<AssessmentSnapshot, "id" | "workspaceId" | "teamId"> & {
  teamId?: string | null;
};

/** Records assessment results (the organisation and each team), all or none. */
export async function insertAssessmentSnapshots(
  db: Db,
  workspaceId: number,
  snapshots: readonly NewAssessmentSnapshot[],
): Promise<void> {
  if (snapshots.length === 0) return;
  await db.atomic(async (tx) => {
    for (const s of snapshots)
      await tx.exec(
        `INSERT INTO assessment_snapshots (workspace_id, team_id, assessed_at, rubric_version, level, provisional, verdict, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          workspaceId,
          s.teamId ?? null,
          s.assessedAt,
          s.rubricVersion,
          s.level,
          s.provisional,
          s.verdict,
          JSON.stringify(s.detail),
        ],
      );
  });
}

/** One recorded level, without the full detail. */
export interface LevelPoint {
  assessedAt: number;
  level: number;
  provisional: boolean;
  verdict: string;
  rubricVersion: string;
}

/** Recorded levels of one scope (null: the organisation), oldest first. */
export async function listLevelHistory(db: Db, workspaceId: number, teamId: string | null): Promise<LevelPoint[]> {
  const [scope, params] = scopeOf(teamId);
  const rows = await db.rows(
    `SELECT assessed_at, level, provisional, verdict, rubric_version FROM assessment_snapshots
     WHERE workspace_id = ? AND ${scope} ORDER BY assessed_at, id`,
    [workspaceId, ...params],
  );
  return rows.map((r) => ({
    assessedAt: Number(r.assessed_at),
    level: Number(r.level),
    provisional: Number(r.provisional) === 1,
    verdict: r.verdict as string,
    rubricVersion: r.rubric_version as string,
  }));
}

/** Who worked where: one row per (repository, author) with a commit or pull request in `[from, to)`. */
export interface AuthorActivity {
  repositoryId: string;
  authorId: string;
  isBot: boolean;
}

/**
 * Distinct authors per repository in a window, from commits (authored) and
 * pull requests (created). Bots are people marked `isBot` or ids ending in
 * `[bot]` (spec/metrics.md); the caller counts the rest.
 */
export async function listAuthorActivity(
  db: Db,
  workspaceId: number,
  from: number,
  to: number,
): Promise<AuthorActivity[]> {
  const rows = (await db.tuples(
    `SELECT a.repository_id, a.author_id, p.is_bot FROM (
         SELECT repository_id, author_id FROM commits WHERE workspace_id = ? AND authored_at >= ? AND authored_at < ? AND author_id IS NOT NULL
         UNION
         SELECT repository_id, author_id FROM pull_requests WHERE workspace_id = ? AND created_at >= ? AND created_at < ?
       ) a LEFT JOIN people p ON p.workspace_id = ? AND p.id = a.author_id`,
    [workspaceId, from, to, workspaceId, from, to, workspaceId],
  )) as [string, string, number | null][];
  return rows.map(([repositoryId, authorId, isBot]) => ({
    repositoryId,
    authorId,
    isBot: Number(isBot) === 1 || authorId.endsWith("[bot]"),
  }));
}

/** The distinct (repository, environment) pairs a workspace deployed to successfully. */
export async function listDeploymentEnvironments(
  db: Db,
  workspaceId: number,
): Promise<{ repositoryId: string; environment: string }[]> {
  const rows = (await db.tuples(
    "SELECT DISTINCT repository_id, environment FROM deployments WHERE workspace_id = ? AND status = 'success'",
    [workspaceId],
  )) as [string, string][];
  return rows.map(([repositoryId, environment]) => ({ repositoryId, environment }));
}

/** When the workspace's last commit was authored or pull request opened (UTC ms); null without any. */
export async function latestAuthorActivity(db: Db, workspaceId: number): Promise<number | null> {
  const latest = await db.value(
    "SELECT max(t) FROM (SELECT max(authored_at) AS t FROM commits WHERE workspace_id = ? UNION ALL SELECT max(created_at) FROM pull_requests WHERE workspace_id = ?) AS latest",
    [workspaceId, workspaceId],
  );
  return latest === null || latest === undefined ? null : Number(latest);
}

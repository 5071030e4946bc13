import { and, asc, desc, eq, isNull, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  assessmentSnapshots,
  questionnaireAnswers,
  type AssessmentSnapshot,
  type QuestionnaireAnswers,
} from "@/db/schema";

export type { AssessmentSnapshot, QuestionnaireAnswers };

const scopeOf = (
  table: { teamId: typeof questionnaireAnswers.teamId | typeof assessmentSnapshots.teamId },
  teamId: string | null,
): SQL => (teamId === null ? isNull(table.teamId) : eq(table.teamId, teamId));

/** The answers in force for every scope of a workspace: the latest save (by date, then by order of saving) per scope. */
export async function listLatestAnswers(db: Db, workspaceId: number): Promise<QuestionnaireAnswers[]> {
  const rows = db
    .select()
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.workspaceId, workspaceId))
    .orderBy(asc(questionnaireAnswers.answeredAt), asc(questionnaireAnswers.id))
    .all();
  const latest = new Map<string | null, QuestionnaireAnswers>();
  for (const row of rows) latest.set(row.teamId, row);
  return [...latest.values()];
}

/** Every save of one scope's answers (null: the organisation), newest first. */
export async function listAnswerHistory(
  db: Db,
  workspaceId: number,
  teamId: string | null,
): Promise<QuestionnaireAnswers[]> {
  return db
    .select()
    .from(questionnaireAnswers)
    .where(and(eq(questionnaireAnswers.workspaceId, workspaceId), scopeOf(questionnaireAnswers, teamId)))
    .orderBy(desc(questionnaireAnswers.answeredAt), desc(questionnaireAnswers.id))
    .all();
}

/** A save of answers for one scope. */
export type NewAnswers = Omit<typeof questionnaireAnswers.$inferInsert, "id" | "workspaceId">;

/** Stores answer saves, all or none. */
export async function insertAnswers(db: Db, workspaceId: number, saves: readonly NewAnswers[]): Promise<void> {
  if (saves.length === 0) return;
  db.transaction((tx) => {
    for (const save of saves)
      tx.insert(questionnaireAnswers)
        .values({ ...save, workspaceId })
        .run();
  });
}

/** An assessment result to record. */
export type NewAssessmentSnapshot = Omit<typeof assessmentSnapshots.$inferInsert, "id" | "workspaceId">;

/** Records assessment results (the organisation and each team), all or none. */
export async function insertAssessmentSnapshots(
  db: Db,
  workspaceId: number,
  snapshots: readonly NewAssessmentSnapshot[],
): Promise<void> {
  if (snapshots.length === 0) return;
  db.transaction((tx) => {
    for (const s of snapshots)
      tx.insert(assessmentSnapshots)
        .values({ ...s, workspaceId })
        .run();
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
  return db
    .select({
      assessedAt: assessmentSnapshots.assessedAt,
      level: assessmentSnapshots.level,
      provisional: assessmentSnapshots.provisional,
      verdict: assessmentSnapshots.verdict,
      rubricVersion: assessmentSnapshots.rubricVersion,
    })
    .from(assessmentSnapshots)
    .where(and(eq(assessmentSnapshots.workspaceId, workspaceId), scopeOf(assessmentSnapshots, teamId)))
    .orderBy(asc(assessmentSnapshots.assessedAt), asc(assessmentSnapshots.id))
    .all();
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
  const rows = db.$client
    .prepare(
      `SELECT a.repository_id, a.author_id, p.is_bot FROM (
         SELECT repository_id, author_id FROM commits WHERE workspace_id = ? AND authored_at >= ? AND authored_at < ? AND author_id IS NOT NULL
         UNION
         SELECT repository_id, author_id FROM pull_requests WHERE workspace_id = ? AND created_at >= ? AND created_at < ?
       ) a LEFT JOIN people p ON p.workspace_id = ? AND p.id = a.author_id`,
    )
    .raw(true)
    .all(workspaceId, from, to, workspaceId, from, to, workspaceId) as [string, string, number | null][];
  return rows.map(([repositoryId, authorId, isBot]) => ({
    repositoryId,
    authorId,
    isBot: isBot === 1 || authorId.endsWith("[bot]"),
  }));
}

/** The distinct (repository, environment) pairs a workspace deployed to successfully. */
export async function listDeploymentEnvironments(
  db: Db,
  workspaceId: number,
): Promise<{ repositoryId: string; environment: string }[]> {
  const rows = db.$client
    .prepare(
      "SELECT DISTINCT repository_id, environment FROM deployments WHERE workspace_id = ? AND status = 'success'",
    )
    .raw(true)
    .all(workspaceId) as [string, string][];
  return rows.map(([repositoryId, environment]) => ({ repositoryId, environment }));
}

/** When the workspace's last commit was authored or pull request opened (UTC ms); null without any. */
export async function latestAuthorActivity(db: Db, workspaceId: number): Promise<number | null> {
  return db.$client
    .prepare(
      "SELECT max(t) FROM (SELECT max(authored_at) AS t FROM commits WHERE workspace_id = ? UNION ALL SELECT max(created_at) FROM pull_requests WHERE workspace_id = ?)",
    )
    .pluck()
    .get(workspaceId, workspaceId) as number | null;
}

import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { workspaces } from "./workspaces";

/**
 * Questionnaire answers for a workspace (team_id null) or one team, as given
 * in one interview: each save is a new row, so the history is kept.
 */
export const questionnaireAnswers = sqliteTable(
  "questionnaire_answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: text("team_id"),
    answeredAt: integer("answered_at").notNull(),
    author: text("author").notNull(),
    /** Question id → answer, validated against the questionnaire of `rubricVersion`. */
    answers: text("answers", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    rubricVersion: text("rubric_version").notNull(),
  },
  (t) => [index("questionnaire_answers_scope").on(t.workspaceId, t.teamId, t.answeredAt)],
);

/** A recorded assessment result, for "level over time" from successive assessments. */
export const assessmentSnapshots = sqliteTable(
  "assessment_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** null for the organisation as a whole. */
    teamId: text("team_id"),
    assessedAt: integer("assessed_at").notNull(),
    rubricVersion: text("rubric_version").notNull(),
    level: integer("level").notNull(),
    provisional: integer("provisional", { mode: "boolean" }).notNull(),
    verdict: text("verdict").notNull(),
    /** The full result as `altimeter assess --json` prints it for this scope. */
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("assessment_snapshots_scope").on(t.workspaceId, t.teamId, t.assessedAt)],
);

export type QuestionnaireAnswers = typeof questionnaireAnswers.$inferSelect;
export type AssessmentSnapshot = typeof assessmentSnapshots.$inferSelect;

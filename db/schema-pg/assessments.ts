import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { flag, jsonText, ms } from "./types";
import { workspaces } from "./workspaces";

export const questionnaireAnswers = pgTable(
  "questionnaire_answers",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: text("team_id"),
    answeredAt: ms("answered_at").notNull(),
    author: text("author").notNull(),
    answers: jsonText("answers").$type<Record<string, unknown>>().notNull(),
    rubricVersion: text("rubric_version").notNull(),
  },
  (t) => [index("questionnaire_answers_scope").on(t.workspaceId, t.teamId, t.answeredAt)],
);

export const assessmentSnapshots = pgTable(
  "assessment_snapshots",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: text("team_id"),
    assessedAt: ms("assessed_at").notNull(),
    rubricVersion: text("rubric_version").notNull(),
    level: integer("level").notNull(),
    provisional: flag("provisional").notNull(),
    verdict: text("verdict").notNull(),
    detail: jsonText("detail").$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("assessment_snapshots_scope").on(t.workspaceId, t.teamId, t.assessedAt)],
);

import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { parseTimestamp } from "@/lib/events/timestamp";
import { parseAnswerChanges, type AnswerChanges } from "./answers";
import { RUBRIC_VERSION } from "./rubric";

/** A parsed answers file (lib/maturity/RUBRIC.md, "Answers file"). */
export interface AnswersFile {
  author: string | null;
  answeredAt: number | null;
  /** The top-level `answers`: for `--team` when given, else the organisation. */
  answers: AnswerChanges | null;
  /** Answers per team id. */
  teams: Record<string, AnswerChanges>;
}

const FileSchema = z.strictObject({
  rubricVersion: z.string().optional(),
  author: z.string().trim().min(1).max(200).optional(),
  answeredAt: z.string().optional(),
  answers: z.unknown().optional(),
  teams: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Reads an answers file: JSON with optional `rubricVersion` (must be "1"),
 * `author`, `answeredAt` (RFC 3339 with a zone), `answers` (question id →
 * answer, null clears) and `teams` (team id → such an object). Every problem
 * is a ValidationError naming the file and the place in it.
 */
export function parseAnswersFile(text: string, file: string): AnswersFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new ValidationError(
      `${file}${at}: ${issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(", ")} (known: rubricVersion, author, answeredAt, answers, teams)` : issue.message}`,
    );
  }
  const f = parsed.data;
  if (f.rubricVersion !== undefined && f.rubricVersion !== RUBRIC_VERSION) {
    throw new ValidationError(
      `${file}: rubricVersion ${JSON.stringify(f.rubricVersion)} is not supported (this Altimeter reads "${RUBRIC_VERSION}")`,
    );
  }
  let answeredAt: number | null = null;
  if (f.answeredAt !== undefined) {
    const ts = parseTimestamp(f.answeredAt);
    if (!ts.ok) throw new ValidationError(`${file} at answeredAt: ${ts.reason}, got ${JSON.stringify(f.answeredAt)}`);
    answeredAt = ts.ms;
  }
  if (f.answers === undefined && f.teams === undefined)
    throw new ValidationError(`${file}: nothing to import (give "answers" and/or "teams")`);
  const teams: Record<string, AnswerChanges> = {};
  for (const [team, answers] of Object.entries(f.teams ?? {}))
    teams[team] = parseAnswerChanges(answers, `${file} at teams.${team}`);
  return {
    author: f.author ?? null,
    answeredAt,
    answers: f.answers === undefined ? null : parseAnswerChanges(f.answers, `${file} at answers`),
    teams,
  };
}

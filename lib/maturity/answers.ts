import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import {
  QUESTIONS,
  findQuestion,
  type AnswerValue,
  type Answers,
  type Question,
  type QuestionId,
} from "./questionnaire";

/** Answers as given: a value sets a question, null clears it. */
export type AnswerChanges = Partial<Record<QuestionId, AnswerValue | null>>;

function schemaOf(q: Question): z.ZodType<AnswerValue> {
  switch (q.kind.type) {
    case "yes-no":
      return z.boolean({ error: "must be true (yes) or false (no)" });
    case "number":
      return z
        .number({ error: `must be a number from ${q.kind.min} to ${q.kind.max}` })
        .int({ error: "must be a whole number" })
        .min(q.kind.min, { error: `must be at least ${q.kind.min}` })
        .max(q.kind.max, { error: `must be at most ${q.kind.max}` });
    case "choice": {
      const values = q.kind.options.map((o) => o.value);
      return z
        .string({ error: `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}` })
        .refine((v) => values.includes(v), {
          error: `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
        });
    }
  }
}

const SCHEMAS = new Map(QUESTIONS.map((q) => [q.id, schemaOf(q)]));

/**
 * Checks answers given as an object of question id → value (null clears).
 * `where` names the place (a file, a team) in the error, which names the
 * question and what it accepts; an unknown question id is refused.
 */
export function parseAnswerChanges(raw: unknown, where: string): AnswerChanges {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    throw new ValidationError(`${where}: answers must be an object of question id → answer`);
  const changes: AnswerChanges = {};
  for (const [id, value] of Object.entries(raw)) {
    const question = findQuestion(id);
    if (!question) {
      throw new ValidationError(
        `${where}: unknown question ${JSON.stringify(id)} (known: ${QUESTIONS.map((q) => q.id).join(", ")})`,
      );
    }
    if (value === null) {
      changes[question.id as QuestionId] = null;
      continue;
    }
    const parsed = SCHEMAS.get(question.id as QuestionId)!.safeParse(value);
    if (!parsed.success) {
      throw new ValidationError(
        `${where}: ${question.id} ("${question.text}") ${parsed.error.issues[0]!.message}, got ${JSON.stringify(value)}`,
      );
    }
    changes[question.id as QuestionId] = parsed.data;
  }
  return changes;
}

/** `base` with the changes applied: values set, nulls removed. */
export function applyAnswerChanges(base: Answers, changes: AnswerChanges): Answers {
  const next: Answers = { ...base };
  for (const [id, value] of Object.entries(changes) as [QuestionId, AnswerValue | null][]) {
    if (value === null) delete next[id];
    else next[id] = value;
  }
  return next;
}

/** Whether two answer sets hold the same answers. */
export function sameAnswers(a: Answers, b: Answers): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<QuestionId>;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** Stored answers read back leniently: entries that are no longer valid questions or values are left out. */
export function storedAnswers(raw: unknown): Answers {
  if (typeof raw !== "object" || raw === null) return {};
  const out: Answers = {};
  for (const [id, value] of Object.entries(raw)) {
    const schema = SCHEMAS.get(id as QuestionId);
    if (schema?.safeParse(value).success) out[id as QuestionId] = value as AnswerValue;
  }
  return out;
}

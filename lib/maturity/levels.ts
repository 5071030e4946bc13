/**
 * Cumulative awarding: a level is reached when every check of it and of all
 * lower levels passes. An unanswered questionnaire check does not block (the
 * level is then provisional); a failing check, or a data check without data,
 * always does.
 */
import { findQuestion, type QuestionId } from "./questionnaire";
import type { CheckLevel, CheckResult, Level, Progress } from "./types";

/** A check that keeps its level out of reach. */
export function blocks(check: CheckResult): boolean {
  return check.status === "fail" || (check.status === "unknown" && check.source !== "answer");
}

/** The level a scope's check results award, whether it is provisional, and what the next level needs. */
export function awardLevel(checks: readonly CheckResult[]): {
  level: Level;
  provisional: boolean;
  openQuestions: { question: QuestionId; text: string; check: string }[];
  progress: Progress;
} {
  let level: Level = 0;
  for (const candidate of [1, 2, 3, 4] as const) {
    if (checks.some((c) => c.level === candidate && blocks(c))) break;
    level = candidate;
  }
  const unanswered = (upTo: number) =>
    checks.filter((c) => c.source === "answer" && c.status === "unknown" && c.level <= upTo);
  const provisional = unanswered(level).length > 0;
  const nextLevel = level < 4 ? ((level + 1) as CheckLevel) : null;
  const openQuestions = unanswered(nextLevel ?? 4).map((c) => ({
    question: c.question!,
    text: findQuestion(c.question!)!.text,
    check: c.id,
  }));
  const next = checks.filter((c) => c.level === nextLevel);
  return {
    level,
    provisional,
    openQuestions,
    progress: {
      nextLevel,
      passed: next.filter((c) => c.status === "pass").length,
      total: next.length,
      blocking: nextLevel === null ? [] : checks.filter((c) => c.level <= nextLevel && blocks(c)).map((c) => c.id),
    },
  };
}

import { describe, expect, test } from "vitest";
import { awardLevel } from "@/lib/maturity/levels";
import { QUESTIONS } from "@/lib/maturity/questionnaire";
import type { CheckLevel, CheckResult, CheckStatus } from "@/lib/maturity/types";

// The awarding rule over plain check results: no database, no rubric, no signals.
const question = QUESTIONS[0]!;
function check(
  id: string,
  level: CheckLevel,
  status: CheckStatus,
  source: CheckResult["source"] = "signal",
): CheckResult {
  return {
    id,
    level,
    aspect: "delivery",
    title: id,
    source,
    status,
    evidence: [],
    fix: "",
    ...(source === "answer" ? { question: question.id } : {}),
  };
}

describe("awarding a level (cumulative: every check of the level and below must pass)", () => {
  test("all checks passing award level 4, not provisional, with nothing next", () => {
    const award = awardLevel([1, 2, 3, 4].map((l) => check(`c${l}`, l as CheckLevel, "pass")));
    expect(award).toMatchObject({ level: 4, provisional: false, openQuestions: [] });
    expect(award.progress).toEqual({ nextLevel: null, passed: 0, total: 0, blocking: [] });
  });

  test("a failing level-2 check stops at level 1 even when level 3 passes, and names the blocker", () => {
    const award = awardLevel([
      check("a", 1, "pass"),
      check("b", 2, "fail"),
      check("c", 2, "pass"),
      check("d", 3, "pass"),
    ]);
    expect(award.level).toBe(1);
    expect(award.progress).toEqual({ nextLevel: 2, passed: 1, total: 2, blocking: ["b"] });
  });

  test("a data check without data blocks like a failure; an unanswered question does not, but makes the level provisional", () => {
    expect(awardLevel([check("a", 1, "unknown", "metric")]).level).toBe(0);
    const award = awardLevel([check("a", 1, "pass"), check("q", 1, "unknown", "answer"), check("b", 2, "fail")]);
    expect(award).toMatchObject({ level: 1, provisional: true });
    expect(award.openQuestions).toEqual([{ question: question.id, text: question.text, check: "q" }]);
  });

  test("with no checks nothing blocks: every level is reached, vacuously (the rubric always has checks)", () => {
    expect(awardLevel([])).toMatchObject({ level: 4, provisional: false });
  });
});

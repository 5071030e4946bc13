import { LEVELS } from "@/lib/maturity/rubric";
import type { CheckStatus, Level, Verdict } from "@/lib/maturity/types";

/** A verdict as people read it. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  managed: "Use a managed platform",
  "managed-revisit": "Managed platform for now, revisit later",
  custom: "Build a custom platform",
  "evolve-custom": "Evolve the custom platform",
  "insufficient-data": "Not enough data for a verdict",
};

/** A check's status as a symbol and a word (never colour alone). */
export const STATUS_TEXT: Record<CheckStatus, { symbol: string; word: string }> = {
  pass: { symbol: "✓", word: "pass" },
  fail: { symbol: "✗", word: "fail" },
  unknown: { symbol: "?", word: "unknown" },
};

/** "Level 3 · Self-service portal", or "Level 0 · below level 1". */
export function levelName(level: Level): string {
  return level === 0 ? "Level 0 · below level 1" : `Level ${level} · ${LEVELS[level - 1]!.name}`;
}

/** The address of the maturity pages of a workspace. */
export function maturityPath(slug: string, rest = ""): string {
  return `/w/${encodeURIComponent(slug)}/maturity${rest}`;
}

/** The address of a team's maturity page. */
export function teamMaturityPath(slug: string, team: string): string {
  return maturityPath(slug, `/${encodeURIComponent(team)}`);
}

/** The questionnaire for the organisation (team null) or a team. */
export function questionnairePath(slug: string, team: string | null): string {
  return maturityPath(slug, `/questionnaire${team ? `?team=${encodeURIComponent(team)}` : ""}`);
}

/**
 * The roadmap of a report: the recommendation's next steps and the teams'
 * next levels placed on three horizons. Pure, from what the maturity service
 * returned.
 */
import { CHECKS, LEVELS } from "@/lib/maturity/rubric";
import type { NextStep, TeamAssessment } from "@/lib/maturity/types";

/** One thing to do, and what it is about. */
export interface RoadmapItem {
  text: string;
  detail: string | null;
}

/** A horizon of the roadmap. */
export interface RoadmapPhase {
  title: string;
  items: RoadmapItem[];
}

/** What the roadmap is made from. */
export interface RoadmapInput {
  nextSteps: readonly NextStep[];
  unknowns: readonly string[];
  teams: readonly Pick<TeamAssessment, "name" | "level" | "progress">[];
  /** Targets missed, in words with the current value ("a change failure rate below 5% (now 16.9%)"). */
  missedTargets: readonly string[];
  /** Metrics not judged for lack of a source, with the reason ("Change failure rate — no data: no incident data before …"). */
  withheld?: readonly string[];
}

const checkTitle = (id: string) => CHECKS.find((c) => c.id === id)?.title ?? id;
const step = (s: NextStep): RoadmapItem => ({
  text: s.action,
  detail: s.tools.length ? `Candidates: ${s.tools.join(", ")}` : null,
});

/**
 * Three horizons: the first month settles what is unknown and starts the two
 * most important steps; the quarter does the rest and aims at the missed
 * targets; the half-year brings each team to its next level.
 */
export function buildRoadmap(input: RoadmapInput): RoadmapPhase[] {
  const first: RoadmapItem[] = [];
  if (input.unknowns.length > 0) {
    first.push({
      text: `Answer the questionnaire: ${input.unknowns.length} open question${input.unknowns.length === 1 ? "" : "s"} could change the verdict`,
      detail: "In the dashboard: Maturity → Questionnaire, or altimeter answers import",
    });
  }
  // Connecting the missing sources comes first: until then those targets cannot be aimed at.
  for (const w of input.withheld ?? [])
    first.push({ text: w, detail: "Until its source is connected, no tier or target is judged" });
  first.push(...input.nextSteps.slice(0, 2).map(step));
  const quarter = [
    ...input.nextSteps.slice(2).map(step),
    ...input.missedTargets.map((t) => ({
      text: `Meet the target of ${t}`,
      detail: "Platform-engineering target, missed in this period",
    })),
  ];
  const half = input.teams
    .filter((t) => t.progress.nextLevel !== null)
    .sort((a, b) => a.level - b.level || a.name.localeCompare(b.name))
    .map((t) => ({
      text: `${t.name}: from level ${t.level} to level ${t.progress.nextLevel} (${LEVELS[t.progress.nextLevel! - 1]!.name})`,
      detail: t.progress.blocking.length ? `Missing: ${t.progress.blocking.map(checkTitle).join("; ")}` : null,
    }));
  return [
    { title: "First 30 days", items: first },
    { title: "Days 30 to 90", items: quarter },
    { title: "Days 90 to 180", items: half },
  ].filter((p) => p.items.length > 0);
}

/**
 * Three to five concrete next steps, chosen by what is missing: the lowest
 * failing checks first for a custom platform, the managed platform's basics
 * for a managed one. Each names an ecosystem category and candidate tools.
 */
import { candidateTools, type EcosystemCategory } from "./ecosystem";
import { CHECKS, type CheckDefinition } from "./rubric";
import { hitsOf, type SignalHit } from "./signals";
import type { CheckResult, ManagedChoice, NextStep, Verdict } from "./types";

const MIN_STEPS = 3;
const MAX_STEPS = 5;

/** A missing check and who misses it (team names; empty for a single scope). */
export interface Gap {
  check: CheckDefinition;
  who: string[];
}

/** The gaps of one scope's results: failing checks, and data checks without data, lowest level first. */
export function gapsOf(results: readonly CheckResult[]): Gap[] {
  return results
    .filter((r) => r.status === "fail" || (r.status === "unknown" && r.source === "signal"))
    .map((r) => ({ check: CHECKS.find((c) => c.id === r.id)!, who: [] }));
}

/** Gaps over several teams: each check once, with the teams missing it, lowest level then most teams first. */
export function sharedGaps(teams: readonly { name: string; checks: readonly CheckResult[] }[]): Gap[] {
  const byCheck = new Map<string, Gap>();
  for (const team of teams) {
    for (const gap of gapsOf(team.checks)) {
      const entry = byCheck.get(gap.check.id) ?? { check: gap.check, who: [] };
      entry.who.push(team.name);
      byCheck.set(gap.check.id, entry);
    }
  }
  return [...byCheck.values()].sort((a, b) => a.check.level - b.check.level || b.who.length - a.who.length);
}

const IMPROVEMENTS: readonly { category: EcosystemCategory; action: string }[] = [
  {
    category: "portal",
    action: "Add scorecards to the catalog so each team sees its own maturity gaps and fixes them",
  },
  {
    category: "infrastructure",
    action:
      "Offer databases, queues and buckets as self-service claims (Crossplane compositions or Terraform modules behind templates)",
  },
  {
    category: "observability",
    action: "Publish service level objectives and the DORA metrics per team, and review them with the teams monthly",
  },
  { category: "gitops", action: "Roll out progressively with automated analysis and rollback" },
];

function step(category: EcosystemCategory, action: string, seen: readonly string[]): NextStep {
  return { category, action, tools: candidateTools(category, seen) };
}

function select(candidates: readonly NextStep[]): NextStep[] {
  const chosen: NextStep[] = [];
  const perCategory = new Map<string, number>();
  for (const c of candidates) {
    if (chosen.length >= MAX_STEPS) break;
    if (chosen.some((x) => x.action === c.action) || (perCategory.get(c.category) ?? 0) >= 2) continue;
    chosen.push(c);
    perCategory.set(c.category, (perCategory.get(c.category) ?? 0) + 1);
  }
  return chosen;
}

/** Steps for building or evolving a custom platform: close the gaps, then improve. */
export function customPlatformSteps(gaps: readonly Gap[], seen: readonly string[]): NextStep[] {
  const fromGaps = gaps.map((g) =>
    step(
      g.check.step.category,
      g.who.length ? `${g.check.step.action} (${g.who.join(", ")})` : g.check.step.action,
      seen,
    ),
  );
  const chosen = select(fromGaps);
  return chosen.length >= MIN_STEPS
    ? chosen
    : select([...chosen, ...IMPROVEMENTS.map((i) => step(i.category, i.action, seen))]);
}

/** Steps for staying on, or moving to, a managed platform. */
export function managedPlatformSteps(
  verdict: Verdict,
  choice: ManagedChoice,
  hits: readonly SignalHit[],
  seen: readonly string[],
): NextStep[] {
  const inUse = new Set(hitsOf(hits, ["managed-platform"]).map((h) => h.detail));
  const stay = choice.providers.filter((p) => inUse.has(p));
  const move = choice.providers.filter((p) => !inUse.has(p));
  const candidates: NextStep[] = [];
  const platformAction = [
    stay.length ? `Stay on ${stay.join(" and ")}` : "",
    move.length ? `${stay.length ? "move" : "Move"} the remaining workloads to ${move.join(" and ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
  if (choice.providers.length === 0)
    candidates.push({
      category: "managed platform",
      action:
        "Choose the provider once the workload is known: collect repository files or answer the questionnaire's workload questions",
      tools: [],
    });
  else
    candidates.push({
      category: "managed platform",
      action: `${platformAction}${choice.constraints.length ? `, ${choice.constraints[0]!.charAt(0).toLowerCase()}${choice.constraints[0]!.slice(1)}` : ""}`,
      tools: choice.providers,
    });
  if (hitsOf(hits, ["ci-pipeline"]).length === 0)
    candidates.push(step("ci-cd", "Run the tests in CI on every pull request, before the platform deploys", seen));
  else
    candidates.push(
      step("ci-cd", "Gate the platform's deploys on CI and test every pull request's preview deployment", seen),
    );
  if (hitsOf(hits, ["telemetry"]).length === 0)
    candidates.push(
      step(
        "observability",
        "Instrument the services with OpenTelemetry and alert on errors and latency in one backend",
        seen,
      ),
    );
  if (hitsOf(hits, ["infrastructure-as-code"]).length === 0)
    candidates.push(
      step("infrastructure", "Keep what lives outside the platform (DNS, buckets, the database) in code", seen),
    );
  if (verdict === "managed-revisit")
    candidates.push(
      step(
        "observability",
        "Track deployment frequency, failure rate and onboarding time to see the revisit trigger coming",
        seen,
      ),
    );
  return select(
    candidates.length >= MIN_STEPS
      ? candidates
      : [...candidates, ...IMPROVEMENTS.slice(2).map((i) => step(i.category, i.action, seen))],
  );
}

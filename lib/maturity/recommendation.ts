/**
 * The verdict for a scope: stay on or move to a managed platform, managed now
 * with a named trigger to revisit, build a custom platform, or evolve the one
 * already there. The rules are lib/maturity/RUBRIC.md's "The recommendation".
 */
import { pressure, weigh, type Weighing } from "./factors";
import { chooseManagedPlatform } from "./managed";
import { customPlatformSteps, managedPlatformSteps, type Gap } from "./next-steps";
import { hitsOf } from "./signals";
import { existingPlatform, notEnoughData, type Situation } from "./situation";
import type { ManagedChoice, NextStep, Reason, Recommendation, Verdict } from "./types";

/** What a recommendation needs beyond the situation. */
export interface RecommendationInput {
  situation: Situation;
  /** The gaps that custom-platform steps close. */
  gaps: readonly Gap[];
  /** Tools already seen in the workspace, so suggestions start with them. */
  seenTools: readonly string[];
  /** For a team: the organisation's verdict. */
  organisationVerdict?: Verdict;
  /** For a team: where it stands on the rubric, shown after the verdict. */
  levelReason?: Reason;
}

const REVISIT_BY_REQUIREMENT: Record<string, string> = {
  dataResidency:
    "a customer or regulator requires certification or single-tenant hosting the provider cannot give inside the required region",
  costAtScale: "the monthly hosting bill passes the cost of one platform engineer",
};

function organisationVerdict(w: Weighing, platformPresent: boolean): { verdict: Verdict; summary: string } {
  const custom = pressure(w.factors, "custom");
  const managed = pressure(w.factors, "managed");
  if (platformPresent)
    return {
      verdict: "evolve-custom",
      summary: "A custom platform is already in place: evolve it where teams still fall short, rather than replace it",
    };
  if (w.hard.length > 0)
    return {
      verdict: "custom",
      summary: `Requirements no managed platform meets: ${w.hard.map((r) => r.text).join(", ")}`,
    };
  if (custom >= 3 && custom > managed)
    return {
      verdict: "custom",
      summary:
        "The problems a platform team solves (scale, slow onboarding, hand-built configuration) outweigh what a managed platform saves",
    };
  if (managed >= 2 && custom <= 1 && w.soft.length === 0)
    return {
      verdict: "managed",
      summary: "A managed platform covers what this organisation needs; a platform team would cost more than it saves",
    };
  return { verdict: "managed-revisit", summary: "A managed platform fits for now, with a named trigger to revisit" };
}

function teamVerdict(
  s: Situation,
  w: Weighing,
  platformPresent: boolean,
  orgVerdict: Verdict,
): { verdict: Verdict; summary: string } {
  if (w.hard.length > 0) {
    return platformPresent
      ? {
          verdict: "evolve-custom",
          summary: `This team needs what no managed platform offers (${w.hard.map((r) => r.text).join(", ")}): the organisation's platform must cover it`,
        }
      : {
          verdict: "custom",
          summary: `This team needs what no managed platform offers: ${w.hard.map((r) => r.text).join(", ")}`,
        };
  }
  const onManaged = [...new Set(hitsOf(s.hits, ["managed-platform"]).map((h) => h.detail))];
  if (onManaged.length > 0) {
    return w.soft.length > 0
      ? {
          verdict: "managed-revisit",
          summary: `This team deploys to ${onManaged.join(", ")}; it fits, within the constraints of its requirements`,
        }
      : {
          verdict: "managed",
          summary: `This team deploys to ${onManaged.join(", ")} and its workload fits it: stay there`,
        };
  }
  if (platformPresent)
    return {
      verdict: "evolve-custom",
      summary: "The organisation runs a custom platform: bring this team further onto it",
    };
  // The organisation's verdict is withheld for want of data, but this team has its own (its answers): weigh them.
  if (orgVerdict === "insufficient-data") return organisationVerdict(w, false);
  return {
    verdict: orgVerdict,
    summary: "Follows the organisation's verdict: the platform decision is made for the organisation as a whole",
  };
}

function revisitTriggers(w: Weighing): string[] {
  const triggers = w.soft.map((r) => REVISIT_BY_REQUIREMENT[r.id]!).filter(Boolean);
  const n = w.developers?.count;
  if (n === undefined || n < 20) triggers.push("the organisation grows past 20 developers");
  else if (n < 50) triggers.push("the organisation grows past 50 developers");
  if (!w.factors.some((f) => f.text.startsWith("Onboarding"))) triggers.push("onboarding starts to take weeks");
  if (!w.factors.some((f) => f.text.startsWith("Deployment failures")))
    triggers.push("deployment failures start to come from misconfiguration");
  return triggers;
}

function managedReasons(choice: ManagedChoice, w: Weighing): Reason[] {
  const reasons: Reason[] = [{ text: `Managed platform: ${choice.providers.join(" and ")}`, evidence: choice.reasons }];
  for (const r of w.soft)
    reasons.push({
      text: `Requirement that constrains the provider: ${r.text}`,
      evidence: [...r.evidence, ...choice.constraints],
    });
  return reasons;
}

/**
 * The verdict, reasons, next steps and unknowns of one scope. A team's
 * reasons leave out the organisation-fit factors (size, pains): the platform
 * decision is the organisation's, and a team's verdict departs from it only
 * on the team's own evidence.
 */
export function recommend(input: RecommendationInput): Recommendation {
  const s = input.situation;
  const w = weigh(s);
  const withheld = notEnoughData(s);
  if (withheld) {
    const reasons = input.levelReason ? [withheld, input.levelReason] : [withheld];
    return {
      verdict: "insufficient-data",
      reasons,
      nextSteps: [
        {
          category: "data",
          action:
            "Collect the repositories' files (altimeter collect git PATH, or a GitHub sync) and answer the questionnaire, then assess again",
          tools: [],
        },
      ],
      unknowns: [...w.unknowns, ...w.unknownRequirements],
      managedPlatform: null,
      revisitWhen: [],
    };
  }
  const platform = existingPlatform(s);
  const isTeam = s.scope === "team";
  const { verdict, summary } = isTeam
    ? teamVerdict(s, w, platform.present, input.organisationVerdict ?? "managed-revisit")
    : organisationVerdict(w, platform.present);
  const unknowns = isTeam ? [...w.unknownRequirements] : [...w.unknowns, ...w.unknownRequirements];
  const reasons: Reason[] = [
    { text: summary, evidence: verdict === "evolve-custom" ? platform.evidence : w.hard.flatMap((r) => r.evidence) },
  ];
  if (input.levelReason) reasons.push(input.levelReason);
  const leading = verdict === "managed" || verdict === "managed-revisit" ? "managed" : "custom";
  if (!isTeam) {
    for (const f of [...w.factors].sort(
      (a, b) => (a.side === leading ? 0 : 1) - (b.side === leading ? 0 : 1) || b.weight - a.weight,
    )) {
      reasons.push({ text: f.side === leading ? f.text : `Against: ${f.text}`, evidence: f.evidence });
    }
  }
  const seen = [...input.seenTools];
  let managedPlatform: ManagedChoice | null = null;
  let nextSteps: NextStep[];
  if (leading === "managed") {
    managedPlatform = chooseManagedPlatform(s, unknowns);
    reasons.push(...managedReasons(managedPlatform, w));
    nextSteps = managedPlatformSteps(verdict, managedPlatform, s.hits, seen);
  } else {
    nextSteps = customPlatformSteps(input.gaps, seen);
  }
  const revisitWhen = verdict === "managed-revisit" ? revisitTriggers(w) : [];
  if (revisitWhen.length) reasons.push({ text: `Revisit when ${revisitWhen.join(", or ")}`, evidence: [] });
  if (unknowns.length)
    reasons.push({
      text: `Unsure: ${unknowns.length} thing${unknowns.length === 1 ? "" : "s"} that could change this verdict ${unknowns.length === 1 ? "is" : "are"} not known; the questionnaire settles them`,
      evidence: unknowns,
    });
  return { verdict, reasons, nextSteps, unknowns, managedPlatform, revisitWhen };
}

/** Every tool name seen in the workspace's hits, for ranking candidate tools. */
export function seenTools(hits: readonly { detail: string }[]): string[] {
  return [...new Set(hits.map((h) => h.detail))];
}

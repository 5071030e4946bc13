/**
 * The organisation-fit factors and requirements of the recommendation
 * (lib/maturity/RUBRIC.md, "The recommendation"), each with its evidence, and
 * what could not be known.
 */
import { hitsOf, evidenceText } from "./signals";
import {
  answered,
  developers,
  kubernetesSprawl,
  questionText,
  toolDivergenceInData,
  type Factor,
  type Situation,
} from "./situation";
import type { QuestionId } from "./questionnaire";

/** A requirement a managed platform may not meet. */
export interface Requirement {
  id: QuestionId;
  text: string;
  evidence: string[];
}

/** Requirements no managed provider meets: they decide for a custom platform. */
const HARD: readonly { id: QuestionId; text: string; signal?: "gpu" }[] = [
  { id: "gpu", text: "GPU workloads", signal: "gpu" },
  { id: "customNetworking", text: "custom networking (peering, private links, a service mesh)" },
  { id: "complianceCertification", text: "compliance no managed provider offers" },
];

/** Requirements a managed platform can meet with a constraint, and a reason to revisit. */
const SOFT: readonly { id: QuestionId; text: string }[] = [
  { id: "dataResidency", text: "data residency" },
  { id: "costAtScale", text: "hosting cost at scale" },
];

/** Everything weighed for a scope. */
export interface Weighing {
  developers: { count: number; evidence: string } | null;
  factors: Factor[];
  hard: Requirement[];
  soft: Requirement[];
  /** Unknown organisation-fit facts (size, pains). */
  unknowns: string[];
  /** Unknown requirements. */
  unknownRequirements: string[];
}

function yesNoFactor(
  s: Situation,
  id: QuestionId,
  onYes: Factor | null,
  onNo: Factor | null,
  unknowns: string[],
): Factor | null {
  const a = answered(s, id);
  if (!a) {
    unknowns.push(`unanswered: ${questionText(id)}`);
    return null;
  }
  const f = a.value === true ? onYes : onNo;
  return f && { ...f, evidence: [a.evidence] };
}

const custom = (weight: number, text: string): Factor => ({ side: "custom", weight, text, evidence: [] });
const managed = (weight: number, text: string): Factor => ({ side: "managed", weight, text, evidence: [] });

function sizeFactor(s: Situation, unknowns: string[]): { dev: Weighing["developers"]; factor: Factor | null } {
  const dev = developers(s);
  if (!dev) {
    unknowns.push(
      `how many developers: unanswered, and no commits or pull requests in ${s.window.from} – ${s.window.to}`,
    );
    return { dev, factor: null };
  }
  const n = dev.count;
  const f =
    n >= 50
      ? custom(2, `${n} developers: past the ~50 where a dedicated platform team pays for itself`)
      : n >= 20
        ? custom(1, `${n} developers: enough that shared tooling starts to pay off`)
        : n < 10
          ? managed(2, `${n} developers: too few to staff a platform team; a managed platform does that job`)
          : managed(1, `${n} developers: small enough for a managed platform`);
  return { dev, factor: { ...f, evidence: [dev.evidence] } };
}

function onboardingFactor(s: Situation, unknowns: string[]): Factor | null {
  const a = answered(s, "onboardingTime");
  if (a)
    return a.value === "weeks" || a.value === "months"
      ? {
          ...custom(1, "Onboarding takes weeks: new developers wait on setup and tribal knowledge"),
          evidence: [a.evidence],
        }
      : null;
  const o = s.metrics?.withheld.onboarding === null ? s.metrics.onboarding : null;
  if (o && o.medianDays !== null) {
    const evidence = [
      `onboarding: median ${o.medianDays.toFixed(1)} days to a first merged pull request over ${o.onboarded} newcomers (${s.window.from} – ${s.window.to})`,
    ];
    return o.medianDays >= 14 ? { ...custom(1, "Onboarding takes weeks in the data"), evidence } : null;
  }
  unknowns.push(`unanswered: ${questionText("onboardingTime")} (and no newcomers in the data)`);
  return null;
}

function managedInUse(s: Situation): Factor | null {
  const hits = hitsOf(s.hits, ["managed-platform"]);
  const a = answered(s, "managedPlatform");
  if (hits.length === 0 && (!a || a.value === "none")) return null;
  const names = [...new Set(hits.map((h) => h.detail))];
  const evidence = [...hits.slice(0, 4).map(evidenceText), ...(a && a.value !== "none" ? [a.evidence] : [])];
  return {
    ...managed(1, `Already deploys to a managed platform${names.length ? ` (${names.join(", ")})` : ""}`),
    evidence,
  };
}

function requirements(
  s: Situation,
  list: readonly { id: QuestionId; text: string; signal?: "gpu" }[],
  unknowns: string[],
): Requirement[] {
  const out: Requirement[] = [];
  for (const r of list) {
    const a = answered(s, r.id);
    const hits = r.signal ? hitsOf(s.hits, [r.signal]) : [];
    if (a?.value === true || (hits.length > 0 && a?.value !== false))
      out.push({
        id: r.id,
        text: r.text,
        evidence: [...(a ? [a.evidence] : []), ...hits.slice(0, 3).map(evidenceText)],
      });
    else if (!a && hits.length === 0) unknowns.push(`unanswered: ${questionText(r.id)}`);
  }
  return out;
}

/** Weighs a scope: the factors for each side, the requirements, and what is unknown. */
export function weigh(s: Situation): Weighing {
  const unknowns: string[] = [];
  const size = sizeFactor(s, unknowns);
  const divergence = answered(s, "toolDivergence");
  const factors = [
    size.factor,
    onboardingFactor(s, unknowns),
    yesNoFactor(
      s,
      "misconfigurationFailures",
      custom(1, "Deployment failures come from misconfiguration: environments and pipelines are hand-built"),
      null,
      unknowns,
    ),
    divergence
      ? divergence.value === true
        ? { ...custom(1, "Teams use different tools and patterns for the same job"), evidence: [divergence.evidence] }
        : null
      : toolDivergenceInData(s),
    kubernetesSprawl(s),
    yesNoFactor(
      s,
      "onePersonDevOps",
      managed(1, "One person could manage all of the DevOps work"),
      custom(1, "DevOps work is more than one person can manage"),
      unknowns,
    ),
    yesNoFactor(
      s,
      "simpleInfrastructure",
      managed(1, "Infrastructure is simple and stable"),
      custom(1, "Infrastructure is neither simple nor stable"),
      unknowns,
    ),
    managedInUse(s),
  ].filter((f): f is Factor => f !== null);
  const share = answered(s, "infraTimeShare");
  if (share && (share.value as number) >= 20)
    factors.push({
      ...custom(1, `${share.value}% of developer time goes to infrastructure`),
      evidence: [share.evidence],
    });
  else if (share && (share.value as number) < 10)
    factors.push({
      ...managed(1, `Only ${share.value}% of developer time goes to infrastructure`),
      evidence: [share.evidence],
    });
  if (!divergence && !factors.some((f) => f.text.startsWith("Teams use different tools")))
    unknowns.push(`unanswered: ${questionText("toolDivergence")}`);
  if (!share) unknowns.push(`unanswered: ${questionText("infraTimeShare")}`);
  const unknownRequirements: string[] = [];
  return {
    developers: size.dev,
    factors,
    hard: requirements(s, HARD, unknownRequirements),
    soft: requirements(s, SOFT, unknownRequirements),
    unknowns,
    unknownRequirements,
  };
}

/** The total weight of one side. */
export function pressure(factors: readonly Factor[], side: Factor["side"]): number {
  return factors.filter((f) => f.side === side).reduce((sum, f) => sum + f.weight, 0);
}

/**
 * What the recommendation weighs for a scope, read from answers first and
 * from the data where an answer is missing: size, pains, requirements, the
 * platforms already in use, and whether a custom platform exists.
 */
import type { JudgedValues } from "@/lib/withheld";
import { answerEvidence } from "./checks";
import { findQuestion, type QuestionId } from "./questionnaire";
import { evidenceText, hitsOf, type SignalHit, type SignalId } from "./signals";
import type { EffectiveAnswers, Reason, WindowLabel } from "./types";

/** Everything known about a scope that bears on the verdict. */
export interface Situation {
  scope: "organisation" | "team";
  contributors: number;
  window: WindowLabel;
  answers: EffectiveAnswers;
  /** Hits in the scope's repositories. */
  hits: readonly SignalHit[];
  /** Hits anywhere in the workspace (a custom platform serves every team). */
  workspaceHits: readonly SignalHit[];
  metrics: JudgedValues | null;
  teamNames?: ReadonlyMap<string, string>;
  /** The scope's repositories by whether a file snapshot arrived for them. */
  files: { withFiles: number; without: string[] };
}

/** Hits read from files (not the ones repository records give). */
const fromFiles = (hits: readonly SignalHit[]) => hits.filter((h) => !h.path.startsWith("("));

/**
 * Why the data cannot carry a verdict, or null when it can: no repository
 * files at all, or files that show no signal, and no questionnaire answer to
 * stand on instead. Missing data is never a verdict.
 */
export function notEnoughData(s: Situation): Reason | null {
  if (Object.keys(s.answers).length > 0) return null;
  const missing = s.files.without;
  const listed = missing.slice(0, 4).join(", ") + (missing.length > 4 ? `, … and ${missing.length - 4} more` : "");
  if (s.files.withFiles === 0)
    return {
      text: "Not enough data for a verdict: collect repository files (altimeter collect git, or a GitHub sync) or answer the questionnaire",
      evidence: [missing.length ? `no file snapshot for ${listed}` : "no repositories in this scope"],
    };
  if (fromFiles(s.hits).length === 0)
    return {
      text: "Not enough data for a verdict: the repository files show no delivery, runtime or workload signal; answer the questionnaire",
      evidence: [`${s.files.withFiles} repositories with files, none with a signal`],
    };
  return null;
}

/** A consideration for one side, with its weight and evidence. */
export interface Factor {
  side: "custom" | "managed";
  weight: number;
  text: string;
  evidence: string[];
}

/** An answer as evidence, or null when unanswered. */
export function answered(s: Situation, id: QuestionId): { value: unknown; evidence: string } | null {
  const given = s.answers[id];
  return given ? { value: given.value, evidence: answerEvidence(id, given, s.teamNames) } : null;
}

/** Developers: the answer, else distinct non-bot authors in the data, else null. */
export function developers(s: Situation): { count: number; evidence: string } | null {
  const a = answered(s, "developers");
  if (a) return { count: a.value as number, evidence: a.evidence };
  if (s.contributors > 0) {
    return {
      count: s.contributors,
      evidence: `${s.contributors} contributors: distinct non-bot commit and pull request authors, ${s.window.from} – ${s.window.to}`,
    };
  }
  return null;
}

const evidenceOf = (hits: readonly SignalHit[], max = 4) => [
  ...hits.slice(0, max).map(evidenceText),
  ...(hits.length > max
    ? [`… and ${hits.length - max} more (${[...new Set(hits.slice(max).map((h) => h.detail))].join(", ")})`]
    : []),
];

/** Whether a custom platform already exists in the workspace: a portal or catalog plus GitOps or infrastructure as code. */
export function existingPlatform(s: Situation): { present: boolean; evidence: string[] } {
  const h = s.workspaceHits;
  const portal = [
    ...hitsOf(h, ["developer-portal"]),
    ...hitsOf(h, ["catalog-entry"]).filter((x) => x.detail !== "Backstage catalog"),
  ];
  const catalogued = new Set(hitsOf(h, ["catalog-entry"]).map((x) => x.repositoryId));
  const automation = hitsOf(h, ["gitops", "infrastructure-as-code"]);
  const investment = answered(s, "platformInvestment");
  const dedicated =
    investment !== null && (investment.value === "dedicated-team" || investment.value === "product-team");
  const hasPortal = portal.length > 0 || catalogued.size >= 3;
  const present = automation.length > 0 && (hasPortal || dedicated);
  const evidence = [
    ...evidenceOf(portal, 2),
    ...(portal.length === 0 && catalogued.size > 0 ? [`${catalogued.size} repositories registered in a catalog`] : []),
    ...evidenceOf(hitsOf(h, ["gitops"]), 2),
    ...evidenceOf(hitsOf(h, ["infrastructure-as-code"]), 2),
    ...(dedicated ? [investment!.evidence] : []),
  ];
  return { present, evidence };
}

/** How a repository packages its Kubernetes configuration: a chart's templates are Helm, not loose manifests. */
function packagingOf(hits: readonly SignalHit[]): Map<string, string> {
  const byRepository = new Map<string, Set<string>>();
  for (const h of hits) byRepository.set(h.repositoryId, (byRepository.get(h.repositoryId) ?? new Set()).add(h.detail));
  const packaging = new Map<string, string>();
  for (const [repositoryId, tools] of byRepository)
    packaging.set(repositoryId, tools.has("Helm") ? "Helm" : tools.has("Kustomize") ? "Kustomize" : "plain manifests");
  return packaging;
}

/** Kubernetes configuration in many repositories, packaged in different ways or without GitOps to reconcile it. */
export function kubernetesSprawl(s: Situation): Factor | null {
  const k8s = hitsOf(s.hits, ["kubernetes"]);
  const packaging = packagingOf(k8s);
  if (packaging.size < 5) return null;
  const ways = [...new Set(packaging.values())].sort();
  const gitops = hitsOf(s.hits, ["gitops"]).length > 0;
  if (ways.length < 2 && gitops) return null;
  return {
    side: "custom",
    weight: 1,
    text: `Kubernetes sprawl: ${packaging.size} repositories carry their own Kubernetes configuration, packaged ${ways.length} way${ways.length === 1 ? "" : "s"} (${ways.join(", ")})${gitops ? "" : ", and nothing reconciles it (no GitOps)"}`,
    evidence: evidenceOf(k8s),
  };
}

/** Managed platforms doing the same job: a front end on Vercel and services on Fly.io is a split, not divergence. */
const HOSTING_JOB: Record<string, string> = {
  Vercel: "front end",
  Netlify: "front end",
  "Fly.io": "services",
  Railway: "services",
  Render: "services",
  Heroku: "services",
};

/**
 * The tools of one signal when repositories diverge: two repositories doing
 * the same job with no tool in common. Several tools in one repository (a
 * second CI file, a front end and its API on two hosts) are not teams
 * diverging, so an incidental file cannot tip the verdict.
 */
function divergentTools(hits: readonly SignalHit[], signal: SignalId): string[] {
  const byJob = new Map<string, Map<string, Set<string>>>();
  for (const h of hitsOf(hits, [signal])) {
    const job = signal === "managed-platform" ? (HOSTING_JOB[h.detail] ?? h.detail) : signal;
    const repositories = byJob.get(job) ?? new Map<string, Set<string>>();
    repositories.set(h.repositoryId, (repositories.get(h.repositoryId) ?? new Set()).add(h.detail));
    byJob.set(job, repositories);
  }
  const tools = new Set<string>();
  for (const repositories of byJob.values()) {
    const sets = [...repositories.values()];
    for (let i = 0; i < sets.length; i++)
      for (let j = i + 1; j < sets.length; j++)
        if (![...sets[i]!].some((t) => sets[j]!.has(t))) for (const t of [...sets[i]!, ...sets[j]!]) tools.add(t);
  }
  return [...tools].sort();
}

/** Different CI systems, IaC tools or managed platforms for the same job in different repositories of the scope. */
export function toolDivergenceInData(s: Situation): Factor | null {
  const spread = (["ci-pipeline", "infrastructure-as-code", "managed-platform"] as const)
    .map((signal) => ({ signal, tools: divergentTools(s.hits, signal) }))
    .filter((x) => x.tools.length >= 2);
  if (spread.length === 0) return null;
  return {
    side: "custom",
    weight: 1,
    text: `Teams use different tools for the same job: ${spread.map((x) => x.tools.join(" / ")).join("; ")}`,
    evidence: spread.flatMap((x) =>
      evidenceOf(
        hitsOf(s.hits, [x.signal]).filter((h) => x.tools.includes(h.detail)),
        3,
      ),
    ),
  };
}

/** "Must data stay in a given country…: yes". */
export function questionText(id: QuestionId): string {
  return findQuestion(id)!.text;
}

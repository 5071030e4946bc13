/**
 * Decides one check for one scope (a team, or the whole workspace) from its
 * signals, metrics and answers. No data means "unknown", never a pass.
 */
import type { Tier } from "@/lib/metrics/types";
import { noDataBecause, type JudgedValues } from "@/lib/withheld";
import { describeAnswer, findQuestion } from "./questionnaire";
import type { CheckDefinition, CheckSource } from "./rubric";
import { evidenceText, hitsOf, type SignalHit } from "./signals";
import type { CheckResult, CheckStatus, EffectiveAnswers, GivenAnswer, RepositoryInput, WindowLabel } from "./types";

/** What a scope offers to decide its checks. */
export interface ScopeFacts {
  repositories: readonly RepositoryInput[];
  /** Signal hits in the scope's repositories. */
  hits: readonly SignalHit[];
  metrics: JudgedValues | null;
  window: WindowLabel;
  answers: EffectiveAnswers;
  /** Team names by id, for evidence of who answered. */
  teamNames?: ReadonlyMap<string, string>;
}

type Decision = { status: CheckStatus; evidence: string[]; note?: string };

const MAX_EVIDENCE = 6;
const TIER_RANK: Record<Tier, number> = { low: 0, medium: 1, high: 2, elite: 3 };

function listed(hits: readonly SignalHit[]): string[] {
  const texts = hits.slice(0, MAX_EVIDENCE).map(evidenceText);
  if (hits.length > MAX_EVIDENCE) texts.push(`… and ${hits.length - MAX_EVIDENCE} more`);
  return texts;
}

/**
 * Hits in the order a reviewer reads them: the check's strongest signal first
 * (a CI pipeline before a stray shell script), taking each repository in turn
 * so the first few lines are not all one repository's.
 */
export function reviewOrder(hits: readonly SignalHit[], signals: readonly string[]): SignalHit[] {
  const bySignal = [...hits].sort((a, b) => signals.indexOf(a.signal) - signals.indexOf(b.signal));
  const queues = new Map<string, SignalHit[]>();
  for (const h of bySignal) queues.set(h.repositoryId, [...(queues.get(h.repositoryId) ?? []), h]);
  const ordered: SignalHit[] = [];
  for (let round = 0; ordered.length < bySignal.length; round++) {
    const taken = [...queues.values()].map((q) => q[round]).filter((h): h is SignalHit => h !== undefined);
    ordered.push(...taken.sort((a, b) => signals.indexOf(a.signal) - signals.indexOf(b.signal)));
  }
  return ordered;
}

function decideSignal(source: Extract<CheckSource, { kind: "signal" }>, facts: ScopeFacts): Decision {
  const withFiles = facts.repositories.filter((r) => r.snapshot !== null);
  if (withFiles.length === 0) {
    const note =
      facts.repositories.length === 0
        ? "no repositories in this scope"
        : "no repository files collected yet (sync GitHub or import repository_files)";
    return { status: "unknown", evidence: [], note };
  }
  const hits = reviewOrder(hitsOf(facts.hits, source.signals), source.signals);
  if (source.coverage === "any")
    return hits.length > 0
      ? { status: "pass", evidence: listed(hits) }
      : { status: "fail", evidence: [], note: `not found in ${withFiles.length} repositories` };
  const covered = new Set(hits.map((h) => h.repositoryId));
  const count = withFiles.filter((r) => covered.has(r.id)).length;
  const missing = withFiles.filter((r) => !covered.has(r.id)).map((r) => r.name);
  const note =
    `${count} of ${withFiles.length} repositories` +
    (missing.length
      ? `; missing in ${missing.slice(0, MAX_EVIDENCE).join(", ")}${missing.length > MAX_EVIDENCE ? ", …" : ""}`
      : "");
  return { status: count * 2 >= withFiles.length ? "pass" : "fail", evidence: listed(hits), note };
}

function decideMetric(source: Extract<CheckSource, { kind: "metric" }>, facts: ScopeFacts): Decision {
  const m = facts.metrics;
  const span = `${facts.window.from} – ${facts.window.to}`;
  if (!m) return { status: "unknown", evidence: [], note: "no metrics for the window" };
  // A metric whose source has no data decides nothing: unknown, with the reason, never a pass or a fail.
  const withheld = m.withheld[source.metric];
  if (withheld !== null) return { status: "unknown", evidence: [], note: noDataBecause(withheld) };
  if (source.metric === "deploymentFrequency") {
    const d = m.deploymentFrequency;
    if (d.tier === null) return { status: "unknown", evidence: [], note: "the window holds no full week" };
    const evidence = [
      `deployment frequency ${d.tier}: ${d.deployments} production deployments on ${d.deployDays} days, ${d.perDay.toFixed(2)} a day (${span})`,
    ];
    return { status: TIER_RANK[d.tier] >= TIER_RANK[source.tierAtLeast] ? "pass" : "fail", evidence };
  }
  const r = m.timeToRestore;
  if (r.medianHours === null)
    return { status: "unknown", evidence: [], note: `no resolved incidents opened in ${span}` };
  const evidence = [
    `time to restore: median ${r.medianHours.toFixed(1)} h over ${r.resolved} resolved incidents (${span})`,
  ];
  return { status: r.medianHours < source.medianHoursBelow ? "pass" : "fail", evidence };
}

/** "answered yes by Ana (team checkout) on 2026-03-01". */
export function answerEvidence(question: string, given: GivenAnswer, teamNames?: ReadonlyMap<string, string>): string {
  const scope = given.teamId === null ? "organisation" : `team ${teamNames?.get(given.teamId) ?? given.teamId}`;
  const value = describeAnswer(question as never, given.value);
  return `${question}: answered ${JSON.stringify(value)} by ${given.author} for the ${scope} on ${new Date(given.answeredAt).toISOString().slice(0, 10)}`;
}

function decideAnswer(source: Extract<CheckSource, { kind: "answer" }>, facts: ScopeFacts): Decision {
  const given = facts.answers[source.question];
  if (!given) return { status: "unknown", evidence: [], note: `unanswered: ${findQuestion(source.question)!.text}` };
  return {
    status: source.passWhen.includes(given.value) ? "pass" : "fail",
    evidence: [answerEvidence(source.question, given, facts.teamNames)],
  };
}

/** The result of one check for one scope. */
export function evaluateCheck(check: CheckDefinition, facts: ScopeFacts): CheckResult {
  const s = check.source;
  const decision =
    s.kind === "signal"
      ? decideSignal(s, facts)
      : s.kind === "metric"
        ? decideMetric(s, facts)
        : decideAnswer(s, facts);
  return {
    id: check.id,
    level: check.level,
    aspect: check.aspect,
    title: check.title,
    source: s.kind,
    status: decision.status,
    evidence: decision.evidence,
    fix: check.fix,
    ...(s.kind === "answer" ? { question: s.question } : {}),
    ...(decision.note ? { note: decision.note } : {}),
  };
}

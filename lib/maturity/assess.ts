/**
 * The whole assessment of a workspace: each team's checks, level and verdict,
 * and the organisation's level, distribution and verdict. Pure: the service
 * hands over plain rows with metrics already computed.
 */
import { evaluateCheck, type ScopeFacts } from "./checks";
import { awardLevel } from "./levels";
import { gapsOf, sharedGaps } from "./next-steps";
import { recommend, seenTools } from "./recommendation";
import { CHECKS, LEVELS, RUBRIC_VERSION } from "./rubric";
import { detectSignals, hitsOf, type SignalHit } from "./signals";
import type { Situation } from "./situation";
import type {
  AssessmentReport,
  CheckResult,
  Level,
  OrganisationAssessment,
  Reason,
  RepositoryInput,
  TeamAssessment,
  TeamInput,
  WorkspaceInput,
} from "./types";

interface ScopedTeam {
  input: TeamInput;
  facts: ScopeFacts;
  checks: CheckResult[];
  award: ReturnType<typeof awardLevel>;
}

function scopeTeam(
  team: TeamInput,
  input: WorkspaceInput,
  hits: readonly SignalHit[],
  teamNames: ReadonlyMap<string, string>,
): ScopedTeam | null {
  const repositories = input.repositories.filter((r) => r.teamId === team.id);
  if (repositories.length === 0) return null;
  const ids = new Set(repositories.map((r) => r.id));
  const facts: ScopeFacts = {
    repositories,
    hits: hits.filter((h) => ids.has(h.repositoryId)),
    metrics: team.metrics,
    window: input.window,
    answers: { ...input.answers, ...team.answers },
    teamNames,
  };
  const checks = CHECKS.map((c) => evaluateCheck(c, facts));
  return { input: team, facts, checks, award: awardLevel(checks) };
}

function filesOf(repositories: readonly RepositoryInput[]): Situation["files"] {
  return {
    withFiles: repositories.filter((r) => r.snapshot !== null).length,
    without: repositories.filter((r) => r.snapshot === null).map((r) => r.name),
  };
}

function levelName(level: Level): string {
  return level === 0 ? "below level 1" : `level ${level} (${LEVELS[level - 1]!.name})`;
}

function teamLevelReason(t: ScopedTeam): Reason {
  const a = t.award;
  const open = a.openQuestions.filter((q) => t.checks.find((c) => c.id === q.check)!.level <= a.level).length;
  const text = `Stands ${a.level === 0 ? "below level 1" : `at ${levelName(a.level)}`}${a.provisional ? `, provisional: reached on data; ${open} question${open === 1 ? "" : "s"} would confirm it` : ""}`;
  const blocking = a.progress.blocking.map((id) => {
    const c = t.checks.find((x) => x.id === id)!;
    return `level ${c.level} needs: ${c.title} (${c.id}, ${c.status}${c.note ? `: ${c.note}` : ""})`;
  });
  return { text, evidence: blocking };
}

function distributionReason(teams: readonly ScopedTeam[]): Reason {
  const evidence = [...teams]
    .sort((a, b) => b.award.level - a.award.level || a.input.name.localeCompare(b.input.name))
    .map((t) => {
      const blocking = t.award.progress.blocking;
      return `${t.input.name}: ${levelName(t.award.level)}${t.award.provisional ? ", provisional" : ""}${blocking.length ? `; next level blocked by ${blocking.join(", ")}` : ""}`;
    });
  const below3 = teams.filter((t) => t.award.level < 3).length;
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return {
    text: `${plural(teams.length, "team", "teams")} assessed; ${plural(below3, "stands", "stand")} below level 3 (self-service)`,
    evidence,
  };
}

/** Assesses a workspace: rubric version 1 over its repositories, metrics and answers. */
export function assessWorkspace(input: WorkspaceInput): AssessmentReport {
  const hits = detectSignals(input.repositories);
  const teamNames = new Map(input.teams.map((t) => [t.id, t.name]));
  const seen = seenTools(hits);
  const scoped = input.teams
    .map((t) => scopeTeam(t, input, hits, teamNames))
    .filter((t): t is ScopedTeam => t !== null);

  const orgSituation: Situation = {
    scope: "organisation",
    contributors: input.contributors,
    window: input.window,
    answers: input.answers,
    hits,
    workspaceHits: hits,
    metrics: input.metrics,
    teamNames,
    files: filesOf(input.repositories),
  };
  // Without teams the workspace is assessed as one scope.
  const whole =
    scoped.length === 0
      ? CHECKS.map((c) =>
          evaluateCheck(c, {
            repositories: input.repositories,
            hits,
            metrics: input.metrics,
            window: input.window,
            answers: input.answers,
            teamNames,
          }),
        )
      : null;
  // Teams on a managed platform need not close the custom platform's gaps.
  const offManaged = scoped.filter((t) => hitsOf(t.facts.hits, ["managed-platform"]).length === 0);
  const orgRecommendation = recommend({
    situation: orgSituation,
    gaps: whole ? gapsOf(whole) : sharedGaps(offManaged.map((t) => ({ name: t.input.name, checks: t.checks }))),
    seenTools: seen,
  });

  const teams: TeamAssessment[] = scoped.map((t) => {
    const situation: Situation = {
      scope: "team",
      contributors: t.input.contributors,
      window: input.window,
      answers: t.facts.answers,
      hits: t.facts.hits,
      workspaceHits: hits,
      metrics: t.input.metrics,
      teamNames,
      files: filesOf(t.facts.repositories),
    };
    const rec = recommend({
      situation,
      gaps: gapsOf(t.checks),
      seenTools: seen,
      organisationVerdict: orgRecommendation.verdict,
      levelReason: teamLevelReason(t),
    });
    return {
      team: t.input.id,
      name: t.input.name,
      level: t.award.level,
      provisional: t.award.provisional,
      contributors: t.input.contributors,
      ...rec,
      checks: t.checks,
      openQuestions: t.award.openQuestions,
      progress: t.award.progress,
    };
  });

  const distribution: OrganisationAssessment["distribution"] = { "0": 0, "1": 0, "2": 0, "3": 0, "4": 0 };
  for (const t of teams) distribution[`${t.level}`] += 1;
  // The organisation stands where its typical team does: the lower median of team levels.
  const award = whole
    ? awardLevel(whole)
    : [...scoped].sort((a, b) => a.award.level - b.award.level)[Math.floor((scoped.length - 1) / 2)]!.award;
  const organisation: OrganisationAssessment = {
    level: award.level,
    provisional: award.provisional,
    contributors: input.contributors,
    distribution,
    ...orgRecommendation,
    reasons: scoped.length
      ? [orgRecommendation.reasons[0]!, distributionReason(scoped), ...orgRecommendation.reasons.slice(1)]
      : orgRecommendation.reasons,
    ...(whole ? { checks: whole } : {}),
  };
  return {
    workspace: input.workspace,
    rubricVersion: RUBRIC_VERSION,
    assessedAt: new Date(input.now).toISOString(),
    window: input.window,
    organisation,
    teams,
  };
}

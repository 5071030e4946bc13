/**
 * Inputs and outputs of the maturity engine (lib/maturity/RUBRIC.md). The
 * engine is pure: the service loads these plain rows for a workspace, with the
 * metrics already computed, and hands them over. Timestamps are UTC ms.
 */
import type { RepositoryFile } from "@/lib/events/types";
import type { JudgedValues } from "@/lib/withheld";
import type { AnswerValue, QuestionId } from "./questionnaire";

export type { RepositoryFile };

/** 0 when not even level 1 is met. */
export type Level = 0 | 1 | 2 | 3 | 4;
/** The level a check belongs to. */
export type CheckLevel = 1 | 2 | 3 | 4;
export type CheckStatus = "pass" | "fail" | "unknown";
/** `insufficient-data`: withheld, because missing data is never a verdict (no files, no signal, no answer). */
export type Verdict = "managed" | "managed-revisit" | "custom" | "evolve-custom" | "insufficient-data";

/** A repository as the assessment sees it: metadata and the latest snapshot of its default branch. */
export interface RepositoryInput {
  id: string;
  /** e.g. `acme/checkout`; the id when the repository record never arrived. */
  name: string;
  teamId: string | null;
  isTemplate: boolean;
  templateId: string | null;
  /** Production environments it deployed to (several suggest several regions). */
  productionEnvironments: string[];
  /** null when no `repository_files` snapshot arrived for it. */
  snapshot: { observedAt: number; files: RepositoryFile[] } | null;
}

/** One answer as given: the value, who gave it, when, and for which scope (null: the organisation). */
export interface GivenAnswer {
  value: AnswerValue;
  author: string;
  answeredAt: number;
  teamId: string | null;
}

/** The answers in force for a scope: the organisation's, overlaid by the team's own. */
export type EffectiveAnswers = Partial<Record<QuestionId, GivenAnswer>>;

/** A window as people read it, for evidence texts. */
export interface WindowLabel {
  from: string;
  to: string;
}

/** Everything the engine needs about one team. */
export interface TeamInput {
  id: string;
  name: string;
  /** Distinct non-bot commit and pull request authors in the team's repositories during the window. */
  contributors: number;
  /** The team's metrics for the window; null when they could not be computed. */
  metrics: JudgedValues | null;
  /** The team's own answers (without the organisation's). */
  answers: EffectiveAnswers;
}

/** Everything the engine needs about one workspace. */
export interface WorkspaceInput {
  workspace: string;
  now: number;
  window: WindowLabel;
  repositories: RepositoryInput[];
  teams: TeamInput[];
  /** Distinct non-bot authors across the workspace during the window. */
  contributors: number;
  metrics: JudgedValues | null;
  /** The organisation's own answers. */
  answers: EffectiveAnswers;
}

/** The result of one check for one scope (spec/cli.md `assess`). */
export interface CheckResult {
  id: string;
  level: CheckLevel;
  aspect: string;
  title: string;
  source: "signal" | "metric" | "answer";
  status: CheckStatus;
  evidence: string[];
  fix: string;
  /** For questionnaire checks: the question that decides it. */
  question?: QuestionId;
  /** Why it is unknown or failing, or how much of the scope it covers ("3 of 5 repositories"). */
  note?: string;
}

/** A reason for a verdict, tied to its evidence. */
export interface Reason {
  text: string;
  evidence: string[];
}

/** A concrete step: an ecosystem category, what to do, candidate tools. */
export interface NextStep {
  category: string;
  action: string;
  tools: string[];
}

/** How far a scope is from its next level. */
export interface Progress {
  nextLevel: CheckLevel | null;
  passed: number;
  total: number;
  /** Ids of checks that keep the next level out of reach (failing, or unknown without data). */
  blocking: string[];
}

/** A managed platform recommendation: which providers and why. */
export interface ManagedChoice {
  providers: string[];
  reasons: string[];
  /** What keeps a managed platform acceptable, when a requirement constrains it. */
  constraints: string[];
}

/** What the verdict logic returns for a scope. */
export interface Recommendation {
  verdict: Verdict;
  reasons: Reason[];
  nextSteps: NextStep[];
  unknowns: string[];
  /** For managed verdicts: the providers chosen from workload signals. */
  managedPlatform: ManagedChoice | null;
  /** For managed-revisit: what should make the organisation look again. */
  revisitWhen: string[];
}

/** One team's assessment (spec/cli.md `assess`, plus extra keys). */
export interface TeamAssessment extends Recommendation {
  team: string;
  name: string;
  level: Level;
  provisional: boolean;
  contributors: number;
  checks: CheckResult[];
  /** Questions that would confirm a provisional level (or decide the next one). */
  openQuestions: { question: QuestionId; text: string; check: string }[];
  progress: Progress;
}

/** The organisation's assessment. */
export interface OrganisationAssessment extends Recommendation {
  level: Level;
  provisional: boolean;
  contributors: number;
  /** How many teams stand at each level, "0" to "4". */
  distribution: Record<`${Level}`, number>;
  /** Only for a workspace without teams owning repositories: the checks of the workspace as one scope. */
  checks?: CheckResult[];
}

/** `altimeter assess --json`. */
export interface AssessmentReport {
  workspace: string;
  rubricVersion: string;
  assessedAt: string;
  window: WindowLabel;
  organisation: OrganisationAssessment;
  teams: TeamAssessment[];
}

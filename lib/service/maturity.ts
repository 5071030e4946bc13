import type { Db } from "@/db/client";
import { ValidationError } from "@/lib/errors";
import { applyAnswerChanges, sameAnswers, storedAnswers, type AnswerChanges } from "@/lib/maturity/answers";
import { assessWorkspace } from "@/lib/maturity/assess";
import { countContributors } from "@/lib/maturity/contributors";
import { identitiesOf } from "./people";
import { QUESTIONS, QUESTION_GROUPS, type Answers, type QuestionId } from "@/lib/maturity/questionnaire";
import { RUBRIC_VERSION } from "@/lib/maturity/rubric";
import type { AssessmentReport, EffectiveAnswers, RepositoryInput, TeamInput } from "@/lib/maturity/types";
import { formatDate, parseDate } from "@/lib/metrics/window";
import {
  insertAnswers,
  insertAssessmentSnapshots,
  listAnswerHistory,
  listAuthorActivity,
  listDeploymentEnvironments,
  latestAuthorActivity,
  listLatestAnswers,
  listLevelHistory,
  type LevelPoint,
  type QuestionnaireAnswers,
} from "@/lib/queries/assessments";
import { listRepositoriesWithFiles } from "@/lib/queries/repository-files";
import { getTeam, listTeams, type Team } from "@/lib/queries/teams";
import { getWorkspace, type Workspace } from "@/lib/queries/workspaces";
import { getMetricsReport } from "./metrics";
import { audit, OPERATOR, type Principal } from "./access";
import { describeChanges } from "./audit-log";
import { DAY_MS } from "@/lib/time";

export type { AssessmentReport, LevelPoint };

/** The default assessment window: the 90 days ending at today's UTC midnight. */
export const DEFAULT_ASSESSMENT_DAYS = 90;

/** An assessment as people ask for it. */
export interface AssessQuery {
  workspace: string;
  team?: string | null;
  /** The day after the window, YYYY-MM-DD; default today (UTC). */
  to?: string | null;
  days?: number | null;
  now?: number;
  /** Record the result as snapshots (the organisation and every team) for level over time. */
  record?: boolean;
}

function assessmentWindow(q: AssessQuery, now: number): { from: number; to: number } {
  const to = q.to ? parseDate(q.to, "--to") : Math.floor(now / DAY_MS) * DAY_MS;
  const days = q.days ?? DEFAULT_ASSESSMENT_DAYS;
  if (!Number.isInteger(days) || days < 7 || days > 3660)
    throw new ValidationError(`--days must be a whole number of days from 7 to 3660, got ${days}`);
  return { from: to - days * DAY_MS, to };
}

function givenAnswers(row: QuestionnaireAnswers | undefined): EffectiveAnswers {
  const out: EffectiveAnswers = {};
  if (!row) return out;
  for (const [id, value] of Object.entries(storedAnswers(row.answers)) as [QuestionId, Answers[QuestionId]][]) {
    out[id] = { value: value!, author: row.author, answeredAt: row.answeredAt, teamId: row.teamId };
  }
  return out;
}

async function loadRepositories(db: Db, workspace: Workspace): Promise<RepositoryInput[]> {
  const production = new RegExp(workspace.productionEnv, "i");
  const environments = new Map<string, string[]>();
  for (const e of await listDeploymentEnvironments(db, workspace.id)) {
    if (!production.test(e.environment)) continue;
    environments.set(e.repositoryId, [...(environments.get(e.repositoryId) ?? []), e.environment].sort());
  }
  return (await listRepositoriesWithFiles(db, workspace.id)).map((r) => ({
    ...r,
    name: r.name ?? r.id,
    productionEnvironments: environments.get(r.id) ?? [],
  }));
}

/** `altimeter assess`: the maturity assessment and recommendation of a workspace (or one team of it). */
export async function assessMaturity(db: Db, q: AssessQuery): Promise<AssessmentReport> {
  const workspace = await getWorkspace(db, q.workspace);
  if (q.team) await getTeam(db, workspace.id, q.team, workspace.slug);
  const now = q.now ?? Date.now();
  const window = assessmentWindow(q, now);
  const label = { from: formatDate(window.from), to: formatDate(window.to) };
  const [teams, repositories, authored, latest, identities] = await Promise.all([
    listTeams(db, workspace.id),
    loadRepositories(db, workspace),
    listAuthorActivity(db, workspace.id, window.from, window.to),
    listLatestAnswers(db, workspace.id),
    identitiesOf(db, workspace.id),
  ]);
  // One person under several ids is one contributor (`altimeter people`).
  const activity = authored.map((a) => {
    const leader = identities.leaderOf.get(a.authorId);
    return leader === undefined ? a : { ...a, authorId: leader };
  });
  const metricsQuery = { workspace: workspace.slug, from: label.from, to: label.to };
  const teamInputs: TeamInput[] = [];
  for (const team of teams) {
    const ids = new Set(repositories.filter((r) => r.teamId === team.id).map((r) => r.id));
    if (ids.size === 0) continue;
    teamInputs.push({
      id: team.id,
      name: team.name,
      contributors: countContributors(activity, ids),
      metrics: await getMetricsReport(db, { ...metricsQuery, team: team.id }),
      answers: givenAnswers(latest.find((a) => a.teamId === team.id)),
    });
  }
  if (q.team && !teamInputs.some((t) => t.id === q.team)) {
    throw new ValidationError(
      `team ${JSON.stringify(q.team)} owns no repositories, so there is nothing to assess (a repository names its team with teamId)`,
    );
  }
  const report = assessWorkspace({
    workspace: workspace.slug,
    now,
    window: label,
    repositories,
    teams: teamInputs,
    contributors: countContributors(activity),
    metrics: await getMetricsReport(db, metricsQuery),
    answers: givenAnswers(latest.find((a) => a.teamId === null)),
  });
  if (q.record) {
    const { teams: teamResults, ...whole } = report;
    await insertAssessmentSnapshots(db, workspace.id, [
      {
        teamId: null,
        assessedAt: now,
        rubricVersion: RUBRIC_VERSION,
        level: whole.organisation.level,
        provisional: whole.organisation.provisional,
        verdict: whole.organisation.verdict,
        detail: { ...whole },
      },
      ...teamResults.map((t) => ({
        teamId: t.team,
        assessedAt: now,
        rubricVersion: RUBRIC_VERSION,
        level: t.level,
        provisional: t.provisional,
        verdict: t.verdict,
        detail: { ...t },
      })),
    ]);
  }
  return q.team ? { ...report, teams: report.teams.filter((t) => t.team === q.team) } : report;
}

/** One scope's answers to save: replace them all (the form) or merge changes onto the current ones (an import). */
export interface AnswerSave {
  team: string | null;
  changes: AnswerChanges;
  mode: "replace" | "merge";
}

/** What a save did per scope. */
export interface SaveResult {
  saved: { team: string | null; changed: boolean; answers: Answers }[];
}

/**
 * Saves answers for one or more scopes of a workspace, all or none, each as a
 * new row so the history is kept; a scope whose answers would not change gets
 * no new row. When anything changed, the assessment is recorded as a snapshot.
 */
export async function saveAnswers(
  db: Db,
  input: {
    workspace: string;
    author: string;
    answeredAt?: number | null;
    now?: number;
    saves: AnswerSave[];
    /** Who saved, for the audit log (default the CLI's operator). */
    actor?: Principal;
  },
): Promise<SaveResult> {
  const workspace = await getWorkspace(db, input.workspace);
  const author = input.author.trim();
  if (author === "" || author.length > 200)
    throw new ValidationError("the author must be a name of 1 to 200 characters");
  const now = input.now ?? Date.now();
  const answeredAt = input.answeredAt ?? now;
  for (const s of input.saves) if (s.team !== null) await getTeam(db, workspace.id, s.team, workspace.slug);
  const latest = await listLatestAnswers(db, workspace.id);
  const compared = input.saves.map((s) => {
    const current = storedAnswers(latest.find((a) => a.teamId === s.team)?.answers ?? {});
    const answers = applyAnswerChanges(s.mode === "merge" ? current : {}, s.changes);
    return { team: s.team, changed: !sameAnswers(current, answers), answers, current };
  });
  const saved = compared.map(({ current: _, ...s }) => s);
  const rows = saved
    .filter((s) => s.changed)
    .map((s) => ({ teamId: s.team, answeredAt, author, answers: s.answers, rubricVersion: RUBRIC_VERSION }));
  await insertAnswers(db, workspace.id, rows);
  for (const s of compared.filter((c) => c.changed)) {
    const what = describeChanges(s.current, s.answers) ?? "";
    const scope = s.team === null ? "organisation" : `team ${s.team}`;
    const detail = `${scope}, given by ${author}: ${what}`;
    await audit(
      db,
      input.actor ?? OPERATOR,
      workspace.id,
      "answers.save",
      detail.length > 2000 ? `${detail.slice(0, 1999)}…` : detail,
      now,
    );
  }
  if (rows.length > 0) await assessMaturity(db, { workspace: workspace.slug, now, record: true });
  return { saved };
}

/** What the questionnaire form shows for one scope. */
export interface QuestionnaireView {
  workspace: { slug: string; name: string };
  team: { id: string; name: string } | null;
  teams: { id: string; name: string }[];
  groups: typeof QUESTION_GROUPS;
  questions: typeof QUESTIONS;
  /** The scope's own answers in force, or null before the first save. */
  current: { answers: Answers; author: string; answeredAt: number } | null;
  /** For a team: the organisation's answers, which apply where the team has none. */
  inherited: Answers;
  history: { id: number; answeredAt: number; author: string; answers: Answers }[];
}

/** The questionnaire of the organisation (team null) or of one team, with its history. */
export async function getQuestionnaire(db: Db, slug: string, teamId: string | null): Promise<QuestionnaireView> {
  const workspace = await getWorkspace(db, slug);
  const team: Team | null = teamId === null ? null : await getTeam(db, workspace.id, teamId, workspace.slug);
  const [teams, history, latest] = await Promise.all([
    listTeams(db, workspace.id),
    listAnswerHistory(db, workspace.id, teamId),
    listLatestAnswers(db, workspace.id),
  ]);
  const head = history[0];
  return {
    workspace: { slug: workspace.slug, name: workspace.name },
    team: team && { id: team.id, name: team.name },
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    groups: QUESTION_GROUPS,
    questions: QUESTIONS,
    current: head ? { answers: storedAnswers(head.answers), author: head.author, answeredAt: head.answeredAt } : null,
    inherited: team ? storedAnswers(latest.find((a) => a.teamId === null)?.answers ?? {}) : {},
    history: history.map((h) => ({
      id: h.id,
      answeredAt: h.answeredAt,
      author: h.author,
      answers: storedAnswers(h.answers),
    })),
  };
}

/** Recorded levels of the organisation (team null) or one team, oldest first. */
export async function getLevelHistory(db: Db, slug: string, teamId: string | null): Promise<LevelPoint[]> {
  const workspace = await getWorkspace(db, slug);
  return listLevelHistory(db, workspace.id, teamId);
}

/**
 * Why an assessment found no contributors, when the data says: the window
 * ends after the last commit or pull request (an older snapshot of a
 * repository), so `--to` should move back. Null when the window is not the reason.
 */
export async function noContributorsHint(db: Db, slug: string, window: { from: string }): Promise<string | null> {
  const workspace = await getWorkspace(db, slug);
  const last = await latestAuthorActivity(db, workspace.id);
  if (last === null || last >= parseDate(window.from, "from")) return null;
  const day = formatDate(last);
  const after = formatDate(Math.floor(last / DAY_MS) * DAY_MS + DAY_MS);
  return `no commit or pull request since ${window.from}: the data ends on ${day}; pass --to ${after} to assess the time it covers`;
}

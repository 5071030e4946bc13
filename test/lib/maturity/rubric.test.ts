import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { assessWorkspace } from "@/lib/maturity/assess";
import { QUESTIONS, type AnswerValue, type QuestionId } from "@/lib/maturity/questionnaire";
import { SIGNAL_IDS } from "@/lib/maturity/signals";
import { CHECKS, LEVELS } from "@/lib/maturity/rubric";
import type { EffectiveAnswers, RepositoryInput, TeamAssessment } from "@/lib/maturity/types";
import { METRIC_NAMES } from "@/lib/metrics";
import type { Tier } from "@/lib/metrics/types";
import type { JudgedValues, Withheld } from "@/lib/withheld";
import * as fx from "./fixtures";
import { file, paths, repo } from "./fixtures";

const NOW = Date.UTC(2026, 3, 6);

const JUDGED = Object.fromEntries(METRIC_NAMES.map((m) => [m, null])) as Withheld;

function metrics(
  o: { deploymentTier?: Tier | null; restoreHours?: number | null; withheld?: Partial<Withheld> } = {},
): JudgedValues {
  const tier = o.deploymentTier === undefined ? "elite" : o.deploymentTier;
  const restore = o.restoreHours === undefined ? 0.5 : o.restoreHours;
  return {
    deploymentFrequency: { deployments: 180, perDay: 2, perWeek: 14, deployDays: 64, tier },
    leadTime: { changes: 150, medianHours: 5, p90Hours: 20, tier: "elite" },
    changeFailureRate: { deployments: 180, failed: 4, rate: 0.02, tier: "elite" },
    timeToRestore: {
      incidents: 4,
      resolved: restore === null ? 0 : 4,
      open: 0,
      medianHours: restore,
      meanHours: restore,
      tier: restore === null ? null : "elite",
    },
    onboarding: { newcomers: 0, onboarded: 0, medianDays: null, p90Days: null },
    timeToFirstDeploy: { newRepositories: 0, deployed: 0, medianHours: null },
    reworkRate: { deployments: 180, rework: 5, rate: 5 / 180, tier: null },
    failedDeploymentRecovery: {
      failed: 4,
      recovered: 4,
      unrecovered: 0,
      medianHours: 0.5,
      meanHours: 0.5,
      tier: "elite",
    },
    coverage: { deployments: true, incidents: true, pullRequests: true, commits: true },
    targets: {
      onboarding: null,
      timeToFirstDeploy: null,
      deploymentFrequency: true,
      changeFailureRate: true,
      timeToRestore: true,
      reworkRate: true,
      failedDeploymentRecovery: true,
    },
    withheld: { ...JUDGED, ...o.withheld },
  };
}

function answers(values: Partial<Record<QuestionId, AnswerValue>>, teamId: string | null = null): EffectiveAnswers {
  const out: EffectiveAnswers = {};
  for (const [id, value] of Object.entries(values))
    out[id as QuestionId] = { value: value!, author: "Ana", answeredAt: NOW, teamId };
  return out;
}

function assessTeam(
  repositories: RepositoryInput[],
  o: { metrics?: JudgedValues | null; teamAnswers?: EffectiveAnswers; orgAnswers?: EffectiveAnswers } = {},
): TeamAssessment {
  const report = assessWorkspace({
    workspace: "acme",
    now: NOW,
    window: { from: "2026-01-06", to: "2026-04-06" },
    repositories,
    teams: [
      {
        id: "team",
        name: "Team",
        contributors: 8,
        metrics: o.metrics === undefined ? null : o.metrics,
        answers: o.teamAnswers ?? {},
      },
    ],
    contributors: 8,
    metrics: null,
    answers: o.orgAnswers ?? {},
  });
  return report.teams[0]!;
}

const status = (t: TeamAssessment, id: string) => t.checks.find((c) => c.id === id)!.status;

const level1 = [file(".github/workflows/ci.yml", fx.ciWorkflow), file("docs/runbook.md")];
const level2 = [
  file(".github/workflows/ci.yml", fx.callerWorkflow),
  file("renovate.json"),
  file(".copier-answers.yml", "_src_path: gh:acme/templates\n"),
];
const level3 = [
  file("catalog-info.yaml", fx.catalogInfo),
  file("CODEOWNERS"),
  file("templates/svc/template.yaml", fx.scaffolderTemplate),
];
const level4 = [
  file("infra/main.tf", fx.terraform),
  file("deploy/argocd/app.yaml", fx.argoApplication),
  file(".github/workflows/deploy.yml", fx.deployOnPush),
  file("charts/api/templates/hpa.yaml", fx.hpa),
  file("charts/api/templates/deployment.yaml", fx.deployment(true)),
  file("otel/collector.yaml", fx.otelCollector),
];
const everything = [...level1, ...level2, ...level3, ...level4];

describe("maturity rubric", () => {
  test("the rubric has checks at every level, each with a fix hint and a next step", () => {
    for (const l of LEVELS) expect(CHECKS.filter((c) => c.level === l.level).length).toBeGreaterThan(1);
    for (const c of CHECKS) expect(c.fix.length && c.passes.length && c.step.action.length).toBeGreaterThan(0);
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  test("RUBRIC.md documents every check, signal and question of the rubric data", () => {
    const doc = readFileSync(new URL("../../../lib/maturity/RUBRIC.md", import.meta.url), "utf8");
    for (const c of CHECKS) expect(doc, c.id).toContain(`| ${c.level} | \`${c.id}\` | ${c.aspect} |`);
    for (const id of SIGNAL_IDS) expect(doc, id).toContain(`| ${id} |`);
    for (const q of QUESTIONS) expect(doc, q.id).toContain(`| \`${q.id}\` |`);
  });

  test("levels are awarded cumulatively: level-4 signals do not lift a team past a failing level 3", () => {
    const t = assessTeam([repo("api", [...level1, ...level2, ...level4])], { metrics: metrics() });
    expect(status(t, "infrastructure-as-code")).toBe("pass");
    expect(status(t, "gitops")).toBe("pass");
    expect(status(t, "software-catalog")).toBe("fail");
    expect(t.level).toBe(2);
    expect(t.progress).toMatchObject({
      nextLevel: 3,
      blocking: ["software-catalog", "golden-path", "clear-ownership"],
    });
  });

  test("a team whose repositories show a catalog, golden paths, IaC and GitOps reaches level 3 on data alone, provisional, with the open questions listed", () => {
    const t = assessTeam([repo("api", everything)]);
    expect(t.level).toBe(3);
    expect(t.provisional).toBe(true);
    // Without metrics the outcome checks are unknown, and unknown data never passes.
    expect(status(t, "deployment-frequency")).toBe("unknown");
    expect(t.progress.blocking).toEqual(["deployment-frequency", "time-to-restore"]);
    expect(t.openQuestions.map((q) => q.question)).toEqual([
      "sharedDeployKnowledge",
      "templatesMaintained",
      "selfServiceNoTickets",
      "automatedRollback",
    ]);
  });

  test("with elite delivery and restores under a day the same team reaches level 4, still provisional until answered", () => {
    const t = assessTeam([repo("api", everything)], { metrics: metrics() });
    expect(t.level).toBe(4);
    expect(t.provisional).toBe(true);
    expect(t.checks.find((c) => c.id === "time-to-restore")!.evidence[0]).toMatch(
      /median 0\.5 h over 4 resolved incidents/,
    );
  });

  test("answering the questionnaire confirms the level: no longer provisional", () => {
    const yes = answers({
      sharedDeployKnowledge: true,
      templatesMaintained: true,
      selfServiceNoTickets: true,
      automatedRollback: true,
    });
    const t = assessTeam([repo("api", everything)], { metrics: metrics(), orgAnswers: yes });
    expect(t).toMatchObject({ level: 4, provisional: false, openQuestions: [] });
    expect(t.checks.find((c) => c.id === "automatic-rollback")!.evidence[0]).toMatch(
      /answered "yes" by Ana for the organisation on 2026-04-06/,
    );
  });

  test("a failing questionnaire check always blocks its level, however good the data", () => {
    const t = assessTeam([repo("api", everything)], {
      metrics: metrics(),
      orgAnswers: answers({ sharedDeployKnowledge: false }),
    });
    expect(status(t, "shared-deploy-knowledge")).toBe("fail");
    expect(t.level).toBe(0);
  });

  test("a team's own answer overrides the organisation's", () => {
    const t = assessTeam([repo("api", everything)], {
      metrics: metrics(),
      orgAnswers: answers({ templatesMaintained: true }),
      teamAnswers: answers({ templatesMaintained: false }, "team"),
    });
    expect(status(t, "templates-owned")).toBe("fail");
    expect(t.level).toBe(1);
  });

  test("without repository files every signal check is unknown, shown as a gap, and the team stays at level 0", () => {
    const t = assessTeam([repo("api", null), repo("web", null)], { metrics: metrics() });
    const signalChecks = t.checks.filter((c) => c.source === "signal");
    expect(signalChecks.every((c) => c.status === "unknown" && c.evidence.length === 0)).toBe(true);
    expect(signalChecks[0]!.note).toMatch(/no repository files/);
    expect(t).toMatchObject({ level: 0, provisional: false });
    expect(t.progress.blocking).toEqual(["scripted-delivery", "operational-docs"]);
  });

  test("no resolved incidents leaves time to restore unknown, which blocks level 4 instead of passing it", () => {
    const t = assessTeam([repo("api", everything)], { metrics: metrics({ restoreHours: null }) });
    expect(status(t, "time-to-restore")).toBe("unknown");
    expect(t.level).toBe(3);
  });

  test("outcome checks on a metric whose source has no data are unknown with the reason, never pass or fail", () => {
    const noIncidents = "no incident data before 6 Apr 2026; connect an incident source";
    const noDeployments = "no deployment data before 6 Apr 2026; connect a deployment source";
    // The tiers and medians below would pass both checks: the withheld judgement must win.
    const t = assessTeam([repo("api", everything)], {
      metrics: metrics({ withheld: { timeToRestore: noIncidents, deploymentFrequency: noDeployments } }),
    });
    const check = (id: string) => t.checks.find((c) => c.id === id)!;
    expect(check("time-to-restore")).toMatchObject({
      status: "unknown",
      evidence: [],
      note: `no data: ${noIncidents}`,
    });
    expect(check("deployment-frequency")).toMatchObject({
      status: "unknown",
      evidence: [],
      note: `no data: ${noDeployments}`,
    });
    expect(t.level).toBe(3);
  });

  test("deploying only monthly fails the level-4 outcome check", () => {
    const t = assessTeam([repo("api", everything)], { metrics: metrics({ deploymentTier: "medium" }) });
    expect(status(t, "deployment-frequency")).toBe("fail");
    expect(t.level).toBe(3);
  });

  test("a catalog must cover at least half of the team's repositories", () => {
    const t = assessTeam([repo("a", everything), repo("b", level1), repo("c", level1)], { metrics: metrics() });
    const catalog = t.checks.find((c) => c.id === "software-catalog")!;
    expect(catalog).toMatchObject({ status: "fail", note: "1 of 3 repositories; missing in acme/b, acme/c" });
    const half = assessTeam(
      [repo("a", everything), repo("b", [...level1, file("catalog-info.yaml")]), repo("c", level1)],
      { metrics: metrics() },
    );
    expect(status(half, "software-catalog")).toBe("pass");
  });

  test("a team with only a README is below level 1", () => {
    const t = assessTeam([repo("api", paths("README.md", "src/main.go"))]);
    expect(t.level).toBe(0);
    expect(t.checks.filter((c) => c.level === 1).map((c) => c.status)).toEqual(["fail", "fail", "unknown"]);
  });
});

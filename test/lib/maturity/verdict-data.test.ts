/**
 * The verdict rests on evidence: withheld when there is none, and the same
 * whichever incidental files (blog assets, devcontainers, docs, formatter
 * workflows) a snapshot happens to show.
 */
import { describe, expect, test } from "vitest";
import type { RepositoryFile } from "@/lib/events/types";
import { assessWorkspace } from "@/lib/maturity/assess";
import type { EffectiveAnswers, RepositoryInput, WorkspaceInput } from "@/lib/maturity/types";
import { asRepository, loadCorpus } from "./corpus";
import * as fx from "./fixtures";
import { file, paths, repo } from "./fixtures";

const NOW = Date.UTC(2026, 11, 4);
const corpus = new Map(loadCorpus().map((f) => [f.repository, f]));
const real = (name: string): RepositoryInput => asRepository(corpus.get(name)!);

function workspace(repositories: RepositoryInput[], o: Partial<WorkspaceInput> = {}): WorkspaceInput {
  return {
    workspace: "client",
    now: NOW,
    window: { from: "2026-09-05", to: "2026-12-04" },
    repositories,
    teams: [],
    contributors: 40,
    metrics: null,
    answers: {},
    ...o,
  };
}

const given = (answers: Record<string, unknown>): EffectiveAnswers =>
  Object.fromEntries(
    Object.entries(answers).map(([q, value]) => [q, { value, author: "Consultant", answeredAt: NOW, teamId: null }]),
  ) as EffectiveAnswers;

const PROVIDERS = /Railway|Fly\.io|Vercel|Render|Netlify|Heroku/;

describe("no evidence, no verdict", () => {
  test("repositories without file snapshots and no answers: the verdict is withheld and no platform is named", () => {
    const input = workspace([repo("api", null), repo("web", null)], {
      contributors: 729,
      teams: [{ id: "team", name: "Team", contributors: 729, metrics: null, answers: {} }],
    });
    const report = assessWorkspace(input);
    for (const scope of [report.organisation, report.teams[0]!]) {
      expect(scope.verdict).toBe("insufficient-data");
      expect(scope.managedPlatform).toBeNull();
      expect(scope.reasons[0]!.text).toMatch(/^Not enough data for a verdict: collect repository files/);
      expect(scope.reasons[0]!.evidence).toEqual(["no file snapshot for acme/api, acme/web"]);
      expect(JSON.stringify({ r: scope.reasons, s: scope.nextSteps })).not.toMatch(PROVIDERS);
      expect(scope.nextSteps).toHaveLength(1);
    }
  });

  test("files that show no signal at all: the verdict is withheld", () => {
    const report = assessWorkspace(workspace([repo("api", paths("README.md", "src/index.ts", "LICENSE"))]));
    expect(report.organisation.verdict).toBe("insufficient-data");
    expect(report.organisation.reasons[0]!.text).toContain("show no delivery, runtime or workload signal");
    expect(report.organisation.reasons[0]!.evidence).toEqual(["1 repositories with files, none with a signal"]);
    expect(report.organisation.managedPlatform).toBeNull();
  });

  test("answers stand on their own, but without a workload no provider is chosen (no Railway by default)", () => {
    const answers = given({
      developers: 6,
      simpleInfrastructure: true,
      onePersonDevOps: true,
      gpu: false,
      customNetworking: false,
      complianceCertification: false,
      dataResidency: false,
      costAtScale: false,
    });
    const report = assessWorkspace(workspace([repo("api", null)], { answers, contributors: 0 }));
    const o = report.organisation;
    expect(o.verdict).toBe("managed");
    expect(o.managedPlatform!.providers).toEqual([]);
    expect(o.managedPlatform!.reasons[0]).toMatch(/^Not enough data to choose a provider/);
    expect(o.unknowns).toContain(
      "workload: no Next.js, container or database signals in the repositories to choose a provider from",
    );
    expect(JSON.stringify(o.nextSteps)).not.toMatch(PROVIDERS);
  });
});

/** Files a snapshot may or may not show, none of which is the team's practice. */
const INCIDENTAL: RepositoryFile[] = [
  file("apps/web/public/assets/posts/monitoring-latency/railway.json", JSON.stringify({ data: [1, 2, 3] })),
  file("website/blog/2024/render.yaml", "services: []\n"),
  file(".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/base\n"),
  file(".devcontainer/docker-compose.yml", fx.compose),
  file("docs/deploy/fly.toml", 'app = "example"\n'),
  file("examples/vercel/vercel.json", JSON.stringify({ regions: ["fra1", "iad1"] })),
  file(".github/workflows/black.yml", fx.blackWorkflow),
  file(".github/workflows/prettier.yaml", fx.prettierWorkflow),
  file(".github/workflows/stale.yml", fx.staleWorkflow),
  file("grafana/dashboards/overview.json", "{}"),
  file("apps/web/src/content/pages/changelog/grafana-oncall-integration.mdx"),
  file("test/e2e/k8s/deployment.yaml", fx.deployment(true)),
  file("examples/terraform/main.tf", fx.terraform),
  file("tests/fixtures/Jenkinsfile", "pipeline {}\n"),
];

const withIncidental = (r: RepositoryInput): RepositoryInput => ({
  ...r,
  snapshot: { observedAt: r.snapshot!.observedAt, files: [...r.snapshot!.files, ...INCIDENTAL] },
});

describe("a verdict that does not flip on incidental files", () => {
  const names = [
    "umami-software/umami",
    "openstatusHQ/openstatus",
    "middlewarehq/middleware",
    "apache/incubator-devlake",
    "dubinc/dub",
  ];

  // Before the path-aware rules, DevLake and middleware alone flipped from managed-revisit to custom at 15 and
  // 120 contributors, and their provider from Railway to Fly.io, on a blog asset, a devcontainer and an example.
  const scopes: [string, string[]][] = [
    ["five real repositories", names],
    ["apache/incubator-devlake", ["apache/incubator-devlake"]],
    ["middlewarehq/middleware", ["middlewarehq/middleware"]],
  ];
  for (const [label, repositories] of scopes)
    for (const contributors of [8, 15, 40, 120]) {
      test(`${label}, ${contributors} contributors: the same assessment with or without look-alike files`, () => {
        const plain = assessWorkspace(workspace(repositories.map(real), { contributors }));
        const noisy = assessWorkspace(workspace(repositories.map(real).map(withIncidental), { contributors }));
        expect(noisy.organisation.verdict).toBe(plain.organisation.verdict);
        expect(noisy.organisation.managedPlatform).toEqual(plain.organisation.managedPlatform);
        expect(noisy.organisation.reasons.map((r) => r.text)).toEqual(plain.organisation.reasons.map((r) => r.text));
        expect(noisy.organisation.level).toBe(plain.organisation.level);
        expect(noisy.organisation.checks).toEqual(plain.organisation.checks);
      });
    }

  test("the verdicts on real repositories are the ones a reviewer expects", () => {
    const verdict = (repositories: string[], contributors: number) =>
      assessWorkspace(workspace(repositories.map(real), { contributors })).organisation;
    const devlake = verdict(["apache/incubator-devlake"], 120);
    expect(devlake.verdict).toBe("managed-revisit");
    expect(devlake.managedPlatform!.providers).toEqual(["Railway"]);
    const openstatus = verdict(["openstatusHQ/openstatus"], 15);
    expect(openstatus.managedPlatform!.providers).toEqual(["Vercel", "Fly.io"]);
    expect(openstatus.reasons.find((r) => r.text.startsWith("Already deploys"))!.text).toBe(
      "Already deploys to a managed platform (Fly.io, Vercel)",
    );
  });

  test("evidence as a reviewer reads it: CI pipelines before stray scripts, one repository after another", () => {
    const o = assessWorkspace(workspace(names.map(real))).organisation;
    const first = o.checks!.find((c) => c.id === "scripted-delivery")!.evidence.slice(0, 5);
    expect(
      first.every((e) => e.endsWith("(GitHub Actions)")),
      first.join("\n"),
    ).toBe(true);
    expect(new Set(first.map((e) => e.slice(0, e.indexOf(":")))).size).toBe(5);
  });

  test("a front end on Vercel and services on Fly.io in one monorepo is a split, not teams diverging", () => {
    const o = assessWorkspace(workspace([real("openstatusHQ/openstatus")])).organisation;
    expect(o.reasons.map((r) => r.text).join("\n")).not.toContain("Teams use different tools");
  });

  test("two repositories hosting services on different platforms do diverge", () => {
    const o = assessWorkspace(
      workspace([
        repo("checker", [file("apps/checker/fly.toml", 'app = "checker"\n'), file("Dockerfile")]),
        repo("billing", [file("railway.toml", "[deploy]\n"), file("Dockerfile")]),
      ]),
    ).organisation;
    const divergence = o.reasons.find(
      (r) => r.text.startsWith("Against: Teams use different tools") || r.text.startsWith("Teams use different tools"),
    );
    expect(divergence?.text).toContain("Fly.io / Railway");
    expect(divergence?.evidence).toEqual([
      "acme/checker: apps/checker/fly.toml (Fly.io)",
      "acme/billing: railway.toml (Railway)",
    ]);
  });
});

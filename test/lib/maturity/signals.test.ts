import { describe, expect, test } from "vitest";
import type { RepositoryFile } from "@/lib/events/types";
import { detectFileSignals, detectSignals, SIGNAL_IDS, type SignalId } from "@/lib/maturity/signals";
import { mayShowSignal } from "@/lib/maturity/signals/relevance";
import * as fx from "./fixtures";
import { file, paths, repo } from "./fixtures";

/** For each signal: files that show it, and look-alikes that must not. */
const CASES: Record<SignalId, { shows: RepositoryFile[]; lookAlikes: RepositoryFile[] } | "derived"> = {
  "shell-scripts": {
    shows: paths("scripts/deploy.sh", "bin/release.bash", "tools/setup.ps1"),
    lookAlikes: paths("docs/shell-scripts.md", "src/bash.go"),
  },
  "task-runner": {
    shows: paths("Makefile", "justfile", "Taskfile.yml", "build/rules.mk"),
    lookAlikes: paths("docs/makefile.md", "src/make.ts", "Makefile.md"),
  },
  "ci-pipeline": {
    shows: [
      file(".github/workflows/ci.yml", fx.ciWorkflow),
      file(".github/workflows/build.yml", fx.dockerPublish),
      file(".github/workflows/deploy.yml", fx.flyDeploy),
      file(".github/workflows/main.yml", fx.callerWorkflow),
      file(".github/workflows/release.yml"),
      ...paths(".gitlab-ci.yml", "Jenkinsfile", ".circleci/config.yml", ".buildkite/pipeline.yml"),
    ],
    lookAlikes: [
      file(".github/workflows/black.yml", fx.blackWorkflow),
      file(".github/workflows/prettier.yaml", fx.prettierWorkflow),
      file(".github/workflows/stale.yml", fx.staleWorkflow),
      file(".github/workflows/lint.yml"),
      file(".github/workflows/restart.yml", fx.flyRestart),
      file(".github/workflows/first-time-pr.yml", fx.greetingCaller),
      ...paths(
        "docs/ci.md",
        ".github/workflow-templates/ci.yml",
        ".github/ISSUE_TEMPLATE/bug.yml",
        "{{cookiecutter.slug}}/.github/workflows/ci.yml",
        "templates/svc/skeleton/.gitlab-ci.yml",
      ),
    ],
  },
  runbook: {
    shows: paths("docs/runbook.md", "RUNBOOK.md", "runbooks/database-failover.md", "docs/on-call.md"),
    lookAlikes: paths(
      "src/runbook.ts",
      "ansible/playbook.yml",
      "README.md",
      "apps/web/src/content/pages/changelog/grafana-oncall-integration.mdx",
      "blog/our-incident-response.md",
      "website/public/docs/runbook.md",
    ),
  },
  documentation: {
    shows: paths("docs/architecture.md", "mkdocs.yml", "docusaurus.config.ts", "adr/0001-use-postgres.md"),
    lookAlikes: paths("README.md", "src/docs.ts", "CHANGELOG.md"),
  },
  "template-repository": "derived",
  "generated-from-template": {
    shows: [file(".copier-answers.yml", "_src_path: gh:acme/templates\n"), file(".cruft.json", "{}")],
    lookAlikes: paths("docs/copier.md", "copier-answers.md"),
  },
  "project-generator": {
    shows: [
      ...paths("cookiecutter.json", "copier.yml", "generators/app/index.js", "plopfile.js"),
      file("package.json", JSON.stringify({ name: "generator-acme", dependencies: { "yeoman-generator": "^7.0.0" } })),
    ],
    lookAlikes: [
      ...paths("docs/cookiecutter.md", "src/generator.ts", "config/copier.yml"),
      file("package.json", fx.nextPackage),
    ],
  },
  "reusable-workflow": {
    shows: [
      file(".github/workflows/service-ci.yml", fx.reusableWorkflow),
      file(".github/workflows/lint.yml", "name: lint\non: [workflow_call]\njobs: {}\n"),
    ],
    lookAlikes: [
      file(".github/workflows/ci.yml", fx.ciWorkflow),
      ...paths("docs/workflow_call.md", ".github/workflows/shared.yml"),
    ],
  },
  "shared-ci-caller": {
    shows: [
      file(".github/workflows/ci.yml", fx.callerWorkflow),
      file(
        ".github/workflows/sbom.yml",
        "on: push\njobs:\n  sbom:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: acme/actions/sbom@v1\n",
      ),
    ],
    lookAlikes: [
      file(".github/workflows/ci.yml", fx.ciWorkflow),
      file(
        ".github/workflows/lint.yml",
        "on: push\njobs:\n  lint:\n    steps:\n      - uses: golangci/golangci-lint-action@v6\n",
      ),
      file("docs/ci.md", fx.callerWorkflow),
    ],
  },
  "dependency-updates": {
    shows: paths("renovate.json", ".github/renovate.json5", ".github/dependabot.yml"),
    lookAlikes: paths("docs/renovate.md", ".github/dependabot-notes.md", "src/renovate.json/README"),
  },
  "catalog-entry": {
    shows: [
      file("catalog-info.yaml", fx.catalogInfo),
      file("catalog-info.yml"),
      ...paths("cortex.yaml", "port.yml", "opslevel.yml"),
    ],
    lookAlikes: [
      file("catalog-info.yaml", "apiVersion: v1\nkind: ConfigMap\n"),
      ...paths("docs/catalog-info.md", "templates/svc/skeleton/catalog-info.yaml"),
    ],
  },
  "scaffolder-template": {
    shows: [file("templates/go-service/template.yaml", fx.scaffolderTemplate)],
    lookAlikes: [
      file("template.yaml"),
      file("charts/api/templates/deployment.yaml", fx.deployment(true)),
      file("docs/scaffolder.md", fx.scaffolderTemplate),
    ],
  },
  "developer-portal": {
    shows: [
      file("package.json", fx.backstagePackage),
      file("app-config.yaml", "app:\n  title: Portal\ncatalog:\n  locations: []\n"),
    ],
    lookAlikes: [
      file("package.json", fx.nextPackage),
      file("app-config.yaml", "server:\n  port: 8080\n"),
      file("docs/backstage.md"),
    ],
  },
  codeowners: {
    shows: paths("CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"),
    lookAlikes: paths("docs/codeowners.md", "CODEOWNERS.md", "src/CODEOWNERS/x"),
  },
  "golden-path-service": "derived",
  "infrastructure-as-code": {
    shows: [
      file("infra/main.tf", fx.terraform),
      ...paths("Pulumi.yaml", "Pulumi.production.yaml", "live/prod/terragrunt.hcl", "cdk.json", "infra/main.tofu"),
      file("compositions/postgres.yaml", fx.crossplaneComposition),
    ],
    lookAlikes: paths("terraform.md", "docs/terraform/README.md", "pulumi-notes.txt", "docs/crossplane.yaml"),
  },
  gitops: {
    shows: [
      file("deploy/argocd/app.yaml", fx.argoApplication),
      file("clusters/prod/apps.yaml", fx.fluxKustomization),
      file("clusters/prod/flux-system/gotk-components.yaml"),
    ],
    lookAlikes: [
      file("docs/argocd.md", fx.argoApplication),
      file("argocd/values.yaml", "server:\n  replicas: 2\n"),
      file("deploy/argocd/app.yaml"),
    ],
  },
  "continuous-deployment": {
    shows: [
      file(".github/workflows/deploy.yml", fx.deployOnPush),
      file(".github/workflows/fly.yml", fx.flyDeploy),
      file(
        ".github/workflows/release.yml",
        "on:\n  push:\n    branches: [main]\njobs:\n  release:\n    uses: acme/ci-templates/.github/workflows/deploy-service.yml@v4\n",
      ),
    ],
    lookAlikes: [
      file(".github/workflows/deploy.yml", fx.deployByHand),
      file(".github/workflows/ci.yml", fx.ciWorkflow),
      file("docs/deploy.md", fx.deployOnPush),
      file(".github/workflows/deploy-embed.yml", fx.deployCommentedOut),
      file(".github/workflows/release.yml", fx.deployOnTag),
      file(".github/workflows/publish.yml", fx.dockerPublish),
    ],
  },
  autoscaling: {
    shows: [
      file("charts/api/templates/hpa.yaml", fx.hpa),
      file("k8s/worker-scaler.yaml", fx.kedaScaledObject),
      file("k8s/hpa.yaml"),
    ],
    lookAlikes: [
      file("k8s/deployment.yaml", fx.deployment(true)),
      file("docs/autoscaling.md"),
      file("k8s/hpa.yaml", "# autoscaling comes later\n"),
    ],
  },
  "health-probes": {
    shows: [file("k8s/deployment.yaml", fx.deployment(true)), file("deploy/argocd/app.yaml", fx.argoApplication)],
    lookAlikes: [file("k8s/deployment.yaml", fx.deployment(false)), file("docs/probes.md", fx.deployment(true))],
  },
  telemetry: {
    shows: [
      file("otel/collector.yaml", fx.otelCollector),
      file("package.json", JSON.stringify({ dependencies: { "@opentelemetry/sdk-node": "^0.57.0" } })),
      file("go.mod", "module acme/api\n\nrequire go.opentelemetry.io/otel v1.34.0\n"),
      ...paths("datadog.yaml"),
    ],
    lookAlikes: [
      // Dashboards show data, not that services emit it; DevLake ships its own as its product.
      file("grafana/dashboards/api.json", "{}"),
      file("docs/opentelemetry.md", fx.otelCollector),
      file("config/receivers.yaml", "receivers:\n  - email\n"),
      file("package.json", fx.nextPackage),
    ],
  },
  "managed-platform": {
    shows: [
      ...paths("vercel.json", "fly.toml", "railway.toml", "railway.json", "render.yaml", "netlify.toml", "Procfile"),
      ...paths("apps/checker/fly.toml", "services/api/railway.toml", "apps/web/vercel.json"),
      file("railway.json", JSON.stringify({ $schema: "https://railway.com/railway.schema.json", deploy: {} })),
      file(".github/workflows/deploy.yml", fx.flyDeploy),
      file(".github/workflows/restart.yml", fx.flyRestart),
    ],
    lookAlikes: [
      ...paths("docs/vercel.md", "fly.toml.example", "Procfile.dev", "docs/railway.toml.md"),
      ...paths("apps/web/public/assets/posts/monitoring-latency/railway.json", "examples/fly/fly.toml"),
      ...paths("docs/deploy/fly.toml", "blog/2024/vercel.json"),
      file("data/railway.json", JSON.stringify({ services: [{ name: "api", latency: 120 }] })),
      file(".github/workflows/ci.yml", fx.ciWorkflow),
    ],
  },
  nextjs: {
    shows: [file("next.config.mjs"), file("package.json", fx.nextPackage)],
    lookAlikes: [
      file("docs/next-steps.md"),
      file("package.json", JSON.stringify({ dependencies: { nextra: "^3.0.0" } })),
    ],
  },
  container: {
    shows: paths(
      "Dockerfile",
      "Containerfile",
      "build/api.Dockerfile",
      "Dockerfile.worker",
      "backend/Dockerfile",
      "services/billing/Dockerfile",
      "apps/checker/private-location.Dockerfile",
    ),
    lookAlikes: paths(
      "docs/Dockerfile.md",
      "docs/docker.md",
      ".dockerignore",
      ".devcontainer/Dockerfile",
      "examples/go/Dockerfile",
      "test/e2e/Dockerfile",
    ),
  },
  database: {
    shows: [
      file("docker-compose.yml", fx.compose),
      file("prisma/schema.prisma"),
      file("migrations/001_init.sql"),
      file("infra/db.tf", fx.terraform),
      file("internal/store/postgres.go"),
      file("compose.yaml", `services:\n  postgresql:\n    image: \${POSTGRES_IMAGE}\n`),
      file("priv/repo/migrations/20210905021010_create_users.exs"),
      file("_envcommon/mysql.hcl", 'locals {\n  source = "git::git@github.com:acme/modules.git//modules/mysql"\n}\n'),
    ],
    lookAlikes: [
      file("docs/postgres.md"),
      file("docker-compose.yml", "services:\n  api:\n    build: .\n"),
      file("infra/dns.tf", 'resource "aws_route53_record" "api" {}\n'),
      file(".devcontainer/docker-compose.yml", fx.compose),
      file("cypress/docker-compose.yml", fx.compose),
    ],
  },
  "multi-region": {
    shows: [file("vercel.json", JSON.stringify({ regions: ["fra1", "iad1"] }))],
    lookAlikes: [file("vercel.json", JSON.stringify({ regions: ["fra1"] })), file("docs/regions.md")],
  },
  kubernetes: {
    shows: [
      file("charts/api/Chart.yaml"),
      file("k8s/kustomization.yaml"),
      file("k8s/deployment.yaml", fx.deployment(false)),
    ],
    lookAlikes: paths("docs/helm.md", "docs/kubernetes.md", "helm-notes.txt"),
  },
  gpu: {
    shows: [
      file(
        "k8s/trainer.yaml",
        "apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - resources:\n            limits:\n              nvidia.com/gpu: 1\n",
      ),
    ],
    lookAlikes: [file("docs/gpu.md", "nvidia.com/gpu: 1")],
  },
  "stateful-workload": {
    shows: [file("k8s/db.yaml", "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n")],
    lookAlikes: [file("docs/statefulset.md", "kind: StatefulSet"), file("k8s/deployment.yaml", fx.deployment(false))],
  },
};

const signalsIn = (files: RepositoryFile[], path: string) =>
  detectFileSignals(repo("r", files))
    .filter((h) => h.path === path)
    .map((h) => h.signal);

describe("repository signals", () => {
  test("every signal of the rubric has detection scenarios", () => {
    expect(Object.keys(CASES).sort()).toEqual([...SIGNAL_IDS].sort());
  });

  for (const [signal, cases] of Object.entries(CASES) as [SignalId, (typeof CASES)[SignalId]][]) {
    if (cases === "derived") continue;
    test(`${signal} is seen in each realistic file, with its repository and path as evidence`, () => {
      for (const f of cases.shows) {
        const hits = detectFileSignals(repo("r", [f])).filter((h) => h.signal === signal);
        expect(hits, f.path).toHaveLength(1);
        expect(hits[0]).toMatchObject({ repositoryId: "r", repository: "acme/r", path: f.path });
      }
    });
    test(`${signal}: every file that shows it is one a snapshot lists (signals/relevance.ts)`, () => {
      for (const f of cases.shows) expect(mayShowSignal(f.path), f.path).not.toBe(false);
    });
    test(`${signal} is not seen in look-alikes`, () => {
      for (const f of cases.lookAlikes) expect(signalsIn([f], f.path), f.path).not.toContain(signal);
    });
  }

  test("a template repository, a repository generated from it, and a golden-path service come from repository records", () => {
    const template = repo("tpl", [file("template.yaml", fx.scaffolderTemplate)], {
      isTemplate: true,
      name: "acme/service-template",
    });
    const plainTemplate = repo("plain", paths("README.md"), { isTemplate: true });
    const fromGoldenPath = repo("svc", paths("README.md"), { templateId: "tpl" });
    const fromPlain = repo("svc2", paths("README.md"), { templateId: "plain" });
    const hits = detectSignals([template, plainTemplate, fromGoldenPath, fromPlain]);
    const of = (id: string) =>
      hits
        .filter((h) => h.repositoryId === id)
        .map((h) => h.signal)
        .sort();
    expect(of("tpl")).toEqual(["scaffolder-template", "template-repository"]);
    expect(of("svc")).toEqual(["generated-from-template", "golden-path-service"]);
    expect(of("svc2")).toEqual(["generated-from-template"]);
    expect(hits.find((h) => h.repositoryId === "svc" && h.signal === "golden-path-service")!.detail).toContain(
      "acme/service-template",
    );
  });

  test("deploying to two production environments is a multi-region signal, one is not", () => {
    const hits = detectSignals([
      repo("a", [], { productionEnvironments: ["production", "prod-eu"] }),
      repo("b", [], { productionEnvironments: ["production"] }),
    ]);
    expect(hits.filter((h) => h.signal === "multi-region").map((h) => h.repositoryId)).toEqual(["a"]);
  });

  test("a repository without a snapshot shows no file signals", () => {
    expect(detectFileSignals(repo("r", null))).toEqual([]);
  });
});

/**
 * Snapshots of every demo repository's default branch. What a team's files
 * show is its platform style: the checkout team's fully automated platform,
 * the catalog team's golden paths, fulfilment's generators, billing's scripts
 * and runbooks, storefront's managed platform, and the platform team's own
 * template, infrastructure, shared workflows and portal.
 */
import type { RepositoryFile } from "@/lib/events/types";
import {
  atlantisConfig,
  backstageAppConfig,
  cookiecutterConfig,
  copierAnswers,
  copierConfig,
  deployScript,
  makefile,
  nextConfig,
  packageJson,
  platformTerraform,
  runbook,
  scaffolderTemplate,
  serviceRunbook,
  vercelConfig,
} from "./files-apps";
import {
  argoApplication,
  catalogInfo,
  helmChart,
  horizontalPodAutoscaler,
  kubernetesDeployment,
  otelCollector,
  renovateConfig,
  terraformMain,
} from "./files-kubernetes";
import {
  callerWorkflow,
  gitOpsDeployWorkflow,
  goCiWorkflow,
  mavenCiWorkflow,
  nodeCiWorkflow,
  reusableWorkflow,
} from "./files-workflows";
import type { DemoRepository } from "./model";
import { DEMO_ORG, TEMPLATE_SLUG } from "./teams";

type Files = RepositoryFile[];

const paths = (...list: string[]): Files => list.map((path) => ({ path }));
const file = (path: string, content: string): RepositoryFile => ({ path, content });

const PUSH_OR_PR = "  pull_request:\n  push:\n    branches: [main]";
const dockerfile = (slug: string): RepositoryFile =>
  file(
    "Dockerfile",
    `FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/${slug} .\n\nFROM gcr.io/distroless/static\nCOPY --from=build /out/${slug} /${slug}\nENTRYPOINT ["/${slug}"]\n`,
  );
const codeowners = (team: string): RepositoryFile => file(".github/CODEOWNERS", `* @${DEMO_ORG}/${team}\n`);
const goSources = (): Files =>
  paths(
    "README.md",
    "go.mod",
    "go.sum",
    "main.go",
    "internal/api/handler.go",
    "internal/api/handler_test.go",
    "internal/store/postgres.go",
  );

function chart(slug: string, withAutoscaler: boolean): Files {
  const dir = `charts/${slug}`;
  const files = [
    file(`${dir}/Chart.yaml`, helmChart(slug)),
    ...paths(`${dir}/values.yaml`, `${dir}/values-staging.yaml`, `${dir}/values-production.yaml`),
    file(`${dir}/templates/deployment.yaml`, kubernetesDeployment(slug, { probes: true, replicas: 3 })),
  ];
  if (withAutoscaler) files.push(file(`${dir}/templates/hpa.yaml`, horizontalPodAutoscaler(slug)));
  return files;
}

/** Level 4: infrastructure as code, GitOps, autoscaling, probes, telemetry, automated dependency updates. */
function automatedService(r: DemoRepository): Files {
  return [
    ...goSources(),
    dockerfile(r.slug),
    codeowners(r.team.id),
    file(".github/workflows/ci.yml", goCiWorkflow()),
    file(".github/workflows/deploy.yml", gitOpsDeployWorkflow(r.slug)),
    file("renovate.json", renovateConfig()),
    file("catalog-info.yaml", catalogInfo(r.slug, r.team.id)),
    ...chart(r.slug, true),
    file("deploy/argocd/application-staging.yaml", argoApplication(r.slug, "staging")),
    file("deploy/argocd/application-production.yaml", argoApplication(r.slug, "production")),
    file("infra/main.tf", terraformMain(r.slug)),
    ...paths("infra/variables.tf", "infra/outputs.tf", "docs/index.md", "mkdocs.yml"),
    file("otel/collector.yaml", otelCollector(r.slug)),
  ];
}

/** Level 3: catalogued services on the platform's golden path, calling its reusable workflows. */
function selfServiceService(r: DemoRepository): Files {
  return [
    ...goSources(),
    dockerfile(r.slug),
    codeowners(r.team.id),
    file("catalog-info.yaml", catalogInfo(r.slug, r.team.id)),
    file(".github/workflows/ci.yml", callerWorkflow("ci", PUSH_OR_PR, "ci-templates", "service-ci.yml", "v4")),
    file(
      ".github/workflows/deploy.yml",
      callerWorkflow(
        "deploy",
        "  push:\n    branches: [main]",
        "ci-templates",
        "deploy-service.yml",
        "v4",
        "    with:\n      environment: production\n",
      ),
    ),
    ...paths(".github/dependabot.yml", "docs/index.md", "mkdocs.yml"),
    ...chart(r.slug, false),
  ];
}

/** Level 2: services generated from templates, sharing CI, deployed by a button press. */
function templatedService(r: DemoRepository): Files {
  const files = [
    ...paths(
      "README.md",
      "pyproject.toml",
      "poetry.lock",
      "src/app/main.py",
      "src/app/routes.py",
      "tests/test_routes.py",
      "docker-compose.yml",
      ".github/dependabot.yml",
    ),
    file(
      "Dockerfile",
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir .\nCMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]\n',
    ),
    file(
      ".github/workflows/ci.yml",
      callerWorkflow("ci", PUSH_OR_PR, "ci-templates", "service-ci.yml", "v2", "    with:\n      language: python\n"),
    ),
    file(
      ".github/workflows/deploy.yml",
      `name: deploy\non:\n  workflow_dispatch:\n    inputs:\n      environment:\n        type: choice\n        options: [staging, production]\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    environment: \${{ inputs.environment }}\n    steps:\n      - uses: actions/checkout@v4\n      - run: helm upgrade --install ${r.slug} ./deploy/chart -f deploy/values-\${{ inputs.environment }}.yaml\n`,
    ),
    ...paths("deploy/chart/Chart.yaml", "deploy/values-staging.yaml", "deploy/values-production.yaml"),
    // Every service generated from the team's copier template carries its runbook.
    file("docs/runbook.md", serviceRunbook(r.slug)),
  ];
  if (r.templateId) files.push(file(".copier-answers.yml", copierAnswers(r.slug)));
  return files;
}

/** Level 1: a monolith built by Maven, deployed by a script somebody runs, operated from a runbook. */
function scriptedMonolith(r: DemoRepository): Files {
  return [
    ...paths(
      "README.md",
      "pom.xml",
      `src/main/java/com/${DEMO_ORG}/billing/BillingApplication.java`,
      `src/main/java/com/${DEMO_ORG}/billing/InvoiceService.java`,
      `src/test/java/com/${DEMO_ORG}/billing/InvoiceServiceTest.java`,
      "scripts/migrate.sh",
      "docs/release-checklist.md",
    ),
    file("scripts/deploy.sh", deployScript(r.slug)),
    file("Makefile", makefile(r.slug)),
    file("docs/runbook.md", runbook(r.slug)),
    file(".github/workflows/ci.yml", mavenCiWorkflow()),
  ];
}

/** A Next.js site on a managed platform: Vercel builds and deploys it. */
function managedWeb(r: DemoRepository): Files {
  return [
    ...paths(
      "README.md",
      "tsconfig.json",
      "app/layout.tsx",
      "app/page.tsx",
      "app/checkout/page.tsx",
      "package-lock.json",
      ".github/dependabot.yml",
    ),
    file(
      "package.json",
      packageJson(
        r.slug,
        { next: "^16.0.0", react: "^19.0.0", "react-dom": "^19.0.0", [`@${DEMO_ORG}/design-system`]: "^4.2.0" },
        { dev: "next dev", build: "next build", lint: "next lint", test: "vitest run" },
      ),
    ),
    file("next.config.js", nextConfig()),
    file("vercel.json", vercelConfig()),
    codeowners(r.team.id),
    file(".github/workflows/ci.yml", nodeCiWorkflow()),
  ];
}

function designSystem(r: DemoRepository): Files {
  return [
    ...paths(
      "README.md",
      "src/Button.tsx",
      "src/Dialog.tsx",
      "src/index.ts",
      ".storybook/main.ts",
      ".changeset/config.json",
      "package-lock.json",
      ".github/dependabot.yml",
    ),
    file(
      "package.json",
      packageJson(
        r.slug,
        { react: "^19.0.0" },
        { build: "tsup src/index.ts", storybook: "storybook dev", test: "vitest run" },
      ),
    ),
    file(".github/workflows/ci.yml", nodeCiWorkflow()),
    file(
      ".github/workflows/release.yml",
      nodeCiWorkflow("      - uses: changesets/action@v1\n        with:\n          publish: npm run release\n").replace(
        "name: ci",
        "name: release",
      ),
    ),
  ];
}

function scaffolderRepository(r: DemoRepository): Files {
  return [
    ...paths(
      "README.md",
      "templates/search-consumer/skeleton/main.go",
      "templates/search-consumer/skeleton/Dockerfile",
    ),
    file(
      "templates/search-consumer/template.yaml",
      scaffolderTemplate("search-consumer", "Search index consumer", r.team.id, "./skeleton"),
    ),
    file(
      "templates/search-consumer/skeleton/catalog-info.yaml",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Backstage scaffolder placeholders, written as the file has them
      catalogInfo("${{ values.name }}", "${{ values.owner }}"),
    ),
    file(
      ".github/workflows/search-service-ci.yml",
      reusableWorkflow("search-service-ci", "      - run: make test-index-contract\n"),
    ),
    file(
      "catalog-info.yaml",
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: catalog-templates\nspec:\n  targets:\n    - ./templates/search-consumer/template.yaml\n`,
    ),
    codeowners(r.team.id),
  ];
}

function generatorRepository(r: DemoRepository): Files {
  return [
    ...paths(
      "README.md",
      "{{cookiecutter.project_slug}}/pyproject.toml",
      "{{cookiecutter.project_slug}}/src/app/main.py",
      "template/pyproject.toml.jinja",
      "template/src/app/main.py.jinja",
      "template/docs/runbook.md.jinja",
    ),
    file("cookiecutter.json", cookiecutterConfig()),
    file("copier.yml", copierConfig()),
    file(
      "{{cookiecutter.project_slug}}/.github/workflows/ci.yml",
      callerWorkflow("ci", PUSH_OR_PR, "ci-templates", "service-ci.yml", "v2", "    with:\n      language: python\n"),
    ),
    codeowners(r.team.id),
  ];
}

function serviceTemplate(r: DemoRepository): Files {
  return [
    ...goSources(),
    dockerfile("service"),
    codeowners(r.team.id),
    file(
      "template.yaml",
      scaffolderTemplate(
        "go-service",
        "Go service on the golden path",
        r.team.id,
        `https://github.com/${DEMO_ORG}/${TEMPLATE_SLUG}`,
      ),
    ),
    file("catalog-info.yaml", catalogInfo(r.slug, r.team.id, "template")),
    file(".github/workflows/ci.yml", callerWorkflow("ci", PUSH_OR_PR, "ci-templates", "service-ci.yml", "v4")),
    file(
      ".github/workflows/deploy.yml",
      callerWorkflow(
        "deploy",
        "  push:\n    branches: [main]",
        "ci-templates",
        "deploy-service.yml",
        "v4",
        "    with:\n      environment: production\n",
      ),
    ),
    file("renovate.json", renovateConfig()),
    ...chart("service", true),
    file("otel/collector.yaml", otelCollector("service")),
  ];
}

function platformInfra(r: DemoRepository): Files {
  const modules = ["eks", "postgres", "sqs", "argocd", "otel-collector"].flatMap((m) =>
    paths(`modules/${m}/main.tf`, `modules/${m}/variables.tf`, `modules/${m}/outputs.tf`),
  );
  return [
    ...paths(
      "README.md",
      "mkdocs.yml",
      "docs/index.md",
      "docs/runbooks/cluster-upgrade.md",
      "docs/runbooks/restore-database.md",
      "docs/runbooks/rotate-credentials.md",
    ),
    ...modules,
    file("environments/production/main.tf", platformTerraform("production")),
    file("environments/staging/main.tf", platformTerraform("staging")),
    file("atlantis.yaml", atlantisConfig()),
    file("renovate.json", renovateConfig()),
    file("catalog-info.yaml", catalogInfo(r.slug, r.team.id, "library")),
    codeowners(r.team.id),
    file(
      ".github/workflows/ci.yml",
      "name: ci\non:\n  pull_request:\njobs:\n  validate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: hashicorp/setup-terraform@v3\n      - run: terraform fmt -check -recursive\n      - run: terraform -chdir=environments/production init -backend=false && terraform -chdir=environments/production validate\n",
    ),
  ];
}

function ciTemplates(r: DemoRepository): Files {
  return [
    ...paths("README.md", "CHANGELOG.md"),
    file(
      ".github/workflows/service-ci.yml",
      reusableWorkflow(
        "service-ci",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, written as the workflow has it
        "      - run: make lint test\n      - uses: ${{ github.repository_owner }}/actions/sbom@v1\n",
      ),
    ),
    file(
      ".github/workflows/deploy-service.yml",
      reusableWorkflow("deploy", "      - run: make image push\n      - uses: northwind/actions/argocd-sync@v2\n"),
    ),
    file(
      ".github/workflows/ci.yml",
      "name: ci\non:\n  pull_request:\njobs:\n  actionlint:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: raven-actions/actionlint@v2\n",
    ),
    file("catalog-info.yaml", catalogInfo(r.slug, r.team.id, "library")),
    file("renovate.json", renovateConfig()),
    codeowners(r.team.id),
  ];
}

function developerPortal(r: DemoRepository): Files {
  return [
    ...paths(
      "README.md",
      "yarn.lock",
      "packages/app/package.json",
      "packages/app/src/App.tsx",
      "packages/backend/src/index.ts",
    ),
    file(
      "package.json",
      packageJson(
        r.slug,
        { "@backstage/cli": "^0.29.0" },
        { dev: "backstage-cli repo start", build: "backstage-cli repo build --all", test: "backstage-cli repo test" },
      ),
    ),
    file(
      "packages/backend/package.json",
      packageJson(
        "developer-portal-backend",
        {
          "@backstage/backend-defaults": "^0.7.0",
          "@backstage/plugin-scaffolder-backend": "^1.29.0",
          "@backstage/plugin-catalog-backend": "^1.30.0",
        },
        { start: "backstage-cli package start" },
      ),
    ),
    file("app-config.yaml", backstageAppConfig()),
    file("catalog-info.yaml", catalogInfo(r.slug, r.team.id, "website")),
    file(
      "Dockerfile",
      'FROM node:20-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN yarn install --immutable && yarn build:backend\nCMD ["node", "packages/backend", "--config", "app-config.yaml"]\n',
    ),
    file(".github/workflows/ci.yml", nodeCiWorkflow()),
    file(".github/workflows/deploy.yml", gitOpsDeployWorkflow(r.slug)),
    file("renovate.json", renovateConfig()),
    codeowners(r.team.id),
    ...chart(r.slug, true),
    file("deploy/argocd/application-production.yaml", argoApplication(r.slug, "production")),
  ];
}

/** The files of a repository's default branch, as the maturity assessment would fetch them. */
export function repositoryFiles(r: DemoRepository): Files {
  switch (r.spec.kind) {
    case "service":
      return r.team.style === "automated"
        ? automatedService(r)
        : r.team.style === "self-service"
          ? selfServiceService(r)
          : templatedService(r);
    case "monolith":
      return scriptedMonolith(r);
    case "web":
      return managedWeb(r);
    case "library":
      return designSystem(r);
    case "scaffolder":
      return scaffolderRepository(r);
    case "generator":
      return generatorRepository(r);
    case "template":
      return serviceTemplate(r);
    case "infra":
      return platformInfra(r);
    case "ci-templates":
      return ciTemplates(r);
    case "portal":
      return developerPortal(r);
  }
}

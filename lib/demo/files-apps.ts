/**
 * Contents of the files that tell how a team builds and ships beyond
 * Kubernetes: hand-run scripts and runbooks, project generators, Backstage
 * scaffolder templates, and the managed front-end platform's configs.
 */
import { DEMO_ORG } from "./teams";

/** The hand-run deploy of the legacy billing team: copy a jar over ssh and restart. */
export function deployScript(slug: string): string {
  return `#!/usr/bin/env bash
# Deploys ${slug} to the billing hosts. Run from a release tag, in the maintenance window.
set -euo pipefail
VERSION="\${1:?usage: scripts/deploy.sh <version>}"
HOSTS=(billing-app-01 billing-app-02)
mvn -B -DskipTests package
for host in "\${HOSTS[@]}"; do
  scp "target/${slug}-\${VERSION}.jar" "deploy@\${host}:/opt/${slug}/releases/"
  ssh "deploy@\${host}" "sudo systemctl stop ${slug} && ln -sfn /opt/${slug}/releases/${slug}-\${VERSION}.jar /opt/${slug}/current.jar && sudo systemctl start ${slug}"
done
echo "Deployed ${slug} \${VERSION}; now follow docs/runbook.md#smoke-test"
`;
}

export function makefile(slug: string): string {
  return `.PHONY: build test package deploy db-migrate

build:
\tmvn -B compile

test:
\tmvn -B test

package:
\tmvn -B -DskipTests package

db-migrate:
\t./scripts/migrate.sh

deploy: package
\t./scripts/deploy.sh $(VERSION)

# ${slug}: see docs/runbook.md before running deploy in production.
`;
}

export function runbook(slug: string): string {
  return `# ${slug} runbook

## Release
1. Announce the release in #billing-releases on Thursday.
2. Deploy to UAT with \`make deploy VERSION=x.y.z\` against the UAT hosts; finance signs off.
3. On Saturday at 21:00 UTC run \`scripts/deploy.sh x.y.z\` from the jump host.

## Smoke test
- Log in to the billing console and open yesterday's invoice run.
- Check \`/opt/${slug}/logs/app.log\` for ERROR lines.

## Rollback
Point \`current.jar\` back at the previous release and restart the service on both hosts.
`;
}

/** The runbook the Fulfilment copier template gives every service it generates. */
export function serviceRunbook(slug: string): string {
  return `# ${slug} runbook

## Deploy
Run the **deploy** workflow from the Actions tab: pick \`staging\`, check the smoke tests, then run it again for \`production\`.

## Roll back
Run the deploy workflow for the previous release tag, or \`helm rollback ${slug}\` from the ops jump host.

## Alerts
- *${slug} 5xx rate*: check the latest deploy first; roll back when it is less than an hour old.
- *${slug} queue lag*: scale the workers with \`kubectl scale deploy/${slug}-worker --replicas=4\`.
`;
}

/** A cookiecutter project generator for new Fulfilment services. */
export function cookiecutterConfig(): string {
  return `${JSON.stringify(
    {
      project_name: "Fulfilment Service",
      project_slug: "{{ cookiecutter.project_name.lower().replace(' ', '-') }}",
      owner_team: "fulfilment",
      language: ["python", "go"],
      use_postgres: "y",
    },
    null,
    2,
  )}\n`;
}

/** A copier template definition, the newer generator the team is moving to. */
export function copierConfig(): string {
  return `_subdirectory: template
_templates_suffix: .jinja
project_slug:
  type: str
  help: Repository name, e.g. returns-service
owner_team:
  type: str
  default: fulfilment
use_postgres:
  type: bool
  default: true
`;
}

/** The answers a repository generated with copier keeps, so it can take template updates. */
export function copierAnswers(slug: string): string {
  return `# Changes here will be overwritten by Copier
_commit: v1.8.0
_src_path: gh:${DEMO_ORG}/fulfilment-templates
owner_team: fulfilment
project_slug: ${slug}
use_postgres: true
`;
}

/** A Backstage scaffolder template (`kind: Template`) that creates a service from the template repository. */
export function scaffolderTemplate(name: string, title: string, owner: string, skeleton: string): string {
  return `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
  title: ${title}
  description: A production-ready service with CI, deploy pipeline, chart and catalog entry
spec:
  owner: group:${owner}
  type: service
  parameters:
    - title: Service
      required: [name, owner]
      properties:
        name:
          type: string
        owner:
          type: string
          ui:field: OwnerPicker
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ${skeleton}
        values:
          name: \${{ parameters.name }}
          owner: \${{ parameters.owner }}
    - id: publish
      action: publish:github
      input:
        repoUrl: github.com?owner=${DEMO_ORG}&repo=\${{ parameters.name }}
        defaultBranch: main
    - id: register
      action: catalog:register
      input:
        repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}
        catalogInfoPath: /catalog-info.yaml
`;
}

export function vercelConfig(): string {
  return `${JSON.stringify({ $schema: "https://openapi.vercel.sh/vercel.json", framework: "nextjs", regions: ["fra1", "iad1"], github: { autoJobCancelation: true } }, null, 2)}\n`;
}

export function nextConfig(): string {
  return `/** @type {import('next').NextConfig} */
const nextConfig = {
  images: { remotePatterns: [{ protocol: "https", hostname: "cdn.${DEMO_ORG}.com" }] },
  experimental: { typedRoutes: true },
};

module.exports = nextConfig;
`;
}

/** A package.json; `next` among the dependencies for the Next.js sites. */
export function packageJson(
  name: string,
  dependencies: Record<string, string>,
  scripts: Record<string, string>,
): string {
  return `${JSON.stringify({ name: `@${DEMO_ORG}/${name}`, private: true, version: "0.0.0", scripts, dependencies }, null, 2)}\n`;
}

/** The developer portal's Backstage configuration, reading every repository's catalog-info.yaml. */
export function backstageAppConfig(): string {
  return `app:
  title: ${DEMO_ORG} developer portal
  baseUrl: https://portal.${DEMO_ORG}.dev
organization:
  name: ${DEMO_ORG}
catalog:
  providers:
    github:
      ${DEMO_ORG}:
        organization: ${DEMO_ORG}
        catalogPath: /catalog-info.yaml
        schedule:
          frequency: { minutes: 30 }
          timeout: { minutes: 3 }
  locations:
    - type: url
      target: https://github.com/${DEMO_ORG}/${"service-template"}/blob/main/template.yaml
      rules:
        - allow: [Template]
techdocs:
  builder: external
`;
}

/** Atlantis plans and applies the platform's Terraform from pull requests. */
export function atlantisConfig(): string {
  return `version: 3
automerge: true
projects:
  - name: production
    dir: environments/production
    autoplan:
      when_modified: ["*.tf", "../../modules/**/*.tf"]
    apply_requirements: [approved, mergeable]
  - name: staging
    dir: environments/staging
`;
}

/** The platform's shared cluster, composed from its own modules. */
export function platformTerraform(environment: string): string {
  return `module "cluster" {
  source          = "../../modules/eks"
  name            = "${DEMO_ORG}-${environment}"
  cluster_version = "1.31"
  node_groups = {
    general = { instance_types = ["m7g.xlarge"], min_size = 3, max_size = 40 }
  }
}

module "argocd" {
  source     = "../../modules/argocd"
  cluster_id = module.cluster.id
}

module "observability" {
  source     = "../../modules/otel-collector"
  cluster_id = module.cluster.id
}
`;
}

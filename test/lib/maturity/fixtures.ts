/**
 * Realistic file contents, as a repository would hold them, for the maturity
 * tests: workflows, Kubernetes manifests, Argo CD, Flux, Terraform, configs.
 */
import type { RepositoryFile } from "@/lib/events/types";
import type { RepositoryInput } from "@/lib/maturity/types";

export const file = (path: string, content?: string): RepositoryFile =>
  content === undefined ? { path } : { path, content };
export const paths = (...list: string[]): RepositoryFile[] => list.map((path) => ({ path }));

/** A repository as the engine takes it. */
export function repo(id: string, files: RepositoryFile[] | null, o: Partial<RepositoryInput> = {}): RepositoryInput {
  return {
    id,
    name: `acme/${id}`,
    teamId: "team",
    isTemplate: false,
    templateId: null,
    productionEnvironments: [],
    snapshot: files === null ? null : { observedAt: Date.UTC(2026, 0, 1), files },
    ...o,
  };
}

export const deployment = (probes: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.2.3
${probes ? "          livenessProbe:\n            httpGet: { path: /healthz, port: 8080 }\n          readinessProbe:\n            httpGet: { path: /readyz, port: 8080 }\n" : ""}`;

export const hpa = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: api }
  minReplicas: 2
  maxReplicas: 20
`;

export const kedaScaledObject = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: worker
spec:
  scaleTargetRef:
    name: worker
  triggers:
    - type: rabbitmq
      metadata: { queueName: orders, value: "20" }
`;

export const argoApplication = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: api-production
  namespace: argocd
spec:
  source:
    repoURL: https://github.com/acme/api
    path: charts/api
  destination:
    server: https://kubernetes.default.svc
  syncPolicy:
    automated: { prune: true, selfHeal: true }
`;

export const fluxKustomization = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/production
  sourceRef: { kind: GitRepository, name: flux-system }
`;

export const crossplaneComposition = `apiVersion: apiextensions.crossplane.io/v1
kind: Composition
metadata:
  name: postgres-aws
spec:
  compositeTypeRef: { apiVersion: platform.acme.io/v1alpha1, kind: XPostgres }
`;

export const terraform = `resource "aws_db_instance" "main" {
  engine         = "postgres"
  instance_class = "db.t4g.medium"
}
`;

export const catalogInfo = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: api
spec:
  type: service
  owner: group:payments
`;

export const scaffolderTemplate = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: go-service
spec:
  owner: group:platform
  steps:
    - id: fetch
      action: fetch:template
`;

export const otelCollector = `receivers:
  otlp:
    protocols: { grpc: {} }
exporters:
  otlphttp:
    endpoint: https://otel.acme.dev
service:
  pipelines:
    traces: { receivers: [otlp], exporters: [otlphttp] }
`;

export const ciWorkflow = `name: ci
on:
  pull_request:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make test
`;

export const deployOnPush = `name: deploy
on:
  push:
    branches: [main]
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: production
    steps:
      - uses: actions/checkout@v4
      - run: helm upgrade --install api ./charts/api
`;

export const deployByHand = `name: deploy
on:
  workflow_dispatch:
    inputs:
      environment: { type: choice, options: [staging, production] }
jobs:
  deploy:
    runs-on: ubuntu-latest
    environment: \${{ inputs.environment }}
    steps:
      - run: helm upgrade --install api ./charts/api
`;

/** The real shape of middleware's black.yml: a formatter check, nothing built. */
export const blackWorkflow = `name: Black Integration
on:
  pull_request:
    branches: ["main"]
jobs:
  black:
    name: Black Check
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v3
      - uses: actions/setup-python@v3
      - name: Install Black
        run: python -m pip install black==24.3.0
      - name: Run Black Check
        run: black . --check
`;

/** dub's prettier.yaml: a job called build that only formats. */
export const prettierWorkflow = `name: Prettier
on:
  push:
    branches: [main]
  pull_request:
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Make sure everything is formatted
        run: pnpm install
      - run: pnpm run format
      - run: pnpm run prettier-check
`;

export const staleWorkflow = `name: Close stale issues
on:
  schedule:
    - cron: '30 1 * * *'
jobs:
  stale:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/stale@v8
        with:
          days-before-issue-stale: 60
`;

/** openstatus's deploy.yml: flyctl deploy on every push to main. */
export const flyDeploy = `name: Fly Deploy
on:
  push:
    branches:
      - main
    paths:
      - "apps/server/**"
jobs:
  deploy:
    name: Deploy app
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - uses: superfly/flyctl-actions/setup-flyctl@master
      - run:
          flyctl deploy --config apps/server/fly.toml
          --dockerfile  apps/server/Dockerfile --remote-only --wait-timeout=500
        env:
          FLY_API_TOKEN: \${{ secrets.FLY_API_TOKEN }}
`;

/** openstatus's restart-workflows.yml: operates Fly machines on a schedule, deploys nothing. */
export const flyRestart = `name: Restart workflows
on:
  schedule:
    - cron: "0 */6 * * *"
jobs:
  restart:
    runs-on: ubuntu-latest
    steps:
      - uses: superfly/flyctl-actions/setup-flyctl@master
      - run: |
          ids=$(flyctl machines list -a "$FLY_APP" --json | jq -r '.[].id')
          for id in $ids; do flyctl machine restart "$id" -a "$FLY_APP"; done
`;

/** opentelemetry-demo's first-time-pr.yml: a shared workflow that greets contributors. */
export const greetingCaller = `on:
  pull_request_target:
jobs:
  welcome:
    uses: open-telemetry/shared-workflows/.github/workflows/first-time-pr.yml@8079110
`;

/** dub's deploy-embed-script.yml: a deploy job whose deploy step is commented out. */
export const deployCommentedOut = `name: "Deploy embed script"
on:
  push:
    branches:
      - main
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v3
      - name: Install dependencies & build
        run: pnpm --filter @dub/embed-core build
      # - name: Deploy to Cloudflare Pages
      #   uses: cloudflare/wrangler-action@v3
      #   with:
      #     command: pages deploy dist/embed/script.js --project-name=dub-cdn
`;

/** A release deploy on tags: not a merge deploying. */
export const deployOnTag = `on:
  push:
    tags:
      - "v*"
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - run: helm upgrade --install api ./charts/api
`;

/** Builds and pushes an image on merge: delivery, but nothing is deployed. */
export const dockerPublish = `name: Publish Docker image
on:
  push:
    branches: ["main"]
jobs:
  build:
    runs-on: ubuntu-latest
    environment: registry
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          push: true
          tags: acme/api:latest
`;

export const reusableWorkflow = `name: service-ci
on:
  workflow_call:
    inputs:
      language: { type: string, default: go }
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
`;

export const callerWorkflow = `name: ci
on: [push, pull_request]
jobs:
  ci:
    uses: acme/ci-templates/.github/workflows/service-ci.yml@v3
    secrets: inherit
`;

export const compose = `services:
  api:
    build: .
  db:
    image: postgres:16
    environment: { POSTGRES_PASSWORD: example }
`;

export const nextPackage = JSON.stringify(
  { name: "web", dependencies: { next: "^16.0.0", react: "^19.0.0" } },
  null,
  2,
);
export const backstagePackage = JSON.stringify(
  { name: "portal", dependencies: { "@backstage/cli": "^0.29.0" } },
  null,
  2,
);

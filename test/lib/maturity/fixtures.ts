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

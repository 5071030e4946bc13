/**
 * Contents of the runtime-platform files in the demo's repositories: Helm
 * charts, Kubernetes manifests, Argo CD applications, Terraform, OpenTelemetry
 * and Backstage catalog entries. Only what the maturity assessment reads.
 */
import { DEMO_ORG } from "./teams";

/** A Helm chart's `Chart.yaml`. */
export function helmChart(slug: string): string {
  return `apiVersion: v2
name: ${slug}
description: Helm chart for ${slug}
type: application
version: 1.14.0
appVersion: "1.0.0"
dependencies:
  - name: common
    version: 2.x.x
    repository: oci://ghcr.io/${DEMO_ORG}/charts
`;
}

/** A Deployment with liveness and readiness probes (automation-ready services have both). */
export function kubernetesDeployment(slug: string, options: { probes: boolean; replicas: number }): string {
  const probes = options.probes
    ? `          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            initialDelaySeconds: 10
            periodSeconds: 10
          readinessProbe:
            httpGet:
              path: /readyz
              port: http
            periodSeconds: 5
`
    : "";
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${slug}
  labels:
    app.kubernetes.io/name: ${slug}
spec:
  replicas: ${options.replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: ${slug}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${slug}
    spec:
      containers:
        - name: ${slug}
          image: "ghcr.io/${DEMO_ORG}/${slug}:{{ .Values.image.tag }}"
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests:
              cpu: 250m
              memory: 256Mi
${probes}`;
}

/** A HorizontalPodAutoscaler for a service's Deployment. */
export function horizontalPodAutoscaler(slug: string): string {
  return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${slug}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: ${slug}
  minReplicas: 3
  maxReplicas: 30
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 65
`;
}

/** An Argo CD Application that syncs the service's chart automatically (GitOps). */
export function argoApplication(slug: string, environment: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${slug}-${environment}
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/${DEMO_ORG}/${slug}
    targetRevision: main
    path: charts/${slug}
    helm:
      valueFiles:
        - values-${environment}.yaml
  destination:
    server: https://kubernetes.default.svc
    namespace: ${slug}
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
`;
}

/** An OpenTelemetry Collector configuration shipping traces and metrics. */
export function otelCollector(slug: string): string {
  return `receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 0.0.0.0:4317
      http:
        endpoint: 0.0.0.0:4318
processors:
  batch: {}
  resource:
    attributes:
      - key: service.namespace
        value: ${slug}
        action: upsert
exporters:
  otlphttp:
    endpoint: https://otel.${DEMO_ORG}.dev
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch, resource]
      exporters: [otlphttp]
    metrics:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlphttp]
`;
}

/** Terraform for a service's own cloud resources, built on the platform team's modules. */
export function terraformMain(slug: string): string {
  return `terraform {
  required_version = ">= 1.6"
  backend "s3" {
    bucket = "${DEMO_ORG}-terraform-state"
    key    = "services/${slug}.tfstate"
    region = "eu-west-1"
  }
}

module "database" {
  source         = "git::https://github.com/${DEMO_ORG}/platform-infra.git//modules/postgres?ref=v3.2.0"
  name           = "${slug}"
  instance_class = "db.r6g.large"
}

module "queue" {
  source = "git::https://github.com/${DEMO_ORG}/platform-infra.git//modules/sqs?ref=v3.2.0"
  name   = "${slug}-events"
}
`;
}

/** Renovate configuration: grouped weekend updates that merge themselves when CI is green. */
export function renovateConfig(): string {
  return `${JSON.stringify(
    {
      $schema: "https://docs.renovatebot.com/renovate-schema.json",
      extends: ["config:recommended", `github>${DEMO_ORG}/renovate-config`],
      schedule: ["every weekend"],
      packageRules: [
        { matchUpdateTypes: ["minor", "patch"], automerge: true, groupName: "all non-major dependencies" },
      ],
    },
    null,
    2,
  )}\n`;
}

/** A Backstage catalog entry for a component owned by a team. */
export function catalogInfo(
  slug: string,
  owner: string,
  type: "service" | "website" | "library" | "template" = "service",
): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${slug}
  annotations:
    github.com/project-slug: ${DEMO_ORG}/${slug}
    backstage.io/techdocs-ref: dir:.
spec:
  type: ${type}
  lifecycle: production
  owner: group:${owner}
  system: ${DEMO_ORG}-commerce
`;
}

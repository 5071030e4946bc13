/**
 * Signals of the runtime platform: infrastructure as code, GitOps, Kubernetes
 * and what makes it automatic (autoscaling, probes), and telemetry.
 */
import { apiVersionMatching, baseName, hasKind, isYaml, packageDependencies } from "./paths";
import type { FileDetector, FileSignal } from "./types";

const infrastructureAsCode: FileDetector = (file, path) => {
  const name = baseName(path);
  if (/\.tf(\.json)?$/.test(name)) return "Terraform";
  if (/\.tofu$/.test(name)) return "OpenTofu";
  if (name === "terragrunt.hcl") return "Terragrunt";
  if (/^Pulumi(\.[\w-]+)?\.ya?ml$/.test(name)) return "Pulumi";
  if (name === "cdk.json") return "AWS CDK";
  if (isYaml(path) && apiVersionMatching(file.content, /(^|\.)crossplane\.io\//)) return "Crossplane";
  return null;
};

const gitops: FileDetector = (file, path) => {
  if (!isYaml(path)) return null;
  if (apiVersionMatching(file.content, /^argoproj\.io\//) && hasKind(file.content, ["Application", "ApplicationSet"]))
    return "Argo CD";
  if (apiVersionMatching(file.content, /^(kustomize|helm|source)\.toolkit\.fluxcd\.io\//)) return "Flux";
  if (/(^|\/)flux-system\/gotk-(components|sync)\.ya?ml$/.test(path)) return "Flux";
  return null;
};

const autoscaling: FileDetector = (file, path) => {
  if (!isYaml(path)) return null;
  if (file.content === undefined)
    return /^(hpa|horizontalpodautoscaler)([-_.][\w-]+)?\.ya?ml$/i.test(baseName(path))
      ? "HorizontalPodAutoscaler (by file name)"
      : null;
  if (hasKind(file.content, ["HorizontalPodAutoscaler"])) return "HorizontalPodAutoscaler";
  if (hasKind(file.content, ["ScaledObject", "ScaledJob"]) && apiVersionMatching(file.content, /^keda\.sh\//))
    return "KEDA";
  return null;
};

const PROBE = /^[ \t]+(livenessProbe|readinessProbe|startupProbe):/m;
const WORKLOADS = ["Deployment", "StatefulSet", "DaemonSet", "Rollout"];

const healthProbes: FileDetector = (file, path) => {
  if (!isYaml(path) || file.content === undefined) return null;
  if (hasKind(file.content, WORKLOADS) && PROBE.test(file.content)) return "liveness/readiness probes";
  if (apiVersionMatching(file.content, /^argoproj\.io\//) && /\bselfHeal:[ \t]*true\b/.test(file.content))
    return "Argo CD self-heal";
  return null;
};

const telemetry: FileDetector = (file, path) => {
  const name = baseName(path);
  const content = file.content;
  if (
    isYaml(path) &&
    content !== undefined &&
    /^receivers:/m.test(content) &&
    /^exporters:/m.test(content) &&
    /^service:/m.test(content)
  )
    return "OpenTelemetry Collector";
  if (name === "package.json" && packageDependencies(content).some((d) => d.startsWith("@opentelemetry/")))
    return "OpenTelemetry";
  if (name === "go.mod" && content?.includes("go.opentelemetry.io/otel")) return "OpenTelemetry";
  if (/^(requirements[\w-]*\.txt|pyproject\.toml)$/.test(name) && /^\s*["']?opentelemetry-/m.test(content ?? ""))
    return "OpenTelemetry";
  if (isYaml(path) && hasKind(content, ["ServiceMonitor", "PodMonitor", "PrometheusRule"])) return "Prometheus";
  if (/^datadog\.ya?ml$/.test(name)) return "Datadog";
  // Grafana dashboards do not count: they show data, not that services emit it, and a product often ships its own.
  return null;
};

const MANIFEST_KINDS = ["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "Service", "Ingress"];

const kubernetes: FileDetector = (file, path) => {
  const name = baseName(path);
  if (name === "Chart.yaml") return "Helm";
  if (/^kustomization\.ya?ml$/.test(name)) return "Kustomize";
  if (isYaml(path) && apiVersionMatching(file.content, /./) && hasKind(file.content, MANIFEST_KINDS))
    return "Kubernetes manifests";
  return null;
};

const gpu: FileDetector = (file, path) =>
  isYaml(path) && /\b(nvidia|amd)\.com\/gpu\b/.test(file.content ?? "") ? "GPU resource request" : null;

const statefulWorkload: FileDetector = (file, path) =>
  isYaml(path) && hasKind(file.content, ["StatefulSet"]) ? "StatefulSet" : null;

/** The runtime-platform signals. */
export const RUNTIME_SIGNALS: FileSignal[] = [
  { id: "infrastructure-as-code", detect: infrastructureAsCode },
  { id: "gitops", detect: gitops },
  { id: "autoscaling", detect: autoscaling },
  { id: "health-probes", detect: healthProbes },
  { id: "telemetry", detect: telemetry },
  { id: "kubernetes", detect: kubernetes },
  { id: "gpu", detect: gpu },
  { id: "stateful-workload", detect: statefulWorkload },
];

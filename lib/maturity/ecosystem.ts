/**
 * The ecosystem table next steps draw their candidate tools from, by
 * category, plus the managed platforms the recommendation chooses among.
 */
export const ECOSYSTEM = {
  portal: ["Backstage", "Port", "Cortex"],
  infrastructure: ["Terraform", "Pulumi", "Crossplane"],
  gitops: ["Argo CD", "Flux"],
  orchestration: ["Kubernetes", "Nomad"],
  "ci-cd": ["GitHub Actions", "Dagger", "Buildkite"],
  observability: ["Grafana", "Datadog", "OpenTelemetry"],
  "managed platform": ["Vercel", "Railway", "Fly.io"],
} as const;

export type EcosystemCategory = keyof typeof ECOSYSTEM;

/**
 * A category's tools, those already seen in the organisation first: a team
 * on GitHub Actions hears "GitHub Actions" before "Buildkite".
 */
export function candidateTools(category: EcosystemCategory, seen: readonly string[] = []): string[] {
  const tools: string[] = [...ECOSYSTEM[category]];
  const known = (tool: string) => seen.some((s) => s.toLowerCase().includes(tool.toLowerCase()));
  return [...tools.filter(known), ...tools.filter((t) => !known(t))];
}

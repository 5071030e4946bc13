import { findConfigFile, loadConfig, type WorkspaceConfig } from "@/collectors/config";
import { readSecret } from "@/lib/env";

/** `acme-eu` → `ACME_EU`: how a slug appears in environment variable names. */
export function slugForEnv(slug: string): string {
  return slug.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** What the inbound endpoints of a workspace need: its secrets (never logged) and its incident labels. */
export interface InboundSettings {
  /** The GitHub webhook secret, or null when none is set. */
  githubSecret: string | null;
  /** The env var the secret is read from, for messages. */
  githubSecretEnv: string;
  /** The `POST /api/events` bearer token, or null when none is set. */
  eventsToken: string | null;
  eventsTokenEnv: string;
  /** Issue labels that make an issue an incident (the workspace's github sources', else `incident`). */
  incidentLabels: string[];
  /** The GitLab webhook secret token (`X-Gitlab-Token`), or null when none is set. */
  gitlabToken: string | null;
  gitlabTokenEnv: string;
  /** Issue labels that make a GitLab issue an incident besides GitLab's incidents (its gitlab sources', else `incident`). */
  gitlabIncidentLabels: string[];
}

/** The workspace's entry in the config file, when there is a config file and it names the workspace. */
function configuredWorkspace(slug: string): WorkspaceConfig | null {
  if (!findConfigFile()) return null;
  try {
    return loadConfig().config.workspaces.find((w) => w.slug === slug) ?? null;
  } catch (error) {
    // An invalid config must not take the endpoints down; the CLI reports it in full.
    console.error(`altimeter: ignoring the config file for inbound requests: ${(error as Error).message}`);
    return null;
  }
}

/**
 * Where a workspace's inbound secrets come from: the env var its config entry
 * names, else `GITHUB_WEBHOOK_SECRET_<SLUG>` (then `GITHUB_WEBHOOK_SECRET`),
 * `GITLAB_WEBHOOK_TOKEN_<SLUG>` (then `GITLAB_WEBHOOK_TOKEN`) and
 * `ALTIMETER_EVENTS_TOKEN_<SLUG>`.
 */
export function inboundSettings(slug: string, env: NodeJS.ProcessEnv = process.env): InboundSettings {
  const config = configuredWorkspace(slug);
  const key = slugForEnv(slug);
  const perWorkspace = config?.webhooks?.githubSecretEnv ?? `GITHUB_WEBHOOK_SECRET_${key}`;
  const perWorkspaceSecret = readSecret(perWorkspace, env);
  const eventsTokenEnv = config?.events?.tokenEnv ?? `ALTIMETER_EVENTS_TOKEN_${key}`;
  const labels = config?.sources.flatMap((s) => (s.kind === "github" ? s.incidentLabels : [])) ?? [];
  const gitlabSources = config?.sources.filter((s) => s.kind === "gitlab") ?? [];
  const gitlabLabels = gitlabSources.flatMap((s) => s.incidentLabels);
  const gitlabPerWorkspace = config?.webhooks?.gitlabTokenEnv ?? `GITLAB_WEBHOOK_TOKEN_${key}`;
  const gitlabPerWorkspaceToken = readSecret(gitlabPerWorkspace, env);
  return {
    githubSecret: perWorkspaceSecret ?? readSecret("GITHUB_WEBHOOK_SECRET", env),
    githubSecretEnv: perWorkspaceSecret ? perWorkspace : "GITHUB_WEBHOOK_SECRET",
    eventsToken: readSecret(eventsTokenEnv, env),
    eventsTokenEnv,
    incidentLabels: labels.length ? [...new Set(labels)] : ["incident"],
    gitlabToken: gitlabPerWorkspaceToken ?? readSecret("GITLAB_WEBHOOK_TOKEN", env),
    gitlabTokenEnv: gitlabPerWorkspaceToken ? gitlabPerWorkspace : "GITLAB_WEBHOOK_TOKEN",
    // A configured source's labels, even none; without a gitlab source, the collector's default.
    gitlabIncidentLabels: gitlabSources.length ? [...new Set(gitlabLabels)] : ["incident"],
  };
}

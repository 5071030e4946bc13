import { findConfigFile, loadConfig, type AltimeterConfig, type WorkspaceConfig } from "@/collectors/config";
import type { Db } from "@/db/client";
import { readSecret } from "@/lib/env";
import { listWorkspaces } from "@/lib/queries/workspaces";
import { envNameTwins, slugForEnv } from "@/lib/workspace-slug";

export { slugForEnv };

/** What the inbound endpoints of a workspace need: its secrets (never logged) and its incident labels. */
export interface InboundSettings {
  /** The GitHub webhook secret, or null when none is set. */
  githubSecret: string | null;
  /** What to set for one, for messages: the env var read, or the config key. */
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

/** The config file, when there is one and it is valid. */
function configFile(): AltimeterConfig | null {
  if (!findConfigFile()) return null;
  try {
    return loadConfig().config;
  } catch (error) {
    // An invalid config must not take the endpoints down; the CLI reports it in full. Without it, no
    // workspace names a secret, so only unambiguous per-workspace variables are read (nothing shared).
    console.error(`altimeter: ignoring the config file for inbound requests: ${(error as Error).message}`);
    return null;
  }
}

/** Shared secrets set in the environment that a workspace does not name, warned about once each. */
const warned = new Set<string>();

/**
 * One secret of a workspace. The variable its config entry names is read
 * whatever it is called: that is how a shared secret (GITHUB_WEBHOOK_SECRET)
 * is bound to the workspaces that list it. Otherwise `<PREFIX>_<SLUG>`, unless
 * another workspace's slug gives the same name (`acme-eu`, `acme_eu`): then
 * nothing is read, since that variable could be either's.
 */
function secret(
  slug: string,
  twins: readonly string[],
  env: NodeJS.ProcessEnv,
  which: { named: string | undefined; prefix: string; configKey: string; shared?: string },
): { value: string | null; env: string } {
  const { named, prefix, configKey, shared } = which;
  if (named) return { value: readSecret(named, env), env: named };
  const derived = `${prefix}_${slugForEnv(slug)}`;
  if (twins.length > 0) {
    if (readSecret(derived, env) && !warned.has(`${derived}:${slug}`)) {
      warned.add(`${derived}:${slug}`);
      console.error(
        `altimeter: ${derived} is not used: workspaces ${[slug, ...twins].map((s) => JSON.stringify(s)).join(" and ")} both map to it; name a variable of each in the config (${configKey})`,
      );
    }
    return { value: null, env: `${configKey} in the config` };
  }
  if (shared && readSecret(shared, env) && !readSecret(derived, env) && !warned.has(`${shared}:${slug}`)) {
    warned.add(`${shared}:${slug}`);
    console.error(
      `altimeter: ${shared} is set but workspace ${JSON.stringify(slug)} does not name it (${configKey} in the config), so it refuses deliveries signed with it`,
    );
  }
  return { value: readSecret(derived, env), env: derived };
}

/**
 * Where a workspace's inbound secrets come from: the env var its config entry
 * names (`webhooks.githubSecretEnv`, `webhooks.gitlabTokenEnv`,
 * `events.tokenEnv`), else `GITHUB_WEBHOOK_SECRET_<SLUG>`,
 * `GITLAB_WEBHOOK_TOKEN_<SLUG>` and `ALTIMETER_EVENTS_TOKEN_<SLUG>` — never a
 * shared GITHUB_WEBHOOK_SECRET or GITLAB_WEBHOOK_TOKEN the workspace does not
 * name, and never a `<SLUG>` name that another known workspace (`others`, and
 * those of the config file) maps to as well.
 */
export function inboundSettings(
  slug: string,
  env: NodeJS.ProcessEnv = process.env,
  others: readonly string[] = [],
): InboundSettings {
  const file = configFile();
  const config: WorkspaceConfig | null = file?.workspaces.find((w) => w.slug === slug) ?? null;
  const twins = envNameTwins(slug, [...others, ...(file?.workspaces.map((w) => w.slug) ?? [])]);
  const github = secret(slug, twins, env, {
    named: config?.webhooks?.githubSecretEnv,
    prefix: "GITHUB_WEBHOOK_SECRET",
    configKey: "webhooks.githubSecretEnv",
    shared: "GITHUB_WEBHOOK_SECRET",
  });
  const gitlab = secret(slug, twins, env, {
    named: config?.webhooks?.gitlabTokenEnv,
    prefix: "GITLAB_WEBHOOK_TOKEN",
    configKey: "webhooks.gitlabTokenEnv",
    shared: "GITLAB_WEBHOOK_TOKEN",
  });
  const events = secret(slug, twins, env, {
    named: config?.events?.tokenEnv,
    prefix: "ALTIMETER_EVENTS_TOKEN",
    configKey: "events.tokenEnv",
  });
  const labels = config?.sources.flatMap((s) => (s.kind === "github" ? s.incidentLabels : [])) ?? [];
  const gitlabSources = config?.sources.filter((s) => s.kind === "gitlab") ?? [];
  const gitlabLabels = gitlabSources.flatMap((s) => s.incidentLabels);
  return {
    githubSecret: github.value,
    githubSecretEnv: github.env,
    eventsToken: events.value,
    eventsTokenEnv: events.env,
    incidentLabels: labels.length ? [...new Set(labels)] : ["incident"],
    gitlabToken: gitlab.value,
    gitlabTokenEnv: gitlab.env,
    // A configured source's labels, even none; without a gitlab source, the collector's default.
    gitlabIncidentLabels: gitlabSources.length ? [...new Set(gitlabLabels)] : ["incident"],
  };
}

/** {@link inboundSettings} checked against every workspace of the store, for the inbound routes. */
export async function inboundSettingsFor(db: Db, slug: string): Promise<InboundSettings> {
  const others = (await listWorkspaces(db)).map((w) => w.slug);
  return inboundSettings(slug, process.env, others);
}

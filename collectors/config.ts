import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Cron } from "croner";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { readEnv } from "@/lib/env";
import { ValidationError } from "@/lib/errors";
import { envNameTwins, slugForEnv, WorkspaceSlugSchema } from "@/lib/workspace-slug";
import { envName } from "./config-fields";
import { GitConfigSchema } from "./git/config";
import { GithubConfigSchema } from "./github/config";
import { GitlabConfigSchema } from "./gitlab/config";
import { JiraConfigSchema } from "./jira/config";
import { OpsgenieConfigSchema } from "./opsgenie/config";
import { PagerdutyConfigSchema } from "./pagerduty/config";

/** Where the config is looked for when neither `--config` nor ALTIMETER_CONFIG names it, in this order. */
export const DEFAULT_CONFIG_FILES = ["altimeter.config.json", "altimeter.config.yaml", "altimeter.config.yml"];

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a known IANA time zone (e.g. Europe/Berlin, UTC)" },
);

const cronPattern = z.string().refine(
  (pattern) => {
    try {
      new Cron(pattern, { paused: true }).stop();
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a valid cron expression (5 or 6 fields, e.g. "0 * * * *" for hourly)' },
);

/** The channels a weekly digest goes to (lib/digest). */
export const DIGEST_CHANNELS = ["email", "slack", "file"] as const;
export type DigestChannel = (typeof DIGEST_CHANNELS)[number];

/** A workspace's weekly digest: when (cron in a time zone, default Monday 08:00), where, and to whom. Secrets by env var name only. */
export const DigestConfigSchema = z
  .strictObject({
    cron: cronPattern.default("0 8 * * 1"),
    timeZone: timeZone.default("UTC"),
    channels: z.array(z.enum(DIGEST_CHANNELS)).min(1),
    email: z
      .strictObject({
        to: z.array(z.email()).min(1),
        from: z.string().min(3).optional(),
        attachPdf: z.boolean().default(false),
      })
      .optional(),
    slack: z.strictObject({ webhookUrlEnv: envName.default("ALTIMETER_SLACK_WEBHOOK_URL") }).optional(),
    file: z.strictObject({ dir: z.string().min(1).default("digests") }).optional(),
  })
  .superRefine((d, ctx) => {
    if (d.channels.includes("email") && !d.email)
      ctx.addIssue({
        code: "custom",
        path: ["email"],
        message: 'the email channel needs "email": { "to": ["…"] } (the recipients)',
      });
  });
export type DigestConfig = z.infer<typeof DigestConfigSchema>;

/** Any configured source; `kind` says which collector reads it. */
export const SourceConfigSchema = z.discriminatedUnion("kind", [
  GithubConfigSchema,
  GitConfigSchema,
  PagerdutyConfigSchema,
  OpsgenieConfigSchema,
  GitlabConfigSchema,
  JiraConfigSchema,
]);
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
export type SourceKind = SourceConfig["kind"];

/** One workspace of the config file: its sources, sync schedule and the secrets of its inbound APIs (by env var name). */
export const WorkspaceConfigSchema = z.strictObject({
  slug: WorkspaceSlugSchema,
  name: z.string().min(1).optional(),
  schedule: z.strictObject({ cron: cronPattern, timeZone: timeZone.default("UTC") }).optional(),
  /** The weekly digest's schedule, channels and recipients, run by `altimeter worker`. */
  digest: DigestConfigSchema.optional(),
  /** `POST /api/events` bearer token, by env var name (default ALTIMETER_EVENTS_TOKEN_<SLUG>). */
  events: z.strictObject({ tokenEnv: envName }).optional(),
  /**
   * Inbound webhook secrets, by env var name: `POST /api/webhooks/github` (default GITHUB_WEBHOOK_SECRET_<SLUG>)
   * and `POST /api/webhooks/gitlab` (default GITLAB_WEBHOOK_TOKEN_<SLUG>). A shared secret (GITHUB_WEBHOOK_SECRET,
   * GITLAB_WEBHOOK_TOKEN or any other) serves exactly the workspaces that name it here.
   */
  webhooks: z.strictObject({ githubSecretEnv: envName.optional(), gitlabTokenEnv: envName.optional() }).optional(),
  sources: z.array(SourceConfigSchema).default([]),
});
export type WorkspaceConfig = z.infer<typeof WorkspaceConfigSchema>;

/** An OpenID Connect provider people sign in with (Google, Okta, Entra ID, GitLab, Keycloak…); its secret by env var name. */
export const OidcProviderSchema = z.strictObject({
  /** In URLs and the accounts table: lower-case letters, digits and -. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and -"),
  /** On the sign-in button: "Sign in with NAME". */
  name: z.string().min(1).max(60),
  /** The issuer; its /.well-known/openid-configuration is read for the endpoints. */
  issuer: z.url({ protocol: /^https?$/, error: "must be the provider's http(s) issuer URL" }),
  clientId: z.string().min(1),
  /** The environment variable holding the client secret. */
  clientSecretEnv: envName,
  /** Let anyone the provider signs in get an account (with no workspace until an owner adds them). Default: only existing users. */
  allowSignUp: z.boolean().default(false),
});
export type OidcProviderConfig = z.infer<typeof OidcProviderSchema>;

/** Accounts: OpenID Connect providers and how long a session lasts. */
export const AuthConfigSchema = z.strictObject({
  oidc: z.array(OidcProviderSchema).default([]),
  /** Hours a session lasts without use (default 168: a week). */
  sessionHours: z
    .number()
    .positive()
    .max(24 * 90)
    .optional(),
  /** More host names the app answers to (the public URL's host and loopback are always allowed). */
  allowedHosts: z.array(z.string().min(1)).default([]),
});
export type AuthConfig = z.infer<typeof AuthConfigSchema>;

/** The whole config file (collectors/CONFIG.md). */
export const AltimeterConfigSchema = z
  .strictObject({
    workspaces: z.array(WorkspaceConfigSchema).min(1),
    /** Sign-in providers and sessions (README, "Security"). */
    auth: AuthConfigSchema.optional(),
    /** Where people reach the dashboard: digest links point there (ALTIMETER_PUBLIC_URL wins). */
    publicUrl: z.url({ protocol: /^https?$/, error: "must be the dashboard's http(s) address" }).optional(),
    /** `altimeter report`: the browser that prints, and the name on the cover. */
    report: z
      .strictObject({ chromium: z.string().min(1).optional(), preparedBy: z.string().min(1).max(200).optional() })
      .optional(),
  })
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.workspaces.forEach((w, i) => {
      if (seen.has(w.slug))
        ctx.addIssue({
          code: "custom",
          path: ["workspaces", i, "slug"],
          message: `${JSON.stringify(w.slug)} is declared twice`,
        });
      // Twins (`acme-eu`, `acme_eu`) share every `<PREFIX>_<SLUG>` variable: each must name its own.
      const twin = envNameTwins(
        w.slug,
        config.workspaces.slice(0, i).map((o) => o.slug),
      )[0];
      const other = config.workspaces.find((o) => o.slug === twin);
      if (other && !(namesAllSecrets(w) && namesAllSecrets(other)))
        ctx.addIssue({
          code: "custom",
          path: ["workspaces", i, "slug"],
          message: `${JSON.stringify(w.slug)} and ${JSON.stringify(other.slug)} map to the same environment variable names (…_${slugForEnv(w.slug)}), so one's secrets would open the other's endpoints: rename one, or have both name their own variables (events.tokenEnv, webhooks.githubSecretEnv, webhooks.gitlabTokenEnv)`,
        });
      seen.add(w.slug);
      const names = new Set<string>();
      for (let j = 0; j < w.sources.length; j++) {
        const name = sourceName(w, j);
        if (names.has(name))
          ctx.addIssue({
            code: "custom",
            path: ["workspaces", i, "sources", j, "name"],
            message: `two sources are named ${JSON.stringify(name)}; give each a distinct name`,
          });
        names.add(name);
      }
    });
  });
export type AltimeterConfig = z.infer<typeof AltimeterConfigSchema>;

/** Whether a workspace names the variable of each of its inbound secrets, rather than taking `<PREFIX>_<SLUG>`. */
function namesAllSecrets(w: Pick<WorkspaceConfig, "events" | "webhooks">): boolean {
  return Boolean(w.events?.tokenEnv && w.webhooks?.githubSecretEnv && w.webhooks?.gitlabTokenEnv);
}

/** A loaded config and where it came from. */
export interface LoadedConfig {
  path: string;
  config: AltimeterConfig;
}

/**
 * A source's name, shown in progress, summaries and sync_runs: its `name`, else
 * its kind, numbered (`git-2`) when the workspace has several of that kind.
 */
export function sourceName(workspace: Pick<WorkspaceConfig, "sources">, index: number): string {
  const source = workspace.sources[index]!;
  if (source.name) return source.name;
  const sameKind = workspace.sources.filter((s) => s.kind === source.kind);
  return sameKind.length === 1 ? source.kind : `${source.kind}-${sameKind.indexOf(source) + 1}`;
}

/** `workspaces[0].sources[1].org` from a zod path. */
function keyPath(p: readonly PropertyKey[]): string {
  return (
    p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("") ||
    "(top level)"
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /received undefined$/.test(issue.message)) return "Required";
  if (issue.code === "invalid_union" && "discriminator" in issue)
    return `must be one of ${(issue as { options?: unknown[] }).options?.join(", ")}`;
  if (issue.code === "unrecognized_keys" && issue.keys.some((k) => /token|secret|password|apikey|key$/i.test(k))) {
    return `${issue.message} (secrets never go in the config: name the environment variable that holds them, e.g. tokenEnv)`;
  }
  return issue.message;
}

/** Validates a parsed config; every problem is listed with the key path that holds it. */
export function parseConfig(value: unknown, file: string, baseDir: string): AltimeterConfig {
  const parsed = AltimeterConfigSchema.safeParse(value);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  ${keyPath(i.path)}: ${describeIssue(i)}`);
    const more = parsed.error.issues.length > 10 ? `\n  … and ${parsed.error.issues.length - 10} more` : "";
    throw new ValidationError(`${file} is not a valid config (see collectors/CONFIG.md):\n${lines.join("\n")}${more}`);
  }
  // Repository paths are relative to the config file, not to wherever the command runs.
  for (const w of parsed.data.workspaces) {
    for (const s of w.sources)
      if (s.kind === "git") s.repositories = s.repositories.map((r) => ({ ...r, path: path.resolve(baseDir, r.path) }));
    if (w.digest?.file) w.digest.file.dir = path.resolve(baseDir, w.digest.file.dir);
  }
  return parsed.data;
}

/** The config file to read: `--config`, else ALTIMETER_CONFIG, else the first default file present; null when there is none. */
export function findConfigFile(explicit?: string | null, cwd = process.cwd()): string | null {
  const named = explicit || readEnv().ALTIMETER_CONFIG;
  if (named) return path.resolve(cwd, named);
  return DEFAULT_CONFIG_FILES.map((f) => path.join(cwd, f)).find((f) => existsSync(f)) ?? null;
}

/** Reads and validates the config file (JSON, or YAML for .yaml/.yml); clear errors for a missing file, bad syntax or a bad key. */
export function loadConfig(explicit?: string | null, cwd = process.cwd()): LoadedConfig {
  const file = findConfigFile(explicit, cwd);
  if (!file)
    throw new ValidationError(
      `no config file: create ${DEFAULT_CONFIG_FILES[0]} (see collectors/CONFIG.md), or name one with --config PATH or ALTIMETER_CONFIG`,
    );
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new ValidationError(`cannot read the config file ${file}`);
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ValidationError(
      `${file} is not valid ${/\.ya?ml$/i.test(file) ? "YAML" : "JSON"}: ${(error as Error).message.split("\n")[0]}`,
    );
  }
  return { path: file, config: parseConfig(value, file, path.dirname(file)) };
}

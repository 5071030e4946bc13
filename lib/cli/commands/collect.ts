import type { SourceConfig } from "@/collectors/config";
import { GithubConfigSchema } from "@/collectors/github/config";
import { syncWorkspace, type SourceSyncResult } from "@/collectors/sync";
import { ValidationError } from "@/lib/errors";
import { optional, required, type Command, type CommandContext } from "../command";
import { terminalProgress } from "../progress";
import { progressLine } from "./sync";
import { gitCollectSource } from "./collect-git";
import { gitlabCollectSource } from "./collect-gitlab";
import { jiraCollectSource } from "./collect-jira";

/** One `altimeter collect SOURCE`: its flags, and how they become the source's config. */
interface CollectSource {
  usage: string;
  help: string;
  options: Command["options"];
  /** The source's config from the flags; a bad flag is a ValidationError naming it. */
  config: (ctx: CommandContext) => SourceConfig;
  /** The name of the positional arguments it takes after its own name (git's PATH…); none when absent. */
  positionals?: string;
}

const FLAG_OF: Record<string, string> = {
  org: "--org",
  repos: "--repo",
  since: "--since",
  apiUrl: "--api-url",
  incidentLabels: "--incident-label",
};

const github: CollectSource = {
  usage:
    "altimeter collect github --org ORG --workspace SLUG [--repo OWNER/NAME]... [--since YYYY-MM-DD] [--api-url URL] [--incident-label L]... [--json]",
  help: `github: teams, repositories, people, pull requests, default-branch commits, deployments,
Actions workflow runs, incident issues, releases (for repositories without deployments)
and file snapshots, over GitHub's GraphQL API. The token comes from GITHUB_TOKEN
(classic: scopes repo and read:org). Each repository and stream resumes where
the last sync stopped.

  --org ORG             the organisation (required)
  --repo OWNER/NAME     only this repository; repeatable (default: all but forks)
  --since YYYY-MM-DD    how far back the first sync of a stream goes (default: all)
  --api-url URL         GitHub Enterprise Server: https://HOST/api/graphql
  --incident-label L    issues with this label are incidents; repeatable (default: incident)`,
  options: {
    org: { type: "string" },
    repo: { type: "string", multiple: true },
    since: { type: "string" },
    "api-url": { type: "string" },
    "incident-label": { type: "string", multiple: true },
  },
  config(ctx) {
    const raw = {
      kind: "github",
      org: required(ctx, "org"),
      repos: ctx.values.repo,
      since: optional(ctx, "since") ?? undefined,
      apiUrl: optional(ctx, "api-url") ?? undefined,
      incidentLabels: ctx.values["incident-label"],
    };
    const parsed = GithubConfigSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError(`${FLAG_OF[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
    }
    return parsed.data;
  },
};

/** The sources `collect` knows, by subcommand. */
const SOURCES: Record<string, CollectSource> = {
  github,
  gitlab: gitlabCollectSource,
  git: gitCollectSource,
  jira: jiraCollectSource,
};

function summaryLine(workspace: string, s: SourceSyncResult): string {
  const records =
    Object.entries(s.records)
      .map(([t, n]) => `${n} ${t}`)
      .join(", ") || "no records";
  const points = s.rateLimitPoints !== undefined ? `, ${s.rateLimitPoints} rate-limit points` : "";
  const requests = s.requests !== undefined ? `; ${s.requests} requests${points}` : "";
  const removed = Object.entries(s.removed ?? {})
    .map(([t, n]) => `; ${n} ${t}${n === 1 ? "" : "s"} removed (no longer in the source)`)
    .join("");
  const n = s.warnings?.length ?? 0;
  const warnings = n > 0 ? `; ${n} warning${n === 1 ? "" : "s"} (below)` : "";
  return `${workspace}: ${s.source} ${s.status} in ${(s.durationMs / 1000).toFixed(1)} s: ${records}${removed}${requests}${warnings}`;
}

export const collectCommand: Command = {
  name: "collect",
  summary:
    "Collect records from one source (GitHub, GitLab, a local git clone) into a workspace, without a config file",
  usage: "altimeter collect SOURCE --workspace SLUG [options]",
  help: `
${Object.values(SOURCES)
  .map((s) => `${s.usage}\n\n${s.help}`)
  .join("\n\n")}

  --workspace SLUG  the workspace to store into (created when missing; required)
  --json            print {"workspace", "source", "status", "records", "failures", "warnings", "removed", "requests", "rateLimitPoints", "durationMs"}

Progress per repository (GitLab: per project) is shown on a terminal, one
summary line otherwise. Exit status: 0 collected, 2 partial (some
repositories or projects failed and were skipped, or Jira incidents were
rejected; the rest was stored), 1 failed (bad token, unknown organisation or
group…), 130 interrupted (re-run to continue where it stopped), 75 another
process (a worker, another collect) is syncing this source now (nothing was
done: run it again once that sync finishes).`,
  options: {
    workspace: { type: "string" },
    json: { type: "boolean" },
    ...Object.assign({}, ...Object.values(SOURCES).map((s) => s.options)),
  },
  async run(ctx) {
    const [name, ...extra] = ctx.positionals;
    const source = name ? SOURCES[name] : undefined;
    if (!source)
      throw new ValidationError(
        `${name ? `unknown source ${JSON.stringify(name)}` : "name a source"}: altimeter collect ${Object.keys(SOURCES).join("|")} …`,
      );
    if (extra.length > 0 && !source.positionals)
      throw new ValidationError(`unexpected argument ${JSON.stringify(extra[0])}`);
    const foreign = Object.keys(ctx.values).filter(
      (k) => ctx.values[k] !== undefined && !["workspace", "json", "db", "help"].includes(k) && !(k in source.options),
    );
    if (foreign.length > 0) throw new ValidationError(`--${foreign[0]} is not an option of collect ${name}`);
    const workspace = required(ctx, "workspace");
    const config = source.config(ctx);

    const progress = terminalProgress(ctx.interactive);
    const controller = new AbortController();
    const interrupt = () => controller.abort(new Error("interrupted"));
    process.once("SIGINT", interrupt);
    process.once("SIGTERM", interrupt);
    let result: Awaited<ReturnType<typeof syncWorkspace>>;
    try {
      result = await syncWorkspace(
        {
          db: await ctx.db(),
          now: Date.now,
          progress: (e) => progress.update(progressLine(e)),
          signal: controller.signal,
        },
        { slug: workspace, sources: [config] },
      );
    } finally {
      process.removeListener("SIGINT", interrupt);
      process.removeListener("SIGTERM", interrupt);
      progress.done();
    }
    const busy = result.skipped?.[0];
    if (busy) {
      ctx.err(
        `${workspace}: ${busy.source} skipped, ${busy.reason}; nothing was done, run it again once that sync finishes`,
      );
      return 75;
    }
    const outcome = result.sources[0]!;
    if (controller.signal.aborted) {
      ctx.err(
        `${workspace}: ${outcome.source} interrupted; what was stored stays, and the next run continues from there`,
      );
      return 130;
    }
    if (ctx.values.json) ctx.out(JSON.stringify({ workspace, ...outcome }, null, 2));
    else {
      for (const f of outcome.failures) ctx.err(`${f.scope}: ${f.message}`);
      for (const w of outcome.warnings ?? []) ctx.err(`warning: ${w.scope}: ${w.message}`);
      ctx.out(summaryLine(workspace, outcome));
    }
    return outcome.status === "ok" ? 0 : outcome.status === "partial" ? 2 : 1;
  },
};

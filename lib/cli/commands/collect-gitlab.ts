import { type GitlabConfig, GitlabConfigSchema } from "@/collectors/gitlab";
import { ValidationError } from "@/lib/errors";
import { type CommandContext, optional, required } from "../command";

const FLAG_OF: Record<string, string> = {
  group: "--group",
  projects: "--project",
  since: "--since",
  url: "--url",
  concurrency: "--concurrency",
  incidentLabels: "--incident-label",
};

/** `altimeter collect gitlab`: the GitLab collector's flags and how they become its config. */
export const gitlabCollectSource = {
  usage:
    "altimeter collect gitlab --group GROUP --workspace SLUG [--project PATH]... [--since YYYY-MM-DD] [--url URL] [--incident-label L]... [--concurrency N] [--json]",
  help: `gitlab: a group and its subgroups (teams, with their direct members), projects,
merge requests with their first commits, default-branch commits with parents,
deployments, default-branch pipelines, incident issues (and issues labelled
incident), releases (for projects without deployments) and file snapshots,
over GitLab's REST and GraphQL APIs, several projects at a time. The token
comes from GITLAB_TOKEN (read_api scope). Each project and stream resumes
where the last sync stopped. See collectors/gitlab/README.md.

  --group GROUP         the group's full path, e.g. acme or acme/platform (required)
  --project PATH        only this project (full path); repeatable (default: every
                        non-archived project of the group and its subgroups)
  --since YYYY-MM-DD    how far back the first sync of a stream goes (default: all)
  --url URL             a self-managed instance, e.g. https://gitlab.example.com
                        (default: https://gitlab.com)
  --incident-label L    issues with this label are incidents too; repeatable (default: incident)
  --concurrency N       projects collected at once (default: 8)`,
  options: {
    group: { type: "string" },
    project: { type: "string", multiple: true },
    since: { type: "string" },
    url: { type: "string" },
    concurrency: { type: "string" },
    "incident-label": { type: "string", multiple: true },
  } as const,
  config(ctx: CommandContext): GitlabConfig {
    const concurrency = optional(ctx, "concurrency");
    const parsed = GitlabConfigSchema.safeParse({
      kind: "gitlab",
      group: required(ctx, "group"),
      projects: ctx.values.project,
      since: optional(ctx, "since") ?? undefined,
      url: optional(ctx, "url") ?? undefined,
      concurrency: concurrency === null ? undefined : Number(concurrency),
      incidentLabels: ctx.values["incident-label"],
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError(`${FLAG_OF[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
    }
    return parsed.data;
  },
};

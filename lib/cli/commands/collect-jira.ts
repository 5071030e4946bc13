import { type JiraConfig, JiraConfigSchema } from "@/collectors/jira";
import { ValidationError } from "@/lib/errors";
import { type CommandContext, optional, required } from "../command";
import { parseServiceMap } from "./import-incidents";

const FLAG_OF: Record<string, string> = {
  site: "--site",
  jql: "--jql",
  since: "--since",
  routeBy: "--route-by",
  fixDeploymentField: "--fix-deployment-field",
  severityField: "--severity-field",
};

/** `altimeter collect jira`: the Jira collector's flags and how they become its config. */
export const jiraCollectSource = {
  usage:
    "altimeter collect jira --site URL --jql QUERY --workspace SLUG [--since YYYY-MM-DD] [--data-center] [--route-by FIELD]... [--map VALUE=repository:ID|team:ID]... [--fix-deployment-field customfield_N] [--severity-field customfield_N] [--json]",
  help: `jira: the issues a JQL query selects, as incidents: opened when created, resolved at
the resolution date (else when last moved into its done status), priority as
severity, routed to repositories or teams by component, label or a custom
field. Cloud: JIRA_EMAIL and JIRA_API_TOKEN; Data Center: a personal access
token in JIRA_API_TOKEN. Each sync reads what was updated since the last.

  --site URL            https://acme.atlassian.net, or a Data Center address (required)
  --jql QUERY           which issues are incidents, e.g. "project = OPS AND issuetype = Incident" (required)
  --since YYYY-MM-DD    how far back the first sync goes (default: 365 days)
  --data-center         Jira Data Center or Server (REST v2 search, Bearer token)
  --route-by FIELD      component, label or customfield_N; repeatable, in order (default: component, label)
  --map VALUE=repository:ID|team:ID
                        route incidents with this component, label or field value; repeatable
  --fix-deployment-field customfield_N
                        a field holding the id of the deployment that fixed the incident
  --severity-field customfield_N
                        a field holding the severity (default: the priority)`,
  options: {
    site: { type: "string" },
    jql: { type: "string" },
    since: { type: "string" },
    "data-center": { type: "boolean" },
    "route-by": { type: "string", multiple: true },
    map: { type: "string", multiple: true },
    "fix-deployment-field": { type: "string" },
    "severity-field": { type: "string" },
  } as const,
  config(ctx: CommandContext): JiraConfig {
    const parsed = JiraConfigSchema.safeParse({
      kind: "jira",
      site: required(ctx, "site"),
      jql: required(ctx, "jql"),
      since: optional(ctx, "since") ?? undefined,
      api: ctx.values["data-center"] ? "datacenter" : "cloud",
      routeBy: ctx.values["route-by"],
      services: parseServiceMap((ctx.values.map as string[] | undefined) ?? []),
      fixDeploymentField: optional(ctx, "fix-deployment-field") ?? undefined,
      severityField: optional(ctx, "severity-field") ?? undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ValidationError(`${FLAG_OF[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}`);
    }
    return parsed.data;
  },
};

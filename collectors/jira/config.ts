import { z } from "zod";
import { envName, incidentTarget, sinceText } from "../config-fields";

/** A Jira field whose values route incidents: `component`, `label`, or a custom field's id (`customfield_10050`). */
const routeField = z.union([
  z.enum(["component", "label"]),
  z.string().regex(/^customfield_\d+$/, "must be component, label or a custom field id such as customfield_10050"),
]);

/**
 * A `jira` source of the config file (collectors/CONFIG.md, "Jira"): the
 * issues a JQL query selects are incidents. Secrets by env var name only.
 */
export const JiraConfigSchema = z.strictObject({
  kind: z.literal("jira"),
  name: z.string().min(1).optional(),
  /** The site, e.g. https://acme.atlassian.net (Cloud) or https://jira.acme.example (Data Center). */
  site: z
    .url({ protocol: /^https?$/, error: "must be the site's http(s) address, e.g. https://acme.atlassian.net" })
    .transform((u) => u.replace(/\/+$/, "")),
  /** Which issues are incidents, e.g. `project = OPS AND issuetype = Incident` (no ORDER BY: the collector orders by update). */
  jql: z
    .string()
    .min(1)
    .refine((q) => !/\border\s+by\b/i.test(q), { message: "leave ORDER BY out: the collector reads by last update" }),
  /** `cloud`: REST v3 enhanced search (`nextPageToken`); `datacenter`: REST v2 search (`startAt`). */
  api: z.enum(["cloud", "datacenter"]).default("cloud"),
  /** Cloud: the account's e-mail (Basic auth with the API token). Unset on Data Center, where the token is a personal access token (Bearer). */
  emailEnv: envName.default("JIRA_EMAIL"),
  tokenEnv: envName.default("JIRA_API_TOKEN"),
  /** The fields whose values route an incident, tried in this order. */
  routeBy: z.array(routeField).min(1).default(["component", "label"]),
  /** Value (component name, label, custom field value) → repository and/or team. */
  services: z.record(z.string(), incidentTarget).default({}),
  /** A custom field holding the id of the deployment that fixed the incident (`fixDeploymentId`). */
  fixDeploymentField: z
    .string()
    .regex(/^customfield_\d+$/, "must be a custom field id such as customfield_10060")
    .optional(),
  /** A custom field holding the severity; the priority's name otherwise. */
  severityField: z
    .string()
    .regex(/^customfield_\d+$/, "must be a custom field id such as customfield_10070")
    .optional(),
  /** Where a first sync starts; 365 days back by default. */
  since: sinceText.optional(),
});

/** The options of the Jira collector, after defaults. */
export type JiraConfig = z.infer<typeof JiraConfigSchema>;

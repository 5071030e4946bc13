import { z } from "zod";
import { fetchJson, type RestClient } from "../fetch-json";
import type { JiraConfig } from "./config";

const Named = z.object({ name: z.string() }).nullish();
const HistoryItem = z.object({ field: z.string(), to: z.string().nullish(), toString: z.string().nullish() });

/** An issue of a search answer: the fields the collector asks for, and its changelog. */
export const JiraIssueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      summary: z.string().nullish(),
      created: z.string(),
      updated: z.string(),
      resolutiondate: z.string().nullish(),
      statuscategorychangedate: z.string().nullish(),
      priority: Named,
      status: z
        .object({ name: z.string().nullish(), statusCategory: z.object({ key: z.string() }).nullish() })
        .nullish(),
      components: z.array(z.object({ name: z.string() })).nullish(),
      labels: z.array(z.string()).nullish(),
    })
    .catchall(z.unknown()),
  changelog: z
    .object({ histories: z.array(z.object({ created: z.string(), items: z.array(HistoryItem) })).nullish() })
    .nullish(),
});
export type JiraIssue = z.infer<typeof JiraIssueSchema>;

const CloudPage = z.object({
  issues: z.array(JiraIssueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().nullish(),
});
const DataCenterPage = z.object({
  issues: z.array(JiraIssueSchema),
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
});

export const PAGE_SIZE = 100;

/** A client for the site: Basic e-mail:token on Cloud, Bearer personal access token on Data Center. */
export function jiraClient(
  config: JiraConfig,
  credentials: { email: string | null; token: string },
  requests: { count: number },
  signal?: AbortSignal,
  delays?: { baseDelayMs?: number; maxDelayMs?: number },
): RestClient {
  const authorization = credentials.email
    ? `Basic ${Buffer.from(`${credentials.email}:${credentials.token}`).toString("base64")}`
    : `Bearer ${credentials.token}`;
  return {
    service: "Jira",
    headers: { authorization },
    credentialHint: credentials.email
      ? `$${config.emailEnv} and the API token in $${config.tokenEnv}`
      : `the personal access token in $${config.tokenEnv}`,
    signal,
    requests,
    ...delays,
  };
}

/** The fields a search asks for. */
export function searchFields(config: JiraConfig): string[] {
  const custom = [
    ...config.routeBy.filter((f) => f.startsWith("customfield_")),
    config.fixDeploymentField,
    config.severityField,
  ].filter((f): f is string => f !== undefined);
  return [
    "summary",
    "created",
    "updated",
    "resolutiondate",
    "statuscategorychangedate",
    "priority",
    "status",
    "components",
    "labels",
    ...custom,
  ];
}

/**
 * Every issue the JQL selects that was updated in the last `minutes`, oldest
 * update first, a page at a time. JQL reads absolute dates in the user's time
 * zone, so the bound is relative (`updated >= "-90m"`), which is not.
 */
export async function* searchIssues(
  client: RestClient,
  config: JiraConfig,
  minutes: number,
): AsyncGenerator<JiraIssue[]> {
  const jql = `(${config.jql}) AND updated >= "-${minutes}m" ORDER BY updated ASC`;
  const fields = searchFields(config).join(",");
  if (config.api === "cloud") {
    for (let token: string | null = null; ; ) {
      const url = new URL(`${config.site}/rest/api/3/search/jql`);
      url.searchParams.set("jql", jql);
      url.searchParams.set("fields", fields);
      url.searchParams.set("expand", "changelog");
      url.searchParams.set("maxResults", String(PAGE_SIZE));
      if (token) url.searchParams.set("nextPageToken", token);
      const page = await fetchJson(client, url.toString(), CloudPage);
      yield page.issues;
      // The last page may omit nextPageToken rather than send null (JRACLOUD-92184).
      if (page.isLast === true || !page.nextPageToken || page.issues.length === 0) return;
      token = page.nextPageToken;
    }
  }
  for (let startAt = 0; ; ) {
    const url = new URL(`${config.site}/rest/api/2/search`);
    url.searchParams.set("jql", jql);
    url.searchParams.set("fields", fields);
    url.searchParams.set("expand", "changelog");
    url.searchParams.set("maxResults", String(PAGE_SIZE));
    url.searchParams.set("startAt", String(startAt));
    const page = await fetchJson(client, url.toString(), DataCenterPage);
    yield page.issues;
    startAt = page.startAt + page.issues.length;
    if (page.issues.length === 0 || startAt >= page.total) return;
  }
}

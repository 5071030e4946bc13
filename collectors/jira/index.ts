import { readSecret } from "@/lib/env";
import { UpstreamError, ValidationError } from "@/lib/errors";
import type { ImportSummary } from "@/lib/import/summary";
import { getCursor, setCursor } from "@/lib/queries/sync-cursors";
import { ensureWorkspace } from "@/lib/queries/workspaces";
import { DEFAULT_FIRST_SYNC_DAYS } from "../incident-sync";
import { storeRecords } from "../store";
import type { Collector, CollectorFailure, CollectorResult } from "../types";
import { jiraClient, searchIssues } from "./api";
import { type JiraConfig, JiraConfigSchema } from "./config";
import { incidentFromJira, jiraTime, routeValues } from "./map";
import { DAY_MS } from "@/lib/time";

export { type JiraConfig, JiraConfigSchema } from "./config";

/** What a Jira collector is built with; tests inject the environment and short retry delays. */
export interface JiraDeps {
  env?: NodeJS.ProcessEnv;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

const MINUTE = 60_000;
/** JQL's relative bound is counted by Jira's clock; look this much further back for skew. */
const SKEW_MS = 60 * MINUTE;

/**
 * One sync of a Jira source: the issues the JQL selects, updated since the
 * cursor (or `since`), oldest update first, stored a page at a time; after
 * each page the cursor moves to the newest update stored, so a killed sync
 * resumes there. Values of the routing fields that no `services` entry maps
 * are listed as warnings, so they can be added.
 */
export async function syncJira(
  ctx: Parameters<Collector<JiraConfig>["collect"]>[0],
  config: JiraConfig,
  deps: JiraDeps = {},
): Promise<CollectorResult> {
  const token = readSecret(config.tokenEnv, deps.env);
  if (!token)
    throw new ValidationError(
      `set ${config.tokenEnv} to a Jira API token (Cloud, with ${config.emailEnv} set to its account's e-mail) or a personal access token (Data Center)`,
    );
  const email = readSecret(config.emailEnv, deps.env);
  if (config.api === "cloud" && !email)
    throw new ValidationError(
      `set ${config.emailEnv} to the e-mail of the Jira Cloud account whose API token ${config.tokenEnv} holds`,
    );
  const requests = { count: 0 };
  const client = jiraClient(config, { email, token }, requests, ctx.signal, deps);
  const workspace = await ensureWorkspace(ctx.db, ctx.workspace);
  const scope = config.name ?? config.site;
  const cursor = await getCursor(ctx.db, workspace.id, "jira", scope, "incidents");
  const start = ctx.now();
  const since = cursor
    ? Date.parse((JSON.parse(cursor) as { updated: string }).updated)
    : config.since
      ? Date.parse(config.since)
      : start - DEFAULT_FIRST_SYNC_DAYS * DAY_MS;
  const minutes = Math.max(1, Math.ceil((start - since + SKEW_MS) / MINUTE));

  const records: CollectorResult["records"] = {};
  const failures: CollectorFailure[] = [];
  const unmapped = new Map<string, number>();
  let newest = since;
  let done = 0;
  const tally = (summary: ImportSummary) => {
    for (const [type, n] of Object.entries(summary.imported))
      records[type as keyof typeof records] = (records[type as keyof typeof records] ?? 0) + n;
    for (const r of summary.rejected) failures.push({ scope, message: `an incident was rejected: ${r.reason}` });
  };
  for await (const issues of searchIssues(client, config, minutes)) {
    const incidents = issues.map((issue) => {
      const incident = incidentFromJira(issue, config, config.services);
      if (!incident.repositoryId && !incident.teamId)
        for (const v of routeValues(issue, config.routeBy)) unmapped.set(v, (unmapped.get(v) ?? 0) + 1);
      return incident;
    });
    const summary = await storeRecords(ctx.db, ctx.workspace, `jira ${scope}`, incidents);
    tally(summary);
    for (const issue of issues) newest = Math.max(newest, Date.parse(jiraTime(issue.fields.updated)));
    done += issues.length;
    ctx.progress({ source: "jira", scope, stream: "incidents", done });
    // The cursor follows what is stored, so a killed sync resumes at the last page; a rejection holds it back.
    if (summary.rejectedTotal === 0)
      await setCursor(
        ctx.db,
        workspace.id,
        "jira",
        scope,
        "incidents",
        JSON.stringify({ updated: new Date(newest).toISOString() }),
        ctx.now(),
      );
  }
  if (ctx.signal?.aborted) throw new UpstreamError("Jira: interrupted", "network");
  const warnings = [...unmapped]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([value, n]) => ({
      scope,
      message: `${JSON.stringify(value)} (${n} incident${n === 1 ? "" : "s"}) is routed nowhere: add it to the source's services`,
    }));
  return {
    source: "jira",
    status: failures.length ? "partial" : "ok",
    records,
    failures,
    ...(warnings.length ? { warnings } : {}),
    requests: requests.count,
  };
}

/** A Jira collector; `deps` exist for tests. */
export function createJiraCollector(deps: JiraDeps = {}): Collector<JiraConfig> {
  return { kind: "jira", collect: (ctx, config) => syncJira(ctx, JiraConfigSchema.parse(config), deps) };
}

/** Incidents from Jira Cloud or Data Center: the issues a JQL query selects (collectors/CONFIG.md, "Jira"). */
export const jiraCollector: Collector<JiraConfig> = createJiraCollector();

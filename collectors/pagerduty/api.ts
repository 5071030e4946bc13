import { z } from "zod";
import { fetchJson, type RestClient } from "../fetch-json";
import type { CreationPage } from "../incident-sync";

const Reference = z.object({ id: z.string(), summary: z.string().nullish() });

/** The fields of a PagerDuty REST API v2 incident the collector reads. */
export const PagerdutyIncident = z.object({
  id: z.string(),
  incident_number: z.number().nullish(),
  title: z.string().nullish(),
  summary: z.string().nullish(),
  status: z.string(),
  created_at: z.string(),
  last_status_change_at: z.string().nullish(),
  resolved_at: z.string().nullish(),
  html_url: z.string().nullish(),
  urgency: z.string().nullish(),
  priority: z.object({ summary: z.string().nullish(), name: z.string().nullish() }).nullish(),
  service: Reference.nullish(),
  teams: z.array(Reference).nullish(),
});
export type PagerdutyIncident = z.infer<typeof PagerdutyIncident>;

const IncidentList = z.object({
  incidents: z.array(PagerdutyIncident),
  limit: z.number(),
  offset: z.number(),
  more: z.boolean(),
});
const LogEntryList = z.object({
  log_entries: z.array(z.object({ type: z.string(), created_at: z.string() })),
  more: z.boolean().nullish(),
});

/** PagerDuty's page size limit and classic-pagination offset cap. */
export const PAGE_SIZE = 100;
export const MAX_OFFSET = 10_000;

/** A client for the REST API v2: `Authorization: Token token=…` and the versioned Accept header. */
export function pagerdutyClient(
  token: string,
  tokenEnv: string,
  requests: { count: number },
  signal?: AbortSignal,
): RestClient {
  return {
    service: "PagerDuty",
    headers: { authorization: `Token token=${token}`, accept: "application/vnd.pagerduty+json;version=2" },
    credentialHint: `the API key in $${tokenEnv}`,
    signal,
    requests,
  };
}

/** `GET /incidents` created in [from, to), oldest first, one page. */
export async function listIncidents(
  client: RestClient,
  base: string,
  from: number,
  to: number,
  offset: number,
  filters: { serviceIds?: string[]; teamIds?: string[] },
): Promise<CreationPage<PagerdutyIncident>> {
  const url = new URL(`${base}/incidents`);
  const q = url.searchParams;
  q.set("since", new Date(from).toISOString());
  q.set("until", new Date(to).toISOString());
  q.set("limit", String(PAGE_SIZE));
  q.set("offset", String(offset));
  q.set("sort_by", "created_at:asc");
  q.set("time_zone", "UTC");
  for (const s of ["triggered", "acknowledged", "resolved"]) q.append("statuses[]", s);
  for (const id of filters.serviceIds ?? []) q.append("service_ids[]", id);
  for (const id of filters.teamIds ?? []) q.append("team_ids[]", id);
  const page = await fetchJson(client, url.toString(), IncidentList);
  return { items: page.incidents, more: page.more };
}

/** When the incident's resolve log entry says it was resolved; null when it has none. */
export async function resolveTime(client: RestClient, base: string, incidentId: string): Promise<string | null> {
  const url = new URL(`${base}/incidents/${encodeURIComponent(incidentId)}/log_entries`);
  url.searchParams.set("is_overview", "true");
  url.searchParams.set("time_zone", "UTC");
  url.searchParams.set("limit", String(PAGE_SIZE));
  const page = await fetchJson(client, url.toString(), LogEntryList);
  const resolves = page.log_entries.filter((e) => e.type === "resolve_log_entry").map((e) => e.created_at);
  return resolves.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? null;
}

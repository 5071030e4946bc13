import { z } from "zod";
import { fetchJson, type RestClient } from "../fetch-json";
import type { CreationPage } from "../incident-sync";

const Team = z.object({ id: z.string().nullish(), name: z.string().nullish(), type: z.string().nullish() });

/** What Opsgenie incidents and alerts share. */
const OpsgenieItem = z.object({
  id: z.string(),
  tinyId: z.string().nullish(),
  message: z.string().nullish(),
  status: z.string(),
  createdAt: z.string(),
  updatedAt: z.string().nullish(),
  priority: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  responders: z.array(Team).nullish(),
});

/** The fields of an Opsgenie incident (GET /v1/incidents) the collector reads. */
export const OpsgenieIncident = OpsgenieItem.extend({
  ownerTeam: z.string().nullish(),
  impactedServices: z.array(z.string()).nullish(),
  impactEndDate: z.string().nullish(),
});
export type OpsgenieIncident = z.infer<typeof OpsgenieIncident>;

/** The fields of an Opsgenie alert (GET /v2/alerts) the collector reads. */
export const OpsgenieAlert = OpsgenieItem.extend({
  entity: z.string().nullish(),
  teams: z.array(Team).nullish(),
  /** closeTime: milliseconds from creation to close. */
  report: z.object({ closeTime: z.number().nullish() }).nullish(),
});
export type OpsgenieAlert = z.infer<typeof OpsgenieAlert>;

const page = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), paging: z.object({ next: z.string().nullish() }).nullish() });

/** Opsgenie's page size limit and offset cap (offset + limit ≤ 20,000). */
export const PAGE_SIZE = 100;
export const MAX_OFFSET = 20_000;

/** A client with `Authorization: GenieKey …`. */
export function opsgenieClient(
  apiKey: string,
  apiKeyEnv: string,
  requests: { count: number },
  signal?: AbortSignal,
): RestClient {
  return {
    service: "Opsgenie",
    headers: { authorization: `GenieKey ${apiKey}` },
    credentialHint: `the API key in $${apiKeyEnv}`,
    signal,
    requests,
  };
}

/** One page of incidents or alerts created in [from, to), oldest first; `query` narrows further. */
export async function listCreated<T>(
  client: RestClient,
  base: string,
  api: "incidents" | "alerts",
  query: string | undefined,
  from: number,
  to: number,
  offset: number,
): Promise<CreationPage<T>> {
  const url = new URL(api === "incidents" ? `${base}/v1/incidents` : `${base}/v2/alerts`);
  const window = `createdAt >= ${Math.floor(from)} AND createdAt < ${Math.ceil(to)}`;
  url.searchParams.set("query", query ? `${window} AND (${query})` : window);
  url.searchParams.set("offset", String(offset));
  url.searchParams.set("limit", String(PAGE_SIZE));
  url.searchParams.set("sort", "createdAt");
  url.searchParams.set("order", "asc");
  const body = await fetchJson(client, url.toString(), page(api === "incidents" ? OpsgenieIncident : OpsgenieAlert));
  return { items: body.data as T[], more: Boolean(body.paging?.next) };
}

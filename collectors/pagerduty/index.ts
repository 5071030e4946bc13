import { UpstreamError } from "@/lib/errors";
import { readSecret } from "@/lib/env";
import type { IncidentTargets } from "../config-fields";
import {
  byCreationTime,
  collectIncidents,
  resolvedNotBefore,
  routeIncident,
  type IncidentInput,
} from "../incident-sync";
import type { Collector } from "../types";
import { MAX_OFFSET, PAGE_SIZE, listIncidents, pagerdutyClient, resolveTime, type PagerdutyIncident } from "./api";
import { PagerdutyConfigSchema, type PagerdutyConfig } from "./config";
import { DAY_MS } from "@/lib/time";

export { PagerdutyConfigSchema, type PagerdutyConfig } from "./config";

/** PagerDuty accepts at most six months between `since` and `until`; stay well inside. */
const SPAN_MS = 90 * DAY_MS;

/**
 * A PagerDuty incident in the event format: id `pagerduty:<id>`, opened at
 * creation, resolved at `resolvedAt` when resolved, routed to a repository or
 * team by its service (id or name) or, failing that, its teams.
 */
export function incidentFromPagerduty(
  i: PagerdutyIncident,
  services: IncidentTargets,
  resolvedAt: string | null,
): IncidentInput {
  const route = routeIncident(services, [
    i.service?.id,
    i.service?.summary,
    ...(i.teams ?? []).flatMap((t) => [t.id, t.summary]),
  ]);
  return {
    type: "incident",
    id: `pagerduty:${i.id}`,
    openedAt: i.created_at,
    resolvedAt: resolvedNotBefore(i.created_at, resolvedAt),
    title: i.title ?? i.summary ?? undefined,
    severity: i.priority?.summary ?? i.priority?.name ?? i.urgency ?? undefined,
    ...route,
    source: "pagerduty",
    url: i.html_url ?? undefined,
  };
}

/** Incidents from the PagerDuty REST API v2 (collectors/CONFIG.md, "PagerDuty"). */
export const pagerdutyCollector: Collector<PagerdutyConfig> = {
  kind: "pagerduty",
  async collect(ctx, config) {
    const token = readSecret(config.tokenEnv);
    if (!token)
      throw new UpstreamError(
        `PagerDuty: environment variable ${config.tokenEnv} is not set (it must hold a REST API key)`,
        "auth",
      );
    const requests = { count: 0 };
    const client = pagerdutyClient(token, config.tokenEnv, requests, ctx.signal);
    const base = config.baseUrl;
    return collectIncidents(ctx, {
      source: "pagerduty",
      scope: config.name ?? base,
      firstSince: config.since,
      requests,
      async *incidents(since, until) {
        const pages = byCreationTime<PagerdutyIncident>(since, until, {
          spanMs: SPAN_MS,
          pageSize: PAGE_SIZE,
          maxOffset: MAX_OFFSET,
          createdAt: (i) => Date.parse(i.created_at),
          fetchPage: (from, to, offset) => listIncidents(client, base, from, to, offset, config),
        });
        for await (const i of pages) {
          let resolvedAt: string | null = null;
          if (i.status === "resolved") {
            resolvedAt = config.resolvedFrom === "log_entries" ? await resolveTime(client, base, i.id) : null;
            resolvedAt ??= i.resolved_at ?? i.last_status_change_at ?? null;
          }
          yield incidentFromPagerduty(i, config.services, resolvedAt);
        }
      },
    });
  },
};

/** Parses PagerDuty source options with defaults (for code and tests; the config file goes through collectors/config.ts). */
export function pagerdutyConfig(input: Omit<Partial<PagerdutyConfig>, "kind">): PagerdutyConfig {
  return PagerdutyConfigSchema.parse({ kind: "pagerduty", ...input });
}

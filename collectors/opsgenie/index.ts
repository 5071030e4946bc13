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
import { MAX_OFFSET, PAGE_SIZE, listCreated, opsgenieClient, type OpsgenieAlert, type OpsgenieIncident } from "./api";
import { OpsgenieConfigSchema, type OpsgenieConfig } from "./config";

export { OpsgenieConfigSchema, type OpsgenieConfig } from "./config";

const teamKeys = (teams: OpsgenieIncident["responders"]) => (teams ?? []).flatMap((t) => [t.id, t.name]);

/**
 * An Opsgenie incident: resolved (or closed) at its impact end, else at its
 * last update; routed by impacted service, then tag, then owner or responder team.
 */
export function incidentFromOpsgenie(i: OpsgenieIncident, services: IncidentTargets): IncidentInput {
  const resolved = i.status === "resolved" || i.status === "closed";
  return {
    type: "incident",
    id: `opsgenie:${i.id}`,
    openedAt: i.createdAt,
    resolvedAt: resolved ? resolvedNotBefore(i.createdAt, i.impactEndDate ?? i.updatedAt) : undefined,
    title: i.message ?? undefined,
    severity: i.priority ?? undefined,
    ...routeIncident(services, [
      ...(i.impactedServices ?? []),
      ...(i.tags ?? []),
      i.ownerTeam,
      ...teamKeys(i.responders),
    ]),
    source: "opsgenie",
  };
}

/** An Opsgenie alert treated as an incident: closed at creation + `report.closeTime`; routed by tag, entity, then team. */
export function incidentFromOpsgenieAlert(a: OpsgenieAlert, services: IncidentTargets): IncidentInput {
  const closeTime = a.report?.closeTime;
  const closedAt =
    a.status === "closed"
      ? closeTime != null
        ? new Date(Date.parse(a.createdAt) + closeTime).toISOString()
        : a.updatedAt
      : undefined;
  return {
    type: "incident",
    id: `opsgenie:${a.id}`,
    openedAt: a.createdAt,
    resolvedAt: resolvedNotBefore(a.createdAt, closedAt),
    title: a.message ?? undefined,
    severity: a.priority ?? undefined,
    ...routeIncident(services, [...(a.tags ?? []), a.entity, ...teamKeys(a.teams), ...teamKeys(a.responders)]),
    source: "opsgenie",
  };
}

/** Incidents (or alerts) from the Opsgenie REST API (collectors/CONFIG.md, "Opsgenie"). */
export const opsgenieCollector: Collector<OpsgenieConfig> = {
  kind: "opsgenie",
  async collect(ctx, config) {
    const apiKey = readSecret(config.apiKeyEnv);
    if (!apiKey)
      throw new UpstreamError(
        `Opsgenie: environment variable ${config.apiKeyEnv} is not set (it must hold an API integration key)`,
        "auth",
      );
    const requests = { count: 0 };
    const client = opsgenieClient(apiKey, config.apiKeyEnv, requests, ctx.signal);
    return collectIncidents(ctx, {
      source: "opsgenie",
      scope: config.name ?? `${config.baseUrl} ${config.api}`,
      firstSince: config.since,
      requests,
      async *incidents(since, until) {
        const items = byCreationTime<OpsgenieIncident | OpsgenieAlert>(since, until, {
          spanMs: until - since + 1,
          pageSize: PAGE_SIZE,
          maxOffset: MAX_OFFSET,
          createdAt: (i) => Date.parse(i.createdAt),
          fetchPage: (from, to, offset) =>
            listCreated(client, config.baseUrl, config.api, config.query, from, to, offset),
        });
        for await (const item of items) {
          yield config.api === "incidents"
            ? incidentFromOpsgenie(item as OpsgenieIncident, config.services)
            : incidentFromOpsgenieAlert(item as OpsgenieAlert, config.services);
        }
      },
    });
  },
};

/** Parses Opsgenie source options with defaults (for code and tests). */
export function opsgenieConfig(input: Omit<Partial<OpsgenieConfig>, "kind">): OpsgenieConfig {
  return OpsgenieConfigSchema.parse({ kind: "opsgenie", ...input });
}

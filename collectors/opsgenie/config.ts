import { z } from "zod";
import { baseUrl, envName, incidentTarget, sinceText } from "../config-fields";

/** An `opsgenie` source of the config file (collectors/CONFIG.md, "Opsgenie"). */
export const OpsgenieConfigSchema = z.strictObject({
  kind: z.literal("opsgenie"),
  name: z.string().min(1).optional(),
  /** The environment variable holding an API key of an API integration (read access). */
  apiKeyEnv: envName.default("OPSGENIE_API_KEY"),
  /** https://api.eu.opsgenie.com for the EU instance. */
  baseUrl: baseUrl("https://api.opsgenie.com"),
  /** `incidents` (GET /v1/incidents) or `alerts` (GET /v2/alerts, for teams that treat alerts as incidents). */
  api: z.enum(["incidents", "alerts"]).default("incidents"),
  /** An Opsgenie search query narrowing what counts, e.g. `priority: (P1 OR P2)` or `tag: production`. */
  query: z.string().min(1).optional(),
  /** Service id, tag, entity or team (id or name) → repository and/or team. */
  services: z.record(z.string(), incidentTarget).default({}),
  since: sinceText.optional(),
});

/** The options of the Opsgenie collector, after defaults. */
export type OpsgenieConfig = z.infer<typeof OpsgenieConfigSchema>;

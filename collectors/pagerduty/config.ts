import { z } from "zod";
import { baseUrl, envName, incidentTarget, sinceText } from "../config-fields";

/** A `pagerduty` source of the config file (collectors/CONFIG.md, "PagerDuty"). */
export const PagerdutyConfigSchema = z.strictObject({
  kind: z.literal("pagerduty"),
  name: z.string().min(1).optional(),
  /** The environment variable holding a REST API key (read-only is enough). */
  tokenEnv: envName.default("PAGERDUTY_TOKEN"),
  baseUrl: baseUrl("https://api.pagerduty.com"),
  /** Service (or team) id or name → repository and/or team. */
  services: z.record(z.string(), incidentTarget).default({}),
  /** Only these services' incidents (PagerDuty `service_ids[]`); all when absent. */
  serviceIds: z.array(z.string().min(1)).optional(),
  /** Only these teams' incidents (PagerDuty `team_ids[]`). */
  teamIds: z.array(z.string().min(1)).optional(),
  /** Where a first sync starts; 365 days back by default. */
  since: sinceText.optional(),
  /** `status`: a resolved incident's last status change; `log_entries`: its resolve log entry (one more request per resolved incident). */
  resolvedFrom: z.enum(["status", "log_entries"]).default("status"),
});

/** The options of the PagerDuty collector, after defaults. */
export type PagerdutyConfig = z.infer<typeof PagerdutyConfigSchema>;

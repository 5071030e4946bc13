import { z } from "zod";
import { baseUrl, envName, sinceText } from "../config-fields";

/** gitlab.com; a self-managed instance is `https://gitlab.example.com`. */
export const GITLAB_URL = "https://gitlab.com";

/** `group/subgroup/project`, as GitLab spells a project's full path. */
const projectPath = z.string().regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/, "must be GROUP/…/PROJECT");

/**
 * A `gitlab` source of the config file, and what `altimeter collect gitlab`
 * builds from its flags. The token is never here: `tokenEnv` names the
 * environment variable that holds it (a `read_api` token).
 */
export const GitlabConfigSchema = z.strictObject({
  kind: z.literal("gitlab"),
  name: z.string().min(1).optional(),
  /** The group (full path) whose subgroups become teams and whose projects are collected. */
  group: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, "must be a group's full path, e.g. acme or acme/platform"),
  /** Only these projects (full paths); every non-archived project of the group and its subgroups otherwise. */
  projects: z.array(projectPath).min(1).optional(),
  /** Bounds the first sync of each stream; later syncs continue from their cursors. */
  since: sinceText.optional(),
  /** The instance: https://gitlab.com, or a self-managed https://gitlab.example.com (no /api/v4). */
  url: baseUrl(GITLAB_URL),
  tokenEnv: envName.default("GITLAB_TOKEN"),
  /** Issues carrying any of these labels are incidents, besides GitLab's own incident issues. */
  incidentLabels: z.array(z.string().min(1)).default(["incident"]),
  /** Releases become production deployments of projects that record no deployments. */
  releasesAsDeployments: z.boolean().default(true),
  /** Only deployments to these environments are collected; all environments when absent. */
  productionEnvironments: z.array(z.string().min(1)).min(1).optional(),
  /** Projects collected at once. GitLab.com allows 2,000 API requests a minute per user. */
  concurrency: z.number().int().min(1).max(32).default(8),
});

/** The options of the GitLab collector, after defaults. */
export type GitlabConfig = z.infer<typeof GitlabConfigSchema>;

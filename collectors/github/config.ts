import { z } from "zod";
import { baseUrl, envName, sinceText } from "../config-fields";

/** GitHub.com's GraphQL endpoint; GitHub Enterprise Server's is `https://HOST/api/graphql`. */
export const GITHUB_API_URL = "https://api.github.com/graphql";

/** `owner/name`, as GitHub spells a repository. */
const repositoryName = z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "must be OWNER/NAME");

/**
 * A `github` source of the config file, and what `altimeter collect github`
 * builds from its flags. The token is never here: `tokenEnv` names the
 * environment variable that holds it.
 */
export const GithubConfigSchema = z.strictObject({
  kind: z.literal("github"),
  name: z.string().min(1).optional(),
  /** The organisation whose teams (and, without `repos`, repositories) are collected. */
  org: z.string().min(1),
  /** Only these repositories (`owner/name`); all of the organisation's non-fork repositories otherwise. */
  repos: z.array(repositoryName).min(1).optional(),
  /** Bounds the first sync of each stream; later syncs continue from their cursors. */
  since: sinceText.optional(),
  apiUrl: baseUrl(GITHUB_API_URL),
  /** Issues carrying any of these labels are incidents. */
  incidentLabels: z.array(z.string().min(1)).min(1).default(["incident"]),
  /** Releases become production deployments of repositories that record no deployments. */
  releasesAsDeployments: z.boolean().default(true),
  tokenEnv: envName.default("GITHUB_TOKEN"),
  /** Only deployments to these environments are collected; all environments when absent. */
  productionEnvironments: z.array(z.string().min(1)).min(1).optional(),
  /** Forks are skipped unless named in `repos` or this is true (a fork's history is mostly upstream's). */
  includeForks: z.boolean().default(false),
});

/** The options of the GitHub collector, after defaults. */
export type GithubConfig = z.infer<typeof GithubConfigSchema>;

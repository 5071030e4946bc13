import { z } from "zod";
import { regexText } from "../config-fields";
import { DEFAULT_TAG_PATTERN } from "./tags";

/** One local clone: its path, and optionally its repository id and team. */
export const GitRepositorySchema = z.union([
  z
    .string()
    .min(1)
    .transform((path) => ({ path })),
  z.strictObject({ path: z.string().min(1), id: z.string().min(1).optional(), team: z.string().min(1).optional() }),
]);

/** A `git` source of the config file (collectors/CONFIG.md). Paths are relative to the config file. */
export const GitConfigSchema = z.strictObject({
  kind: z.literal("git"),
  name: z.string().min(1).optional(),
  repositories: z.array(GitRepositorySchema).min(1),
  tagPattern: regexText.default(DEFAULT_TAG_PATTERN),
  /** The default branch to read, when origin/HEAD does not tell it. */
  branch: z.string().min(1).optional(),
});

/** The options of the local git collector, after defaults. */
export type GitConfig = z.infer<typeof GitConfigSchema>;
/** One repository of a git source. */
export type GitRepositoryTarget = z.infer<typeof GitRepositorySchema>;

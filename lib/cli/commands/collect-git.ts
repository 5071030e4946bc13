import { GitConfigSchema, type GitConfig } from "@/collectors/git";
import { ValidationError } from "@/lib/errors";
import { optional, type CommandContext } from "../command";

/** `altimeter collect git PATH…`: the local git collector's flags and how they become its config. */
export const gitCollectSource = {
  usage:
    "altimeter collect git PATH... --workspace SLUG [--tag-pattern REGEX] [--repository-id ID] [--team ID] [--branch NAME] [--json]",
  help: `git: the default branch of local clones (origin/HEAD, else main or master, never
simply what is checked out): a snapshot of its build, deploy and catalog files,
commits and authors (after .mailmap), pull requests named by merge commits
("Merge pull request #N from USER/…", author USER; or "Title (#N)"; merges of
dev, develop, release/*, main or master are releases, not pull requests), and
tags matching a pattern as production deployments (linked on GitHub, GitLab and
Bitbucket). Deployments of tags no longer matched are removed. No network; each
repository resumes after the last commit stored. See collectors/CONFIG.md
("Local git") for the id rules.

  PATH                  a local clone (or bare repository); several may be given
  --tag-pattern REGEX   tags that are production deployments (default: ^v?\\d+\\.\\d+(\\.\\d+)?$)
  --repository-id ID    the repository's id (one PATH only; default: owner/name
                        from the origin remote, else the folder name)
  --team ID             the team owning the repositories (created when missing)
  --branch NAME         the default branch, when the clone has no origin/HEAD`,
  positionals: "PATH",
  options: {
    "tag-pattern": { type: "string" },
    "repository-id": { type: "string" },
    team: { type: "string" },
    branch: { type: "string" },
  } as const,
  config(ctx: CommandContext): GitConfig {
    const paths = ctx.positionals.slice(1);
    if (paths.length === 0)
      throw new ValidationError(
        "name at least one PATH of a local git clone: altimeter collect git PATH... --workspace SLUG",
      );
    const id = optional(ctx, "repository-id");
    if (id !== null && paths.length > 1)
      throw new ValidationError("--repository-id names one repository: give a single PATH with it");
    const team = optional(ctx, "team") ?? undefined;
    const parsed = GitConfigSchema.safeParse({
      kind: "git",
      repositories: paths.map((path) => ({ path, ...(id !== null ? { id } : {}), ...(team ? { team } : {}) })),
      tagPattern: optional(ctx, "tag-pattern") ?? undefined,
      branch: optional(ctx, "branch") ?? undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const flag =
        issue.path[0] === "tagPattern"
          ? "--tag-pattern"
          : issue.path[0] === "repositories"
            ? "PATH"
            : String(issue.path[0]);
      throw new ValidationError(`${flag}: ${issue.message}`);
    }
    return parsed.data;
  },
};

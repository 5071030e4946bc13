import { z } from "zod";
import { CommitNodeSchema } from "./map-commits";
import { DeploymentNodeSchema, ReleaseNodeSchema } from "./map-deployments";
import { FilesSchema } from "./map-files";
import { IssueNodeSchema } from "./map-incidents";
import { PullRequestNodeSchema } from "./map-pull-requests";

const PageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

/** A page of a connection: its nodes (GitHub may put nulls among them) and where it ends. */
const page = <T extends z.ZodType>(node: T) =>
  z.object({
    totalCount: z.number().int().optional(),
    pageInfo: PageInfoSchema,
    nodes: z.array(node.nullable()).nullable(),
  });

const CommitPageSchema = page(CommitNodeSchema);

/** The answer to REPOSITORY_QUERY: the repository's fields and a page of each stream that was asked for. */
export const RepositoryPayloadSchema = z.object({
  repository: z
    .object({
      nameWithOwner: z.string(),
      createdAt: z.string(),
      url: z.string(),
      isTemplate: z.boolean(),
      templateRepository: z.object({ nameWithOwner: z.string() }).nullable(),
      defaultBranchRef: z
        .object({
          name: z.string(),
          target: z
            .object({ oid: z.string(), history: CommitPageSchema.optional(), ...FilesSchema.partial().shape })
            .nullable(),
        })
        .nullable(),
      commitsFrom: z.object({ history: CommitPageSchema.optional() }).nullish(),
      pullRequests: page(PullRequestNodeSchema).optional(),
      deployments: page(DeploymentNodeSchema).optional(),
      issues: page(IssueNodeSchema).optional(),
      releases: page(ReleaseNodeSchema).optional(),
    })
    .nullable(),
});

/** The repository of a REPOSITORY_QUERY answer. */
export type RepositoryPayload = NonNullable<z.infer<typeof RepositoryPayloadSchema>["repository"]>;
/** One page of any stream. */
export interface StreamPage<T> {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: (T | null)[] | null;
}

/** The `repository` record: id and name are `owner/name`, the team from the team mapping. */
export function mapRepository(repo: RepositoryPayload, teamId: string | null): object {
  return {
    type: "repository",
    id: repo.nameWithOwner,
    name: repo.nameWithOwner,
    createdAt: repo.createdAt,
    teamId,
    defaultBranch: repo.defaultBranchRef?.name ?? null,
    url: repo.url,
    isTemplate: repo.isTemplate,
    templateId: repo.templateRepository?.nameWithOwner ?? null,
  };
}

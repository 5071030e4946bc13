import { z } from "zod";
import { MergeRequestNodeSchema } from "./map";
import { IssueNodeSchema, PipelineNodeSchema, ReleaseNodeSchema } from "./map-graphql";

const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

/**
 * One project's GraphQL streams, a page of each open one per request: merge
 * requests (with labels and first commit: GitLab lists a merge request's
 * commits newest first, so `last: 1` is the first), default-branch pipelines,
 * incident issues, issues with an incident label, and releases. The first
 * request fetches the first page of everything, later ones only the streams
 * with more pages, so a project with little new costs one request. REST would
 * need one more request per merge request for its first commit.
 */
export const PROJECT_QUERY = `query AltimeterProject(
  $fullPath: ID!,
  $withMergeRequests: Boolean!, $mergeRequestsAfter: String, $mergeRequestsSince: Time,
  $withPipelines: Boolean!, $pipelinesAfter: String, $pipelinesSince: Time, $ref: String,
  $withIncidents: Boolean!, $incidentsAfter: String, $incidentsSince: Time,
  $withLabelled: Boolean!, $labelledAfter: String, $labelledSince: Time, $incidentLabels: [String!],
  $withReleases: Boolean!, $releasesAfter: String
) {
  project(fullPath: $fullPath) {
    mergeRequests(first: 100, after: $mergeRequestsAfter, sort: UPDATED_ASC, updatedAfter: $mergeRequestsSince) @include(if: $withMergeRequests) {
      count
      ${PAGE_INFO}
      nodes {
        iid
        title
        createdAt
        updatedAt
        mergedAt
        closedAt
        targetBranch
        mergeCommitSha
        squashCommitSha
        webUrl
        author { username name bot }
        labels { nodes { title } }
        commitsWithoutMergeCommits(last: 1) { nodes { authoredDate } }
      }
    }
    pipelines(first: 100, after: $pipelinesAfter, ref: $ref, updatedAfter: $pipelinesSince) @include(if: $withPipelines) {
      count
      ${PAGE_INFO}
      nodes { id sha ref status source name createdAt updatedAt finishedAt path }
    }
    incidents: issues(first: 100, after: $incidentsAfter, types: [INCIDENT], updatedAfter: $incidentsSince, sort: UPDATED_ASC) @include(if: $withIncidents) {
      ...AltimeterIssues
    }
    labelled: issues(first: 100, after: $labelledAfter, or: { labelNames: $incidentLabels }, updatedAfter: $labelledSince, sort: UPDATED_ASC) @include(if: $withLabelled) {
      ...AltimeterIssues
    }
    releases(first: 100, after: $releasesAfter, sort: RELEASED_AT_DESC) @include(if: $withReleases) {
      ${PAGE_INFO}
      nodes { tagName createdAt releasedAt upcomingRelease commit { sha } links { selfUrl } }
    }
  }
}

fragment AltimeterIssues on IssueConnection {
  count
  ${PAGE_INFO}
  nodes { iid title state createdAt updatedAt closedAt webUrl severity labels { nodes { title } } }
}`;

const PageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const connection = <T extends z.ZodType>(node: T) =>
  z.object({ count: z.number().int().nullish(), pageInfo: PageInfo, nodes: z.array(node.nullable()).nullable() });

export const ProjectPayloadSchema = z.object({
  project: z
    .object({
      mergeRequests: connection(MergeRequestNodeSchema).nullish(),
      pipelines: connection(PipelineNodeSchema).nullish(),
      incidents: connection(IssueNodeSchema).nullish(),
      labelled: connection(IssueNodeSchema).nullish(),
      releases: connection(ReleaseNodeSchema).nullish(),
    })
    .nullable(),
});
export type ProjectPayload = NonNullable<z.infer<typeof ProjectPayloadSchema>["project"]>;
/** One page of a GraphQL connection as parsed. */
export type Connection<T> = { count?: number | null; pageInfo: z.infer<typeof PageInfo>; nodes: (T | null)[] | null };

/** The text of named files of a branch, in one request (REST would take one per file). */
export const BLOBS_QUERY = `query AltimeterBlobs($fullPath: ID!, $ref: String!, $paths: [String!]!) {
  project(fullPath: $fullPath) {
    repository {
      blobs(ref: $ref, paths: $paths) {
        nodes { path size rawTextBlob }
      }
    }
  }
}`;

export const BlobsPayloadSchema = z.object({
  project: z
    .object({
      repository: z
        .object({
          blobs: z
            .object({
              nodes: z
                .array(
                  z
                    .object({ path: z.string(), size: z.coerce.number().nullish(), rawTextBlob: z.string().nullish() })
                    .nullable(),
                )
                .nullable(),
            })
            .nullable(),
        })
        .nullable(),
    })
    .nullable(),
});

/** Every document, by name, for the schema test. */
export const DOCUMENTS = { PROJECT_QUERY, BLOBS_QUERY } as const;

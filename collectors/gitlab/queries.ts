import { z } from "zod";
import { MergeRequestNodeSchema } from "./map";

/**
 * A project's merge requests updated since a time, oldest update first, 100
 * a page, each with its labels and its oldest commit. GitLab lists a merge
 * request's commits newest first, so `last: 1` is the first commit: one
 * request carries 100 merge requests with their first commits (REST would
 * need one more request per merge request).
 */
export const MERGE_REQUESTS_QUERY = `query AltimeterMergeRequests($fullPath: ID!, $after: String, $updatedAfter: Time) {
  project(fullPath: $fullPath) {
    mergeRequests(first: 100, after: $after, sort: UPDATED_ASC, updatedAfter: $updatedAfter) {
      count
      pageInfo { hasNextPage endCursor }
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
  }
}`;

export const MergeRequestsPayloadSchema = z.object({
  project: z
    .object({
      mergeRequests: z.object({
        count: z.number().int().nullish(),
        pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
        nodes: z.array(MergeRequestNodeSchema.nullable()).nullable(),
      }),
    })
    .nullable(),
});

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
export const DOCUMENTS = { MERGE_REQUESTS_QUERY, BLOBS_QUERY } as const;

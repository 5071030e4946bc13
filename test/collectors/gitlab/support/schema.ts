/**
 * The part of GitLab's GraphQL schema the collector queries, written from
 * GitLab's GraphQL API reference (docs.gitlab.com/api/graphql/reference):
 * `Query.project(fullPath: ID!)`, `Project.mergeRequests` (sort
 * `MergeRequestSort`, `updatedAfter: Time`, connection `count` and
 * `pageInfo`), `MergeRequest` (iid as String, `targetBranch`,
 * `mergeCommitSha`, `squashCommitSha`, `author: MergeRequestAuthor` with
 * `bot`, `labels: LabelConnection`, `commitsWithoutMergeCommits:
 * CommitConnection` listed newest first) and `Repository.blobs(ref, paths)`
 * with `rawTextBlob` and `size: BigInt`; `Project.pipelines` (`ref`,
 * `updatedAfter`, newest first, statuses in capitals, `path`),
 * `Project.issues` (`types: [IssueType!]`, `or: { labelNames }`,
 * `updatedAfter`, `sort: IssueSort`, `severity: IssuableSeverity`) and
 * `Project.releases` (`sort: ReleaseSort`, `commit.sha`, `links.selfUrl`).
 */
import { buildSchema, type GraphQLSchema } from "graphql";

export const GITLAB_SDL = `
scalar Time
scalar BigInt

type Query {
  project(fullPath: ID!): Project
}

type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}

type Project {
  id: ID!
  fullPath: ID!
  mergeRequests(
    first: Int, after: String, last: Int, before: String,
    sort: MergeRequestSort, updatedAfter: Time, updatedBefore: Time, state: MergeRequestState
  ): MergeRequestConnection
  repository: Repository
  pipelines(
    first: Int, after: String, last: Int, before: String,
    status: PipelineStatusEnum, ref: String, sha: String, source: String, updatedAfter: Time, updatedBefore: Time
  ): PipelineConnection
  issues(
    first: Int, after: String, last: Int, before: String,
    types: [IssueType!], labelName: [String], or: UnionedIssueFilterInput, state: IssuableState,
    sort: IssueSort, updatedAfter: Time, updatedBefore: Time
  ): IssueConnection
  releases(first: Int, after: String, last: Int, before: String, sort: ReleaseSort): ReleaseConnection
}

enum PipelineStatusEnum {
  CREATED WAITING_FOR_RESOURCE PREPARING WAITING_FOR_CALLBACK PENDING RUNNING FAILED SUCCESS
  CANCELED CANCELING SKIPPED MANUAL SCHEDULED
}

type PipelineConnection {
  count: Int!
  pageInfo: PageInfo!
  nodes: [Pipeline]
}

type Pipeline {
  id: ID!
  iid: String!
  sha: String
  ref: String
  status: PipelineStatusEnum!
  source: String
  name: String
  createdAt: Time!
  updatedAt: Time!
  startedAt: Time
  finishedAt: Time
  path: String
}

enum IssueType { ISSUE INCIDENT TEST_CASE REQUIREMENT TASK TICKET OBJECTIVE KEY_RESULT EPIC }
enum IssuableState { opened closed locked all }
enum IssuableSeverity { UNKNOWN LOW MEDIUM HIGH CRITICAL }
enum IssueSort { CREATED_ASC CREATED_DESC UPDATED_ASC UPDATED_DESC SEVERITY_ASC SEVERITY_DESC }

input UnionedIssueFilterInput {
  assigneeUsernames: [String!]
  authorUsernames: [String!]
  labelNames: [String!]
}

type IssueConnection {
  count: Int!
  pageInfo: PageInfo!
  nodes: [Issue]
}

type Issue {
  id: ID!
  iid: String!
  title: String!
  state: IssuableState!
  type: IssueType
  createdAt: Time!
  updatedAt: Time!
  closedAt: Time
  webUrl: String!
  severity: IssuableSeverity
  labels(first: Int, after: String, last: Int, before: String): LabelConnection
}

enum ReleaseSort { CREATED_DESC CREATED_ASC RELEASED_AT_DESC RELEASED_AT_ASC }

type ReleaseConnection {
  count: Int!
  pageInfo: PageInfo!
  nodes: [Release]
}

type Release {
  tagName: String
  name: String
  createdAt: Time
  releasedAt: Time
  upcomingRelease: Boolean
  commit: Commit
  links: ReleaseLinks
}

type ReleaseLinks {
  selfUrl: String
}

enum MergeRequestState { merged opened closed locked all }

enum MergeRequestSort {
  CREATED_ASC CREATED_DESC UPDATED_ASC UPDATED_DESC MERGED_AT_ASC MERGED_AT_DESC
  CLOSED_AT_ASC CLOSED_AT_DESC TITLE_ASC TITLE_DESC
  created_asc created_desc updated_asc updated_desc
}

type MergeRequestConnection {
  count: Int!
  pageInfo: PageInfo!
  nodes: [MergeRequest]
}

type MergeRequest {
  id: ID!
  iid: String!
  title: String!
  state: MergeRequestState!
  createdAt: Time!
  updatedAt: Time!
  mergedAt: Time
  closedAt: Time
  sourceBranch: String!
  targetBranch: String!
  mergeCommitSha: String
  squashCommitSha: String
  webUrl: String
  author: MergeRequestAuthor
  labels(first: Int, after: String, last: Int, before: String): LabelConnection
  commits(first: Int, after: String, last: Int, before: String): CommitConnection
  commitsWithoutMergeCommits(first: Int, after: String, last: Int, before: String): CommitConnection
}

type MergeRequestAuthor {
  id: ID!
  username: String!
  name: String!
  bot: Boolean!
}

type LabelConnection {
  count: Int!
  pageInfo: PageInfo!
  nodes: [Label]
}

type Label {
  id: ID!
  title: String!
}

type CommitConnection {
  pageInfo: PageInfo!
  nodes: [Commit]
}

type Commit {
  id: ID!
  sha: String!
  title: String
  authoredDate: Time
}

type Repository {
  rootRef: String
  blobs(ref: String, paths: [String!]!, first: Int, after: String): RepositoryBlobConnection
}

type RepositoryBlobConnection {
  pageInfo: PageInfo!
  nodes: [RepositoryBlob]
}

type RepositoryBlob {
  id: ID!
  path: String!
  name: String
  size: BigInt
  rawTextBlob: String
}
`;

let cached: GraphQLSchema | null = null;

/** The schema, built once per test process. */
export function gitlabGraphqlSchema(): GraphQLSchema {
  if (!cached) cached = buildSchema(GITLAB_SDL);
  return cached;
}

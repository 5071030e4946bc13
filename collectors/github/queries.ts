/**
 * Every GraphQL document the GitHub collector sends. Each asks for
 * `rateLimit { cost remaining resetAt }`, so the client can count points and
 * wait before running dry. Pages are 100 nodes with their nested data (a pull
 * request's first commit, a commit's workflow runs), never one request per node.
 * test/collectors/github validates each against GitHub's published schema.
 */
import { CONVENTIONAL_FOLDERS, ROOT_CONFIG_FILES } from "./files";
import { BLOBS_QUERY, TREE_QUERY } from "./tree-walk";

const RATE_LIMIT = "rateLimit { cost remaining resetAt }";
const PAGE_INFO = "pageInfo { hasNextPage endCursor }";

const TEAM_MEMBERS = `fragment AltimeterTeamMembers on TeamMemberConnection {
  ${PAGE_INFO}
  nodes { login name }
}`;

const TEAM_REPOSITORIES = `fragment AltimeterTeamRepositories on TeamRepositoryConnection {
  ${PAGE_INFO}
  edges { permission node { nameWithOwner } }
}`;

/** The organisation's teams (with members and repositories) and repository names, paged together. */
export const ORGANIZATION_QUERY = `query AltimeterOrganization($org: String!, $withTeams: Boolean!, $teamsAfter: String, $withRepositories: Boolean!, $repositoriesAfter: String) {
  organization(login: $org) {
    login
    teams(first: 100, after: $teamsAfter, orderBy: {field: NAME, direction: ASC}) @include(if: $withTeams) {
      ${PAGE_INFO}
      nodes {
        slug
        name
        parentTeam { slug }
        members(first: 100, membership: IMMEDIATE) { ...AltimeterTeamMembers }
        repositories(first: 100) { ...AltimeterTeamRepositories }
      }
    }
    repositories(first: 100, after: $repositoriesAfter, orderBy: {field: NAME, direction: ASC}) @include(if: $withRepositories) {
      totalCount
      ${PAGE_INFO}
      nodes { nameWithOwner isFork pushedAt }
    }
  }
  ${RATE_LIMIT}
}
${TEAM_MEMBERS}
${TEAM_REPOSITORIES}`;

/** The further pages of one team's members or repositories, for teams with more than 100. */
export const TEAM_QUERY = `query AltimeterTeam($org: String!, $slug: String!, $withMembers: Boolean!, $membersAfter: String, $withRepositories: Boolean!, $repositoriesAfter: String) {
  organization(login: $org) {
    team(slug: $slug) {
      slug
      members(first: 100, after: $membersAfter, membership: IMMEDIATE) @include(if: $withMembers) { ...AltimeterTeamMembers }
      repositories(first: 100, after: $repositoriesAfter) @include(if: $withRepositories) { ...AltimeterTeamRepositories }
    }
  }
  ${RATE_LIMIT}
}
${TEAM_MEMBERS}
${TEAM_REPOSITORIES}`;

const FILE_FIELDS = `fragment AltimeterFileEntry on TreeEntry {
  path
  type
  size
  object { ... on Blob { isBinary text } }
}`;

/** Three levels under a conventional folder, with the text of each file. */
const FOLDER_FIELDS = `fragment AltimeterFolder on TreeEntry {
  path
  type
  object { ... on Tree { entries {
    ...AltimeterFileEntry
    object { ... on Tree { entries {
      ...AltimeterFileEntry
      object { ... on Tree { entries { ...AltimeterFileEntry } } }
    } } }
  } } }
}`;

/** The GraphQL alias of ROOT_CONFIG_FILES[i] in the snapshot (`c3`). */
export const fileAlias = (i: number) => `c${i}`;
/** The GraphQL alias of CONVENTIONAL_FOLDERS[i] in the snapshot (`d2`). */
export const folderAlias = (i: number) => `d${i}`;

const FILES_FIELDS = `fragment AltimeterFiles on Commit {
  tree { entries { path type } }
${ROOT_CONFIG_FILES.map((p, i) => `  ${fileAlias(i)}: file(path: ${JSON.stringify(p)}) { ...AltimeterFileEntry }`).join("\n")}
${CONVENTIONAL_FOLDERS.map((p, i) => `  ${folderAlias(i)}: file(path: ${JSON.stringify(p)}) { ...AltimeterFolder }`).join("\n")}
}`;

const REPOSITORY_FIELDS = `fragment AltimeterRepositoryFields on Repository {
  nameWithOwner
  createdAt
  url
  isTemplate
  templateRepository { nameWithOwner }
  defaultBranchRef { name target { oid } }
}`;

const PULL_REQUESTS = `fragment AltimeterPullRequests on PullRequestConnection {
  totalCount
  ${PAGE_INFO}
  nodes {
    number
    title
    createdAt
    updatedAt
    mergedAt
    closedAt
    baseRefName
    url
    labels(first: 100) { nodes { name } }
    author { __typename login ... on User { name } }
    mergeCommit { oid }
    commits(first: 1) { nodes { commit { authoredDate } } }
  }
}`;

// No totalCount: counting a long history is slow for GitHub and the collector does not need it.
const COMMITS = `fragment AltimeterCommits on CommitHistoryConnection {
  ${PAGE_INFO}
  nodes {
    oid
    authoredDate
    committedDate
    parents(first: 100) { totalCount nodes { oid } }
    author { user { login name } }
    checkSuites(first: 20) {
      nodes {
        status
        conclusion
        createdAt
        updatedAt
        branch { name }
        workflowRun { databaseId event createdAt updatedAt url workflow { name } }
      }
    }
  }
}`;

const DEPLOYMENTS = `fragment AltimeterDeployments on DeploymentConnection {
  totalCount
  ${PAGE_INFO}
  nodes {
    databaseId
    createdAt
    environment
    commitOid
    statuses(first: 100) { nodes { state createdAt logUrl } }
  }
}`;

const ISSUES = `fragment AltimeterIssues on IssueConnection {
  totalCount
  ${PAGE_INFO}
  nodes { number title state createdAt updatedAt closedAt url labels(first: 20) { nodes { name } } }
}`;

const RELEASES = `fragment AltimeterReleases on ReleaseConnection {
  totalCount
  ${PAGE_INFO}
  nodes { databaseId tagName createdAt publishedAt isDraft isPrerelease url tagCommit { oid } }
}`;

/**
 * One repository's streams, a page of each open one per request: the first
 * request fetches the first page of everything (and, when the branch moved,
 * the file snapshot), later ones only the streams with more pages. Commit
 * pages after the first follow the commit the pass started from
 * (`commitsFrom`), so a push during the sync does not shift them.
 */
export const REPOSITORY_QUERY = `query AltimeterRepository(
  $owner: String!, $name: String!,
  $withPulls: Boolean!, $pullsAfter: String,
  $withCommits: Boolean!, $withCommitsFrom: Boolean!, $commitsFrom: GitObjectID, $commitsAfter: String, $commitsSince: GitTimestamp,
  $withDeployments: Boolean!, $deploymentsAfter: String, $environments: [String!],
  $withIncidents: Boolean!, $issuesAfter: String, $issuesSince: DateTime, $incidentLabels: [String!],
  $withReleases: Boolean!, $releasesAfter: String,
  $withFiles: Boolean!
) {
  repository(owner: $owner, name: $name) {
    ...AltimeterRepositoryFields
    pullRequests(first: 100, after: $pullsAfter, orderBy: {field: UPDATED_AT, direction: DESC}) @include(if: $withPulls) { ...AltimeterPullRequests }
    defaultBranchRef {
      target {
        ... on Commit {
          history(first: 100, after: $commitsAfter, since: $commitsSince) @include(if: $withCommits) { ...AltimeterCommits }
          ...AltimeterFiles @include(if: $withFiles)
        }
      }
    }
    commitsFrom: object(oid: $commitsFrom) @include(if: $withCommitsFrom) {
      ... on Commit { history(first: 100, after: $commitsAfter, since: $commitsSince) { ...AltimeterCommits } }
    }
    deployments(first: 100, after: $deploymentsAfter, environments: $environments, orderBy: {field: CREATED_AT, direction: DESC}) @include(if: $withDeployments) { ...AltimeterDeployments }
    issues(first: 100, after: $issuesAfter, labels: $incidentLabels, filterBy: {since: $issuesSince}, orderBy: {field: UPDATED_AT, direction: DESC}) @include(if: $withIncidents) { ...AltimeterIssues }
    releases(first: 100, after: $releasesAfter, orderBy: {field: CREATED_AT, direction: DESC}) @include(if: $withReleases) { ...AltimeterReleases }
  }
  ${RATE_LIMIT}
}
${REPOSITORY_FIELDS}
${PULL_REQUESTS}
${COMMITS}
${DEPLOYMENTS}
${ISSUES}
${RELEASES}
${FILES_FIELDS}
${FILE_FIELDS}
${FOLDER_FIELDS}`;

/** Every document, by name, for the schema test. */
export const DOCUMENTS = { ORGANIZATION_QUERY, TEAM_QUERY, REPOSITORY_QUERY, TREE_QUERY, BLOBS_QUERY } as const;

/**
 * GraphQL views of the fixture model: objects whose fields graphql-js's
 * default resolver reads, with connections as functions of their arguments
 * (first/after pagination, orderBy, and the filters the collector uses).
 */
import type { FakeCommit, FakeFile, FakeOrg, FakeRepo, FakeTeam } from "./model";
import { repoId } from "./model";

/** A resolver error GitHub-style: `type` goes into the response's error. */
export class FakeGithubError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
}

const encode = (key: string) => Buffer.from(`cursor:${key}`).toString("base64");
const decode = (cursor: string) =>
  Buffer.from(cursor, "base64")
    .toString("utf8")
    .replace(/^cursor:/, "");

/** A connection over `items` (already ordered): pages of `first` after the item named by `after`. */
export function connection<T>(
  items: readonly T[],
  args: ConnectionArgs,
  key: (item: T) => string,
  view: (item: T) => object,
  edge: (item: T) => object = () => ({}),
) {
  if (args.first == null && args.last == null)
    throw new FakeGithubError(
      "MISSING_PAGINATION_BOUNDARIES",
      "You must provide a `first` or `last` value to properly paginate.",
    );
  const first = args.first ?? 100;
  if (first > 100)
    throw new FakeGithubError(
      "EXCESSIVE_PAGINATION",
      `Requesting ${first} records exceeds the \`first\` limit of 100 records.`,
    );
  let start = 0;
  if (args.after) {
    const k = decode(args.after);
    const at = items.findIndex((i) => key(i) === k);
    if (at < 0)
      throw new FakeGithubError("INVALID_CURSOR_ARGUMENTS", `\`${args.after}\` does not appear to be a valid cursor.`);
    start = at + 1;
  }
  const slice = items.slice(start, start + first);
  const last = slice.at(-1);
  return {
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      endCursor: last === undefined ? null : encode(key(last)),
      startCursor: slice[0] === undefined ? null : encode(key(slice[0])),
    },
    nodes: slice.map(view),
    edges: slice.map((i) => ({ cursor: encode(key(i)), node: view(i), ...edge(i) })),
  };
}

const byTime =
  <T>(time: (t: T) => string, direction: string) =>
  (a: T, b: T) => {
    const d = Date.parse(time(a)) - Date.parse(time(b));
    return direction === "DESC" ? -d : d;
  };

function actor(org: FakeOrg, login: string | null | undefined) {
  if (!login) return null;
  const user = org.users[login];
  if (user?.bot) return { __typename: "Bot", login, url: `https://github.com/apps/${login}` };
  return { __typename: "User", login, name: user?.name ?? null };
}

function blobOrTree(repo: FakeRepo, path: string): object | null {
  const file: FakeFile | undefined = repo.files[path];
  if (file !== undefined) {
    const binary = typeof file !== "string";
    return {
      __typename: "Blob",
      isBinary: binary,
      byteSize: binary ? file.size : Buffer.byteLength(file),
      text: binary ? null : file,
      isTruncated: false,
    };
  }
  const prefix = path === "" ? "" : `${path}/`;
  const children = new Set<string>();
  for (const p of Object.keys(repo.files))
    if (p.startsWith(prefix)) children.add(p.slice(prefix.length).split("/")[0]!);
  if (children.size === 0) return null;
  return { __typename: "Tree", entries: [...children].sort().map((name) => treeEntry(repo, prefix + name)) };
}

function treeEntry(repo: FakeRepo, path: string) {
  const file = repo.files[path];
  const isBlob = file !== undefined;
  return {
    name: path.split("/").at(-1)!,
    path,
    type: isBlob ? "blob" : "tree",
    mode: isBlob ? 33188 : 16384,
    size: !isBlob ? 0 : typeof file === "string" ? Buffer.byteLength(file) : file.size,
    object: () => blobOrTree(repo, path),
  };
}

function commitView(org: FakeOrg, repo: FakeRepo, index: number): object {
  const c: FakeCommit = repo.commits[index]!;
  return {
    __typename: "Commit",
    oid: c.oid,
    authoredDate: c.authoredDate,
    committedDate: c.committedDate,
    parents: (args: ConnectionArgs) =>
      connection(
        c.parents ?? (repo.commits[index + 1] ? [repo.commits[index + 1]!.oid] : []),
        args,
        (oid) => oid,
        (oid) => ({ oid }),
      ),
    author: {
      name: c.author ?? "Someone",
      email: "someone@example.com",
      date: c.authoredDate,
      user: c.author ? actor(org, c.author) : null,
    },
    checkSuites: (args: ConnectionArgs) =>
      connection(
        c.suites,
        args,
        (s) => `${c.oid}:${s.workflow}`,
        (s) => ({
          status: s.status,
          conclusion: s.conclusion ?? null,
          createdAt: s.createdAt,
          updatedAt: s.updatedAt,
          branch: { name: s.branch },
          app: { slug: s.runId === undefined ? "codecov" : "github-actions" },
          workflowRun:
            s.runId === undefined
              ? null
              : {
                  databaseId: s.runId,
                  event: s.event,
                  createdAt: s.createdAt,
                  updatedAt: s.updatedAt,
                  url: `https://github.com/${repoId(repo)}/actions/runs/${s.runId}`,
                  workflow: { name: s.workflow },
                },
        }),
      ),
    history: (args: ConnectionArgs & { since?: string | null }) => {
      const rest = repo.commits.map((commit, i) => ({ commit, i })).slice(index);
      const since = args.since;
      const kept = since ? rest.filter(({ commit }) => Date.parse(commit.committedDate) >= Date.parse(since)) : rest;
      return connection(
        kept,
        args,
        ({ commit }) => commit.oid,
        ({ i }) => commitView(org, repo, i),
      );
    },
    tree: () => blobOrTree(repo, "") ?? { __typename: "Tree", entries: [] },
    file: ({ path }: { path: string }) => (blobOrTree(repo, path) ? treeEntry(repo, path) : null),
  };
}

/** A repository as GraphQL sees it; querying a `broken` one fails. */
export function repositoryView(org: FakeOrg, repo: FakeRepo): object {
  if (repo.broken) throw new FakeGithubError("FORBIDDEN", repo.broken);
  const id = repoId(repo);
  return {
    __typename: "Repository",
    name: repo.name,
    nameWithOwner: id,
    createdAt: repo.createdAt,
    pushedAt: repo.pushedAt,
    url: `https://github.com/${id}`,
    isTemplate: repo.isTemplate ?? false,
    isFork: repo.isFork ?? false,
    isArchived: false,
    templateRepository: repo.template ? { nameWithOwner: repo.template } : null,
    defaultBranchRef:
      repo.defaultBranch && repo.commits.length > 0
        ? { name: repo.defaultBranch, target: commitView(org, repo, 0) }
        : null,
    object: ({ oid }: { oid?: string | null }) => {
      const i = repo.commits.findIndex((c) => c.oid === oid);
      return i < 0 ? null : commitView(org, repo, i);
    },
    pullRequests: (args: ConnectionArgs & { orderBy?: { field: string; direction: string } }) => {
      const field = args.orderBy?.field === "UPDATED_AT" ? "updatedAt" : "createdAt";
      const sorted = [...repo.pulls].sort(byTime((p) => p[field], args.orderBy?.direction ?? "ASC"));
      return connection(
        sorted,
        args,
        (p) => String(p.number),
        (p) => ({
          number: p.number,
          title: p.title ?? `Pull request ${p.number}`,
          labels: (a: ConnectionArgs) =>
            connection(
              p.labels ?? [],
              a,
              (l) => l,
              (l) => ({ name: l }),
            ),
          createdAt: p.createdAt,
          updatedAt: p.updatedAt,
          mergedAt: p.mergedAt ?? null,
          closedAt: p.closedAt ?? null,
          baseRefName: p.baseRefName,
          url: `https://github.com/${id}/pull/${p.number}`,
          author: actor(org, p.author),
          mergeCommit: p.mergeCommit ? { oid: p.mergeCommit } : null,
          commits: (a: ConnectionArgs) =>
            connection(
              p.commitDates,
              a,
              (d) => d,
              (d) => ({ commit: { authoredDate: d } }),
            ),
        }),
      );
    },
    deployments: (args: ConnectionArgs & { environments?: string[] | null; orderBy: { direction: string } }) => {
      const envs = args.environments;
      const kept = envs ? repo.deployments.filter((d) => envs.includes(d.environment)) : repo.deployments;
      const sorted = [...kept].sort(byTime((d) => d.createdAt, args.orderBy.direction));
      return connection(
        sorted,
        args,
        (d) => String(d.id),
        (d) => ({
          databaseId: d.id,
          createdAt: d.createdAt,
          environment: d.environment,
          commitOid: d.commitOid,
          // GitHub lists a deployment's statuses newest first.
          statuses: (a: ConnectionArgs) =>
            connection(
              [...d.statuses].reverse(),
              a,
              (s) => `${s.state}@${s.createdAt}`,
              (s) => ({ state: s.state, createdAt: s.createdAt, logUrl: s.logUrl ?? null }),
            ),
        }),
      );
    },
    issues: (
      args: ConnectionArgs & {
        labels?: string[] | null;
        filterBy?: { since?: string | null } | null;
        orderBy?: { field: string; direction: string };
      },
    ) => {
      const labels = args.labels?.map((l) => l.toLowerCase());
      const since = args.filterBy?.since;
      let kept = repo.issues.filter((i) => !labels || i.labels.some((l) => labels.includes(l.toLowerCase())));
      if (since) kept = kept.filter((i) => Date.parse(i.updatedAt) >= Date.parse(since));
      const field = args.orderBy?.field === "UPDATED_AT" ? "updatedAt" : "createdAt";
      const sorted = [...kept].sort(byTime((i) => i[field], args.orderBy?.direction ?? "ASC"));
      return connection(
        sorted,
        args,
        (i) => String(i.number),
        (i) => ({
          number: i.number,
          title: i.title,
          state: i.state,
          createdAt: i.createdAt,
          updatedAt: i.updatedAt,
          closedAt: i.closedAt ?? null,
          url: `https://github.com/${id}/issues/${i.number}`,
          labels: (a: ConnectionArgs) =>
            connection(
              i.labels,
              a,
              (l) => l,
              (l) => ({ name: l }),
            ),
        }),
      );
    },
    releases: (args: ConnectionArgs & { orderBy?: { direction: string } }) => {
      const sorted = [...repo.releases].sort(byTime((r) => r.createdAt, args.orderBy?.direction ?? "ASC"));
      return connection(
        sorted,
        args,
        (r) => String(r.id),
        (r) => ({
          databaseId: r.id,
          tagName: r.tagName,
          createdAt: r.createdAt,
          publishedAt: r.isDraft ? null : (r.publishedAt ?? r.createdAt),
          isDraft: r.isDraft ?? false,
          isPrerelease: r.isPrerelease ?? false,
          url: `https://github.com/${id}/releases/tag/${r.tagName}`,
          tagCommit: r.tagOid ? { oid: r.tagOid } : null,
        }),
      );
    },
  };
}

function teamView(org: FakeOrg, team: FakeTeam): object {
  return {
    slug: team.slug,
    name: team.name,
    parentTeam: team.parent ? { slug: team.parent } : null,
    members: (args: ConnectionArgs) =>
      connection(
        team.members,
        args,
        (l) => l,
        (l) => actor(org, l)!,
      ),
    repositories: (args: ConnectionArgs) => {
      const repos = team.repositories.flatMap((r) => {
        const repo = org.repos.find((x) => repoId(x) === r.repo);
        return repo ? [{ repo, permission: r.permission }] : [];
      });
      return connection(
        repos,
        args,
        (r) => repoId(r.repo),
        (r) => ({ nameWithOwner: repoId(r.repo) }),
        (r) => ({ permission: r.permission }),
      );
    },
  };
}

/** The organisation, its teams and its repositories. */
export function organizationView(org: FakeOrg): object {
  return {
    login: org.login,
    teams: (args: ConnectionArgs) =>
      connection(
        [...org.teams].sort((a, b) => a.name.localeCompare(b.name)),
        args,
        (t) => t.slug,
        (t) => teamView(org, t),
      ),
    team: ({ slug }: { slug: string }) => {
      const team = org.teams.find((t) => t.slug === slug);
      return team ? teamView(org, team) : null;
    },
    repositories: (args: ConnectionArgs) =>
      connection(
        [...org.repos].sort((a, b) => a.name.localeCompare(b.name)),
        args,
        repoId,
        (r) => ({ nameWithOwner: repoId(r), isFork: r.isFork ?? false, pushedAt: r.pushedAt }),
      ),
  };
}

/**
 * A GitLab on 127.0.0.1: the REST API v4 endpoints the collector reads, in
 * the shapes GitLab documents (offset pagination with `X-Page`,
 * `X-Next-Page`, `X-Total`; `RateLimit-*` headers on every answer; 429 with
 * `Retry-After`), and `POST /api/graphql` executed by graphql-js over the
 * schema of support/schema.ts. It checks `PRIVATE-TOKEN`, records every
 * request and lets a test inject faults at any request.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { graphql } from "graphql";
import type { FakeInstance, FakeMergeRequest, FakeProject } from "./model";
import { gitlabGraphqlSchema } from "./schema";

/** One request the server received. */
export interface RecordedRequest {
  n: number;
  method: string;
  path: string;
  query: URLSearchParams;
  operation: string | null;
  variables: Record<string, unknown>;
  status: number;
}

/** What a fault hook answers instead; `drop` closes the connection with no answer. */
export type FaultResponse = { status: number; headers?: Record<string, string>; body?: unknown } | "drop";

export interface FakeGitlab {
  url: string;
  data: FakeInstance;
  token: string;
  requests: RecordedRequest[];
  fault: ((request: RecordedRequest) => FaultResponse | undefined) | null;
  onRequest: ((n: number) => void) | null;
  /** The window the `RateLimit-*` headers describe. */
  rate: { limit: number; remaining: number; resetAt: number };
  /** How long each answer waits, as a network would (the benchmark's round trip). */
  latencyMs: number;
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

const time = (t: string) => Date.parse(t);

function paginate<T>(items: T[], query: URLSearchParams): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Number(query.get("per_page") ?? 20));
  const pageNo = Math.max(1, Number(query.get("page") ?? 1));
  const totalPages = Math.max(1, Math.ceil(items.length / perPage));
  const page = items.slice((pageNo - 1) * perPage, pageNo * perPage);
  return {
    page,
    headers: {
      "x-page": String(pageNo),
      "x-per-page": String(perPage),
      "x-next-page": pageNo < totalPages ? String(pageNo + 1) : "",
      "x-prev-page": pageNo > 1 ? String(pageNo - 1) : "",
      "x-total": String(items.length),
      "x-total-pages": String(totalPages),
    },
  };
}

/** `updated_after` as GitLab's pipelines and deployments finders apply it: strictly after. */
const updatedAfter = <T extends { updated_at: string }>(items: T[], query: URLSearchParams) => {
  const after = query.get("updated_after");
  return after ? items.filter((i) => time(i.updated_at) > time(after)) : items;
};

const byUpdated = <T extends { updated_at: string }>(items: T[], query: URLSearchParams, key: (i: T) => number) => {
  const dir = query.get("sort") === "desc" ? -1 : 1;
  return query.get("order_by") === "updated_at"
    ? [...items].sort((a, b) => dir * (time(a.updated_at) - time(b.updated_at) || key(a) - key(b)))
    : [...items].sort((a, b) => dir * (key(a) - key(b)));
};

function mergeRequestView(project: FakeProject, mr: FakeMergeRequest) {
  const connection = <T>(items: T[], args: { first?: number; last?: number }) => {
    const nodes = args.last !== undefined ? items.slice(-args.last) : items.slice(0, args.first ?? 100);
    return {
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      nodes,
      count: items.length,
    };
  };
  return {
    id: `gid://gitlab/MergeRequest/${project.id * 100_000 + mr.iid}`,
    iid: String(mr.iid),
    title: mr.title,
    state: mr.state,
    createdAt: mr.created_at,
    updatedAt: mr.updated_at,
    mergedAt: mr.merged_at,
    closedAt: mr.closed_at,
    sourceBranch: `feature/${mr.iid}`,
    targetBranch: mr.target_branch,
    mergeCommitSha: mr.merge_commit_sha,
    squashCommitSha: mr.squash_commit_sha,
    webUrl: `https://gitlab.example/${project.path_with_namespace}/-/merge_requests/${mr.iid}`,
    author: mr.author ? { id: `gid://gitlab/User/${mr.author.username}`, ...mr.author } : null,
    labels: (args: { first?: number; last?: number }) =>
      connection(
        mr.labels.map((title) => ({ id: `gid://gitlab/ProjectLabel/${title}`, title })),
        args,
      ),
    commits: (args: { first?: number; last?: number }) =>
      connection(
        mr.commits.map((c) => ({ id: c.sha, sha: c.sha, authoredDate: c.authored_date })),
        args,
      ),
    commitsWithoutMergeCommits: (args: { first?: number; last?: number }) =>
      connection(
        mr.commits.map((c) => ({ id: c.sha, sha: c.sha, authoredDate: c.authored_date })),
        args,
      ),
  };
}

const NO_MORE = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

/** A page of an already ordered list after an opaque cursor (the position's key), as GitLab's keyset connections page. */
function keysetPage<T, V>(
  items: T[],
  args: { first?: number; after?: string },
  key: (item: T) => number,
  view: (item: T) => V,
) {
  let rest = items;
  if (args.after) {
    const after = Number(Buffer.from(args.after, "base64").toString());
    rest = items.slice(items.findIndex((i) => key(i) === after) + 1);
  }
  const first = Math.min(100, args.first ?? 100);
  const page = rest.slice(0, first);
  const last = page.at(-1);
  return {
    count: items.length,
    pageInfo: {
      hasNextPage: rest.length > first,
      hasPreviousPage: Boolean(args.after),
      startCursor: null,
      endCursor: last === undefined ? null : Buffer.from(String(key(last))).toString("base64"),
    },
    nodes: page.map(view),
  };
}

function projectView(project: FakeProject) {
  return {
    id: `gid://gitlab/Project/${project.id}`,
    fullPath: project.path_with_namespace,
    mergeRequests: (args: { first?: number; after?: string; sort?: string; updatedAfter?: string }) => {
      // Keyset cursors (updated_at, iid), as GitLab's are: stable while items change.
      const asc = !args.sort || /asc/i.test(args.sort);
      let items = [...project.mergeRequests].sort(
        (a, b) => (asc ? 1 : -1) * (time(a.updated_at) - time(b.updated_at) || a.iid - b.iid),
      );
      if (args.updatedAfter) items = items.filter((m) => time(m.updated_at) >= time(args.updatedAfter!));
      const count = items.length;
      if (args.after) {
        const key = JSON.parse(Buffer.from(args.after, "base64").toString()) as { t: number; iid: number };
        items = items.filter((m) =>
          asc
            ? time(m.updated_at) > key.t || (time(m.updated_at) === key.t && m.iid > key.iid)
            : time(m.updated_at) < key.t || (time(m.updated_at) === key.t && m.iid < key.iid),
        );
      }
      const first = Math.min(100, args.first ?? 100);
      const page = items.slice(0, first);
      const last = page.at(-1);
      return {
        count,
        pageInfo: {
          hasNextPage: items.length > first,
          hasPreviousPage: Boolean(args.after),
          startCursor: null,
          endCursor: last
            ? Buffer.from(JSON.stringify({ t: time(last.updated_at), iid: last.iid })).toString("base64")
            : null,
        },
        nodes: page.map((m) => mergeRequestView(project, m)),
      };
    },
    pipelines: (args: { first?: number; after?: string; ref?: string; updatedAfter?: string }) => {
      let items = [...project.pipelines].sort((a, b) => b.id - a.id);
      if (args.ref) items = items.filter((p) => p.ref === args.ref);
      if (args.updatedAfter) items = items.filter((p) => time(p.updated_at) >= time(args.updatedAfter!));
      return keysetPage(
        items,
        args,
        (p) => p.id,
        (p) => ({
          id: `gid://gitlab/Ci::Pipeline/${p.id}`,
          iid: String(p.iid),
          sha: p.sha,
          ref: p.ref,
          status: p.status.toUpperCase(),
          source: p.source,
          name: p.name,
          createdAt: p.created_at,
          updatedAt: p.updated_at,
          startedAt: p.created_at,
          finishedAt: ["success", "failed", "canceled", "skipped"].includes(p.status) ? p.updated_at : null,
          path: `/${project.path_with_namespace}/-/pipelines/${p.id}`,
        }),
      );
    },
    issues: (args: {
      first?: number;
      after?: string;
      types?: string[];
      labelName?: string[];
      or?: { labelNames?: string[] };
      sort?: string;
      updatedAfter?: string;
    }) => {
      let items = [...project.issues].sort((a, b) => time(a.updated_at) - time(b.updated_at) || a.iid - b.iid);
      if (args.types) items = items.filter((i) => args.types!.includes(i.issue_type.toUpperCase()));
      if (args.labelName) items = items.filter((i) => args.labelName!.every((l) => i.labels.includes(l)));
      if (args.or?.labelNames) items = items.filter((i) => args.or!.labelNames!.some((l) => i.labels.includes(l)));
      if (args.updatedAfter) items = items.filter((i) => time(i.updated_at) >= time(args.updatedAfter!));
      return keysetPage(
        items,
        args,
        (i) => i.iid,
        (i) => ({
          id: `gid://gitlab/Issue/${project.id * 1000 + i.iid}`,
          iid: String(i.iid),
          title: i.title,
          state: i.state,
          type: i.issue_type.toUpperCase(),
          createdAt: i.created_at,
          updatedAt: i.updated_at,
          closedAt: i.closed_at,
          webUrl: `https://gitlab.example/${project.path_with_namespace}/-/issues/${i.iid}`,
          severity: i.issue_type === "incident" ? (i.severity ?? "UNKNOWN") : null,
          labels: { count: i.labels.length, pageInfo: NO_MORE, nodes: i.labels.map((title) => ({ id: title, title })) },
        }),
      );
    },
    releases: (args: { first?: number; after?: string }) => {
      const items = [...project.releases].sort((a, b) => time(b.released_at) - time(a.released_at));
      return keysetPage(
        items,
        args,
        (r) => items.indexOf(r),
        (r) => ({
          tagName: r.tag_name,
          name: r.tag_name,
          createdAt: r.created_at,
          releasedAt: r.released_at,
          upcomingRelease: r.upcoming_release,
          commit: { id: r.commit.id, sha: r.commit.id },
          links: { selfUrl: `https://gitlab.example/${project.path_with_namespace}/-/releases/${r.tag_name}` },
        }),
      );
    },
    repository: {
      rootRef: project.default_branch,
      blobs: (args: { paths: string[] }) => ({
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
        nodes: args.paths
          .filter((p) => p in project.files)
          .map((p) => ({
            id: `gid://gitlab/Blob/${p}`,
            path: p,
            name: p.split("/").at(-1),
            size: String(Buffer.byteLength(project.files[p]!)),
            rawTextBlob: project.files[p],
          })),
      }),
    },
  };
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeGitlab(data: FakeInstance, token = "glpat-test-token-123"): Promise<FakeGitlab> {
  const schema = gitlabGraphqlSchema();
  const fake: FakeGitlab = {
    url: "",
    data,
    token,
    requests: [],
    fault: null,
    onRequest: null,
    rate: { limit: 2000, remaining: 2000, resetAt: Math.ceil(Date.now() / 1000) + 60 },
    latencyMs: 0,
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const recorded: RecordedRequest = {
      n: fake.requests.length + 1,
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      operation: null,
      variables: {},
      status: 0,
    };
    fake.requests.push(recorded);
    fake.onRequest?.(recorded.n);
    const text = await readBody(req);
    if (fake.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.latencyMs));
    let gql: { query?: string; variables?: Record<string, unknown> } = {};
    if (url.pathname === "/api/graphql") {
      try {
        gql = JSON.parse(text);
      } catch {
        gql = {};
      }
      recorded.operation = /query\s+(\w+)/.exec(gql.query ?? "")?.[1] ?? null;
      recorded.variables = gql.variables ?? {};
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      recorded.status = status;
      fake.rate.remaining = Math.max(0, fake.rate.remaining - 1);
      res.writeHead(status, {
        "content-type": "application/json",
        "ratelimit-limit": String(fake.rate.limit),
        "ratelimit-observed": String(fake.rate.limit - fake.rate.remaining),
        "ratelimit-remaining": String(fake.rate.remaining),
        "ratelimit-reset": String(fake.rate.resetAt),
        "ratelimit-resettime": new Date(fake.rate.resetAt * 1000).toUTCString(),
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    const injected = fake.fault?.(recorded);
    if (injected === "drop") {
      recorded.status = -1;
      req.socket.destroy();
      return;
    }
    if (injected) return send(injected.status, injected.body ?? { message: "fault" }, injected.headers);
    if (req.headers["private-token"] !== fake.token && req.headers.authorization !== `Bearer ${fake.token}`)
      return send(401, { message: "401 Unauthorized" });

    if (url.pathname === "/api/graphql") {
      if (req.method !== "POST") return send(404, { message: "404 Not Found" });
      const result = await graphql({
        schema,
        source: gql.query ?? "",
        variableValues: gql.variables,
        rootValue: {
          project: ({ fullPath }: { fullPath: string }) => {
            const p = data.projects.find((x) => x.path_with_namespace === fullPath);
            return p ? projectView(p) : null;
          },
        },
      });
      return send(200, result);
    }
    const parts = url.pathname.split("/").slice(3).map(decodeURIComponent); // after /api/v4
    if (!url.pathname.startsWith("/api/v4/")) return send(404, { message: "404 Not Found" });
    const q = url.searchParams;
    const answer = (items: unknown[]) => {
      const { page, headers } = paginate(items, q);
      return send(200, page, headers);
    };
    if (parts[0] === "groups") {
      const g = data.groups.find((x) => String(x.id) === parts[1] || x.full_path === parts[1]);
      if (!g) return send(404, { message: "404 Group Not Found" });
      const view = (x: typeof g) => ({
        id: x.id,
        name: x.name,
        path: x.full_path.split("/").at(-1),
        full_path: x.full_path,
        full_name: x.full_path,
        parent_id: x.parent_id,
        web_url: `https://gitlab.example/groups/${x.full_path}`,
      });
      const descendants = (id: number): typeof data.groups =>
        data.groups.filter((x) => x.parent_id === id).flatMap((x) => [x, ...descendants(x.id)]);
      if (parts.length === 2) return send(200, view(g));
      if (parts[2] === "descendant_groups") return answer(descendants(g.id).map(view));
      if (parts[2] === "members") return answer(g.members.map((m) => ({ ...m, state: "active", access_level: 30 })));
      if (parts[2] === "projects") {
        const ids = new Set([
          g.id,
          ...(q.get("include_subgroups") === "true" ? descendants(g.id).map((x) => x.id) : []),
        ]);
        return answer(
          data.projects
            .filter((p) => ids.has(p.namespace_id) && (q.get("archived") !== "false" || !p.archived))
            .sort((a, b) => a.id - b.id)
            .map((p) => projectJson(p)),
        );
      }
      return send(404, { message: "404 Not Found" });
    }
    if (parts[0] === "projects") {
      const p = data.projects.find((x) => String(x.id) === parts[1] || x.path_with_namespace === parts[1]);
      if (!p) return send(404, { message: "404 Project Not Found" });
      const rest = parts.slice(2).join("/");
      if (rest === "") return send(200, projectJson(p));
      if (rest === "repository/commits") {
        const ref = q.get("ref_name") ?? p.default_branch;
        const start = p.commits.findIndex((c) => c.id === ref);
        let commits = ref === p.default_branch ? p.commits : start >= 0 ? p.commits.slice(start) : [];
        const since = q.get("since");
        if (since) commits = commits.filter((c) => time(c.committed_date) >= time(since));
        return answer(
          commits.map((c) => ({
            ...c,
            short_id: c.id.slice(0, 8),
            title: `Commit ${c.id.slice(-4)}`,
            created_at: c.committed_date,
            committer_name: c.author_name,
            committer_email: c.author_email,
            web_url: `https://gitlab.example/${p.path_with_namespace}/-/commit/${c.id}`,
          })),
        );
      }
      if (rest === "deployments") {
        let items = updatedAfter(p.deployments, q);
        if (q.get("environment")) items = items.filter((d) => d.environment.name === q.get("environment"));
        return answer(byUpdated(items, q, (d) => d.id).map((d) => ({ ...d, user: { username: "deployer" } })));
      }
      if (rest === "pipelines") {
        let items = updatedAfter(p.pipelines, q);
        if (q.get("ref")) items = items.filter((x) => x.ref === q.get("ref"));
        return answer(byUpdated(items, q, (x) => x.id));
      }
      if (rest === "issues") {
        let items = p.issues;
        const after = q.get("updated_after");
        // Issuable finders include the bound.
        if (after) items = items.filter((i) => time(i.updated_at) >= time(after));
        if (q.get("issue_type")) items = items.filter((i) => i.issue_type === q.get("issue_type"));
        const labels = q.get("labels")?.split(",") ?? [];
        if (labels.length) items = items.filter((i) => labels.every((l) => i.labels.includes(l)));
        return answer(
          byUpdated(items, q, (i) => i.iid).map((i) => ({
            id: p.id * 1000 + i.iid,
            project_id: p.id,
            ...i,
            web_url: `https://gitlab.example/${p.path_with_namespace}/-/issues/${i.iid}`,
          })),
        );
      }
      if (rest === "releases") {
        const items = [...p.releases].sort((a, b) => time(b.released_at) - time(a.released_at));
        return answer(
          items.map((r) => ({
            ...r,
            name: r.tag_name,
            _links: { self: `https://gitlab.example/${p.path_with_namespace}/-/releases/${r.tag_name}` },
          })),
        );
      }
      if (rest === "repository/tree") {
        const base = q.get("path") ?? "";
        const recursive = q.get("recursive") === "true";
        const prefix = base ? `${base}/` : "";
        const entries = new Map<string, { type: "blob" | "tree" }>();
        for (const file of Object.keys(p.files).sort()) {
          if (!file.startsWith(prefix)) continue;
          const segments = file.slice(prefix.length).split("/");
          if (recursive)
            for (let i = 0; i < segments.length; i++)
              entries.set(prefix + segments.slice(0, i + 1).join("/"), {
                type: i === segments.length - 1 ? "blob" : "tree",
              });
          else entries.set(prefix + segments[0], { type: segments.length === 1 ? "blob" : "tree" });
        }
        if (base && entries.size === 0) return send(404, { message: "404 Tree Not Found" });
        return answer(
          [...entries].map(([path, e]) => ({
            id: path,
            name: path.split("/").at(-1),
            type: e.type,
            path,
            mode: "100644",
          })),
        );
      }
    }
    return send(404, { message: "404 Not Found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

function projectJson(p: FakeProject) {
  const namespace = p.path_with_namespace.split("/").slice(0, -1).join("/");
  return {
    id: p.id,
    name: p.path_with_namespace.split("/").at(-1),
    path: p.path_with_namespace.split("/").at(-1),
    path_with_namespace: p.path_with_namespace,
    created_at: p.created_at,
    default_branch: p.default_branch,
    web_url: `https://gitlab.example/${p.path_with_namespace}`,
    archived: p.archived,
    namespace: { id: p.namespace_id, name: namespace, path: namespace, kind: "group", full_path: namespace },
  };
}

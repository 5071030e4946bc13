/**
 * A GitHub GraphQL API on 127.0.0.1: a real HTTP server that executes GitHub's
 * published schema (@octokit/graphql-schema) with graphql-js over a fixture
 * model. It checks the bearer token like GitHub, charges rate-limit points as
 * GitHub documents them (support/cost.ts),
 * records every request, and lets a test inject faults (a 502, a secondary
 * rate limit, a dropped connection) at any request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { schema as githubSchema } from "@octokit/graphql-schema";
import { buildSchema, graphql, type GraphQLSchema } from "graphql";
import { queryCost } from "./cost";
import type { FakeOrg } from "./model";
import { repoId } from "./model";
import { FakeGithubError, organizationView, repositoryView } from "./views";

let schemaCache: GraphQLSchema | null = null;

/** GitHub's schema, built once per test process. */
export function githubGraphqlSchema(): GraphQLSchema {
  schemaCache ??= buildSchema(githubSchema.idl, { assumeValidSDL: true });
  return schemaCache;
}

/** One request the server received. */
export interface RecordedRequest {
  n: number;
  operation: string;
  variables: Record<string, unknown>;
  status: number;
}

/** What a fault hook answers instead of executing the query; `drop` closes the connection with no answer. */
export type FaultResponse = { status: number; headers?: Record<string, string>; body?: unknown } | "drop";

export interface FakeGithub {
  /** The GraphQL endpoint, GitHub Enterprise Server style: http://127.0.0.1:PORT/api/graphql. */
  url: string;
  org: FakeOrg;
  /** The token the server accepts; change it to make the client's token "expire". */
  token: string;
  requests: RecordedRequest[];
  /** Called before each request (n counts from 1); a response replaces the real answer. */
  fault: ((n: number, operation: string, variables: Record<string, unknown>) => FaultResponse | undefined) | null;
  /** Called when a request arrives, before anything else (to abort a sync mid-flight). */
  onRequest: ((n: number) => void) | null;
  rate: { remaining: number; resetAt: string };
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the fake on a free port of 127.0.0.1. */
export async function startFakeGithub(org: FakeOrg, token = "test-token-123"): Promise<FakeGithub> {
  const schema = githubGraphqlSchema();
  const fake: FakeGithub = {
    url: "",
    org,
    token,
    requests: [],
    fault: null,
    onRequest: null,
    rate: { remaining: 5000, resetAt: "2099-01-01T00:00:00Z" },
    close: async () => {},
  };
  // Every answer records its status on the request, so tests can read what the client saw.
  const answer = (
    res: ServerResponse,
    recorded: RecordedRequest,
    status: number,
    body: unknown,
    headers?: Record<string, string>,
  ) => {
    recorded.status = status;
    return send(res, status, body, headers);
  };
  const server = createServer(async (req, res) => {
    const n = fake.requests.length + 1;
    const recorded: RecordedRequest = { n, operation: "?", variables: {}, status: 0 };
    fake.requests.push(recorded);
    fake.onRequest?.(n);
    const text = await readBody(req);
    if (req.method !== "POST" || req.url !== "/api/graphql")
      return answer(res, recorded, 404, { message: "Not Found" });
    let payload: { query?: string; variables?: Record<string, unknown> };
    try {
      payload = JSON.parse(text);
    } catch {
      return answer(res, recorded, 400, { message: "Problems parsing JSON" });
    }
    recorded.operation = /query\s+(\w+)/.exec(payload.query ?? "")?.[1] ?? "?";
    recorded.variables = payload.variables ?? {};
    const injected = fake.fault?.(n, recorded.operation, recorded.variables);
    if (injected === "drop") {
      recorded.status = -1;
      req.socket.destroy();
      return;
    }
    if (injected)
      return answer(res, recorded, injected.status, injected.body ?? { message: "fault" }, injected.headers);
    if (req.headers.authorization !== `bearer ${fake.token}`) {
      return answer(res, recorded, 401, {
        message: "Bad credentials",
        documentation_url: "https://docs.github.com/graphql",
      });
    }
    let cost = 1;
    try {
      cost = queryCost(payload.query ?? "", recorded.variables);
    } catch {
      // graphql-js reports the syntax error below.
    }
    fake.rate.remaining = Math.max(0, fake.rate.remaining - cost);
    const rootValue = {
      rateLimit: () => ({
        cost,
        limit: 5000,
        nodeCount: 100,
        remaining: fake.rate.remaining,
        resetAt: fake.rate.resetAt,
        used: 5000 - fake.rate.remaining,
      }),
      organization: ({ login }: { login: string }) => {
        if (login !== fake.org.login)
          throw new FakeGithubError("NOT_FOUND", `Could not resolve to an Organization with the login of '${login}'.`);
        return organizationView(fake.org);
      },
      repository: ({ owner, name }: { owner: string; name: string }) => {
        const repo = fake.org.repos.find((r) => repoId(r).toLowerCase() === `${owner}/${name}`.toLowerCase());
        if (!repo)
          throw new FakeGithubError("NOT_FOUND", `Could not resolve to a Repository with the name '${owner}/${name}'.`);
        return repositoryView(fake.org, repo);
      },
    };
    const result = await graphql({ schema, source: payload.query ?? "", variableValues: payload.variables, rootValue });
    const errors = result.errors?.map((e) => ({
      type: e.originalError instanceof FakeGithubError ? e.originalError.type : undefined,
      message: e.message,
      path: e.path,
      locations: e.locations,
    }));
    answer(res, recorded, 200, errors ? { data: result.data ?? null, errors } : { data: result.data }, {
      "x-oauth-scopes": "repo, read:org",
      "x-ratelimit-remaining": String(fake.rate.remaining),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.url = `http://127.0.0.1:${port}/api/graphql`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

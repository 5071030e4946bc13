/**
 * A Jira on 127.0.0.1 answering the search APIs in Jira's documented shapes:
 * Cloud's `GET /rest/api/3/search/jql` (enhanced search: `nextPageToken`,
 * `isLast`, and, as Jira Cloud does, no `nextPageToken` key on the last page)
 * behind Basic e-mail:token, and Data Center's `GET /rest/api/2/search`
 * (`startAt`, `maxResults`, `total`) behind a Bearer personal access token.
 * Issues carry `fields` (dates as `2026-01-05T10:00:00.000+0000`) and, with
 * `expand=changelog`, their `changelog.histories`. The JQL it understands is
 * the collector's: `(project = KEY) AND updated >= "-Nm" ORDER BY updated ASC`.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HOUR_MS } from "@/lib/time";

export interface FakeJiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown> & { created: string; updated: string };
  changelog?: {
    histories: {
      id: string;
      created: string;
      items: {
        field: string;
        fieldtype: string;
        from: string | null;
        fromString: string | null;
        to: string | null;
        toString: string | null;
      }[];
    }[];
  };
}

/** Jira's timestamp form: milliseconds and an offset without a colon. */
export const jiraAt = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");

export class FakeJira {
  issues: FakeJiraIssue[] = [];
  requests: URL[] = [];
  /** Status codes to answer the next requests with, before serving normally. */
  faults: number[] = [];
  /** Jira's clock, against which relative JQL dates are read. */
  now = Date.now();
  onRequest: ((n: number) => void) | null = null;
  private server: Server;

  constructor(readonly auth: { basic?: { email: string; token: string }; bearer?: string }) {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      this.requests.push(url);
      this.onRequest?.(this.requests.length);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json;charset=UTF-8", ...headers });
        res.end(JSON.stringify(body));
      };
      const expected = auth.basic
        ? `Basic ${Buffer.from(`${auth.basic.email}:${auth.basic.token}`).toString("base64")}`
        : `Bearer ${auth.bearer}`;
      if (req.headers.authorization !== expected)
        return send(401, { errorMessages: ["Client must be authenticated to access this resource."], errors: {} });
      const fault = this.faults.shift();
      if (fault === 429) return send(429, { errorMessages: ["Rate limit exceeded."] }, { "retry-after": "0" });
      if (fault) return send(fault, { errorMessages: ["Bad gateway"] });
      const jql = url.searchParams.get("jql") ?? "";
      const m = /^\(project = (\w+)\) AND updated >= "-(\d+)m" ORDER BY updated ASC$/.exec(jql);
      if (!m) return send(400, { errorMessages: [`Error in the JQL Query: ${jql}`], errors: {} });
      const bound = this.now - Number(m[2]) * 60_000;
      const matching = this.issues
        .filter(
          (i) =>
            i.key.startsWith(`${m[1]}-`) && Date.parse(i.fields.updated.replace(/(\d{2})(\d{2})$/, "$1:$2")) >= bound,
        )
        .sort(
          (a, b) =>
            Date.parse(a.fields.updated.replace(/(\d{2})(\d{2})$/, "$1:$2")) -
              Date.parse(b.fields.updated.replace(/(\d{2})(\d{2})$/, "$1:$2")) || Number(a.id) - Number(b.id),
        );
      const fields = (url.searchParams.get("fields") ?? "").split(",");
      const changelog = url.searchParams.get("expand")?.includes("changelog");
      const view = (i: FakeJiraIssue) => ({
        expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
        id: i.id,
        self: `https://acme.atlassian.net/rest/api/3/issue/${i.id}`,
        key: i.key,
        fields: Object.fromEntries(fields.filter((f) => f in i.fields).map((f) => [f, i.fields[f]])),
        ...(changelog
          ? {
              changelog: {
                startAt: 0,
                maxResults: 100,
                total: i.changelog?.histories.length ?? 0,
                histories: i.changelog?.histories ?? [],
              },
            }
          : {}),
      });
      const max = Math.min(100, Number(url.searchParams.get("maxResults") ?? 50));
      if (url.pathname === "/rest/api/3/search/jql" && auth.basic) {
        const offset = Number(Buffer.from(url.searchParams.get("nextPageToken") ?? "MA==", "base64").toString());
        const page = matching.slice(offset, offset + max);
        const last = offset + max >= matching.length;
        return send(200, {
          issues: page.map(view),
          ...(last
            ? { isLast: true }
            : { nextPageToken: Buffer.from(String(offset + max)).toString("base64"), isLast: false }),
        });
      }
      if (url.pathname === "/rest/api/2/search" && auth.bearer) {
        const startAt = Number(url.searchParams.get("startAt") ?? 0);
        return send(200, {
          expand: "schema,names",
          startAt,
          maxResults: max,
          total: matching.length,
          issues: matching.slice(startAt, startAt + max).map(view),
        });
      }
      return send(404, { errorMessages: ["Not found"] });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** An OPS incident created `n` hours after `base`, resolved half an hour later unless overridden. */
export function fakeIssue(n: number, base: number, overrides: Partial<FakeJiraIssue["fields"]> = {}): FakeJiraIssue {
  const created = base + n * HOUR_MS;
  return {
    id: String(10_000 + n),
    key: `OPS-${n}`,
    fields: {
      summary: `Incident ${n}`,
      created: jiraAt(created),
      updated: jiraAt(created + 30 * 60_000),
      resolutiondate: jiraAt(created + 30 * 60_000),
      statuscategorychangedate: jiraAt(created + 30 * 60_000),
      priority: { self: "https://acme.atlassian.net/rest/api/3/priority/2", name: "High", id: "2" },
      status: { name: "Resolved", id: "5", statusCategory: { id: 3, key: "done", name: "Done" } },
      components: [{ id: "10000", name: "Checkout API" }],
      labels: [],
      ...overrides,
    },
  };
}
